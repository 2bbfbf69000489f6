import * as z from 'zod';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { Month } from '../../../shared/clock';
import {
  Community,
  CommunityAllocation,
  CommunityAllocationQuery,
  CreateCommunity,
  CreateUnit,
  Occupancy,
  Unit,
  UnitListQuery,
  UpdateCommunity,
  UpdateUnit,
  Waitlist,
  WaitlistEntry,
  PastTermStartup,
  WaitingStartup,
  WaitlistRequest,
} from '../../../shared/spaces';
import {
  communityAllocations,
  createCommunity,
  createUnit,
  getCommunityById,
  getUnit,
  getWaitlist,
  joinWaitlist,
  listCommunities,
  listUnits,
  occupancy,
  updateCommunity,
  updateUnit,
  pastTermStartups,
  waitingStartups,
} from '../../../shared/spaces';

const tags = ['Communities'];
const communityParam = idParam('cmt');
const unitParams = z.strictObject({
  id: communityParam.shape.id,
  unitId: idParam('unt').shape.id.meta({ param: { name: 'unitId', in: 'path' } }),
});

export const communityRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/communities',
    operationId: 'createCommunity',
    summary: 'Open a youth community or startup park, naming its park managers',
    tags,
    access: ['officer'],
    body: CreateCommunity,
    responses: { 201: { description: 'Created', schema: Community } },
    handler: async ({ c, ctx, body }) => {
      const community = await createCommunity(ctx, body);
      return reply(c, community, 201, community.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/communities',
    operationId: 'listCommunities',
    summary: 'Youth communities and startup parks, oldest first',
    tags,
    access: 'signed-in',
    query: listQuery({}),
    responses: { 200: { description: 'A page of communities', schema: pageOf(Community) } },
    handler: async ({ c, query }) => reply(c, await listCommunities(query)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/communities/{id}',
    operationId: 'getCommunity',
    summary: 'One community',
    tags,
    access: 'signed-in',
    params: communityParam,
    responses: { 200: { description: 'The community', schema: Community } },
    handler: async ({ c, params }) => {
      const community = await getCommunityById(params.id);
      return reply(c, community, 200, community.version);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/communities/{id}',
    operationId: 'updateCommunity',
    summary: 'Rename a community or change its park managers',
    tags,
    access: ['officer'],
    params: communityParam,
    body: UpdateCommunity,
    ifMatch: true,
    responses: { 200: { description: 'Updated', schema: Community } },
    handler: async ({ c, ctx, params, body, expectedVersion }) => {
      const community = await updateCommunity(ctx, params.id, body, expectedVersion);
      return reply(c, community, 200, community.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/communities/{id}/units',
    operationId: 'createUnit',
    summary: 'Add a desk or office to your community (its code is unique there)',
    tags,
    access: ['park_manager'],
    params: communityParam,
    body: CreateUnit,
    responses: { 201: { description: 'Created', schema: Unit } },
    handler: async ({ c, ctx, params, body }) => {
      const unit = await createUnit(ctx, params.id, body);
      return reply(c, unit, 201, unit.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/communities/{id}/units',
    operationId: 'listUnits',
    summary: "A community's units; with freeFrom and freeTo, only active units free in every month of that period",
    tags,
    access: 'signed-in',
    params: communityParam,
    query: listQuery(UnitListQuery),
    responses: { 200: { description: 'Units', schema: pageOf(Unit) } },
    handler: async ({ c, params, query: { kind, freeFrom, freeTo, ...page } }) => reply(c, await listUnits(params.id, { kind, freeFrom, freeTo }, page)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/communities/{id}/units/{unitId}',
    operationId: 'getUnit',
    summary: 'One unit',
    tags,
    access: 'signed-in',
    params: unitParams,
    responses: { 200: { description: 'The unit', schema: Unit } },
    handler: async ({ c, params }) => {
      const unit = await getUnit(params.id, params.unitId);
      return reply(c, unit, 200, unit.version);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/communities/{id}/units/{unitId}',
    operationId: 'updateUnit',
    summary: 'Put a unit into maintenance or back into service, or change its rent',
    tags,
    access: ['park_manager'],
    params: unitParams,
    body: UpdateUnit,
    ifMatch: true,
    responses: { 200: { description: 'Updated', schema: Unit } },
    handler: async ({ c, ctx, params, body, expectedVersion }) => {
      const unit = await updateUnit(ctx, params.id, params.unitId, body, expectedVersion);
      return reply(c, unit, 200, unit.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/communities/{id}/occupancy',
    operationId: 'getCommunityOccupancy',
    summary: 'Units and seats in total, active, occupied and free in a month, by kind',
    description: 'Three reads whatever the history: the community, its inventory and its counters for that month.',
    tags,
    access: ['park_manager', 'officer', 'auditor'],
    params: communityParam,
    query: z.strictObject({ month: Month }),
    responses: { 200: { description: 'Occupancy', schema: Occupancy } },
    handler: async ({ c, ctx, params, query }) => reply(c, await occupancy(ctx, params.id, query.month)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/communities/{id}/waitlist',
    operationId: 'joinWaitlist',
    summary: "Put a startup on the community's waitlist for a desk or an office",
    tags,
    access: ['officer', 'park_manager'],
    params: communityParam,
    body: WaitlistRequest,
    responses: { 201: { description: 'On the waitlist', schema: WaitlistEntry } },
    handler: async ({ c, ctx, params, body }) => reply(c, await joinWaitlist(ctx, params.id, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/communities/{id}/waitlist',
    operationId: 'getWaitlist',
    summary: 'The waitlist, first come first served, with the suggested next tenant of each kind',
    tags,
    access: ['officer', 'auditor', 'park_manager'],
    params: communityParam,
    responses: { 200: { description: 'The waitlist', schema: Waitlist } },
    handler: async ({ c, ctx, params }) => reply(c, await getWaitlist(ctx, params.id)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/communities/{id}/allocations',
    operationId: 'listCommunityAllocations',
    summary: 'Allocations holding a unit of the community in a period (≤ 24 months), with each startup’s name',
    description: 'What the unit × month occupancy grid reads: its park managers, officers and auditors.',
    tags,
    access: ['park_manager', 'officer', 'auditor'],
    params: communityParam,
    query: CommunityAllocationQuery,
    responses: { 200: { description: 'Allocations, by unit code then first month', schema: z.object({ items: z.array(CommunityAllocation) }) } },
    handler: async ({ c, ctx, params, query }) => reply(c, { items: await communityAllocations(ctx, params.id, query.fromMonth, query.toMonth) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/communities/{id}/startups-past-term',
    operationId: 'listPastTermStartups',
    summary: 'Incubating startups of the community past their term’s last day (the past-term alerts), longest past first',
    description: 'Those holding a unit of the community this month and those whose application prefers it: its park managers, officers and auditors.',
    tags,
    access: ['park_manager', 'officer', 'auditor'],
    params: communityParam,
    responses: { 200: { description: 'Startups past their term', schema: z.object({ items: z.array(PastTermStartup) }) } },
    handler: async ({ c, ctx, params }) => reply(c, { items: await pastTermStartups(ctx, params.id) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/communities/{id}/waiting-startups',
    operationId: 'listWaitingStartups',
    summary: 'Startups in the programme waiting for space here: the waitlist first, then those preferring the community',
    description:
      'A startup that only prefers the community is listed while it holds fewer units than its application asked for in every month from this one on.',
    tags,
    access: ['park_manager', 'officer', 'auditor'],
    params: communityParam,
    responses: { 200: { description: 'Waiting startups', schema: z.object({ items: z.array(WaitingStartup) }) } },
    handler: async ({ c, ctx, params }) => reply(c, { items: await waitingStartups(ctx, params.id) }),
  }),
];
