import * as z from 'zod';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { AllocateUnit, Allocation, ReleaseAllocation, ReleaseResult } from '../../../shared/spaces';
import { allocateUnit, getAllocation, listAllocations, releaseAllocation } from '../../../shared/spaces';

const tags = ['Allocations'];

export const allocationRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/allocations',
    operationId: 'allocateUnit',
    summary: 'Move a startup into a unit of your community for a period of months',
    description: 'At most 24 months, within the incubation period, not in the past. 409 UNIT_OCCUPIED when any month is taken.',
    tags,
    access: ['park_manager'],
    body: AllocateUnit,
    responses: { 201: { description: 'Allocated', schema: Allocation } },
    handler: async ({ c, ctx, body }) => {
      const allocation = await allocateUnit(ctx, body);
      return reply(c, allocation, 201, allocation.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/allocations/{id}/release',
    operationId: 'releaseAllocation',
    summary: 'Give a unit back from a month on, naming the first startup waiting for one like it',
    description:
      'Given back from its first month (or earlier), the allocation is cancelled: it holds no month and keeps lastMonth = toMonth. Otherwise it is released, lastMonth the month before effectiveMonth. 409 NOTHING_TO_RELEASE when it holds no month from effectiveMonth on.',
    tags,
    access: ['park_manager'],
    params: idParam('alc'),
    body: ReleaseAllocation,
    responses: { 200: { description: 'Released', schema: ReleaseResult } },
    handler: async ({ c, ctx, params, body }) => {
      const result = await releaseAllocation(ctx, params.id, body);
      return reply(c, result, 200, result.allocation.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/allocations/{id}',
    operationId: 'getAllocation',
    summary: 'One allocation (officer, auditor, its community manager, its founder)',
    tags,
    access: ['officer', 'auditor', 'park_manager', 'applicant'],
    params: idParam('alc'),
    responses: { 200: { description: 'The allocation', schema: Allocation } },
    handler: async ({ c, ctx, params }) => {
      const allocation = await getAllocation(ctx, params.id);
      return reply(c, allocation, 200, allocation.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/allocations',
    operationId: 'listAllocations',
    summary: 'Allocations of a startup or of a unit, oldest first (only those you may see)',
    tags,
    access: ['officer', 'auditor', 'park_manager', 'applicant'],
    query: listQuery({ startupId: z.string().min(1).max(64).optional(), unitId: z.string().min(1).max(64).optional() }),
    responses: { 200: { description: 'A page of allocations', schema: pageOf(Allocation) } },
    handler: async ({ c, ctx, query: { startupId, unitId, ...page } }) => reply(c, await listAllocations(ctx, { startupId, unitId }, page)),
  }),
];
