import * as z from 'zod';
import { Id } from '../../../shared/ids';
import { clientAddress } from '../../../shared/http/client-address';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { Disclosure, FileObjection, Objection } from '../../../shared/claims';
import { fileObjection, listDisclosures } from '../../../shared/claims';
import { DisclosureNotice, PublicNotice, PublishNotice } from '../../../shared/claims';
import { listPublicNotices, publishNotice, requireNotice } from '../../../shared/claims';

const tags = ['Public disclosure'];

export const disclosureRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/disclosure-notices',
    operationId: 'publishDisclosureNotice',
    summary: 'Publish verified claims of one programme as a disclosure notice (公示), numbered like 2026-001; its window is the programme’s working days',
    tags,
    access: ['officer'],
    body: PublishNotice,
    responses: { 201: { description: 'Published', schema: DisclosureNotice } },
    handler: async ({ c, ctx, body }) => {
      const notice = await publishNotice(ctx, body);
      return reply(c, notice, 201, notice.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/disclosure-notices/{id}',
    operationId: 'getDisclosureNotice',
    summary: 'One disclosure notice with its lines and window',
    tags,
    access: ['officer', 'finance', 'auditor'],
    params: idParam('dsn'),
    responses: { 200: { description: 'The notice', schema: DisclosureNotice } },
    handler: async ({ c, params }) => {
      const notice = await requireNotice(params.id);
      return reply(c, notice, 200, notice.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/disclosure-notices',
    operationId: 'listPublicDisclosureNotices',
    summary: 'Published disclosure notices, newest first, names and identity numbers masked (no login)',
    tags,
    access: 'public',
    query: listQuery({}),
    responses: { 200: { description: 'A page of notices', schema: pageOf(PublicNotice) } },
    handler: async ({ c, ctx, query }) => reply(c, await listPublicNotices(ctx, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/disclosures',
    operationId: 'listPublicDisclosures',
    summary: 'Claims published on disclosure notices, newest first, names and identity numbers masked',
    tags,
    access: 'public',
    query: listQuery({}),
    responses: { 200: { description: 'A page of disclosures', schema: pageOf(Disclosure) } },
    handler: async ({ c, ctx, query }) => reply(c, await listDisclosures(ctx, query)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/public/disclosures/{claimId}/objections',
    operationId: 'fileObjection',
    summary: 'Object to a published claim while its notice is open (no login; limited per sender and per claim each hour: 429 with Retry-After)',
    tags,
    access: 'public',
    params: z.strictObject({
      claimId: Id('clm').meta({ param: { name: 'claimId', in: 'path' } }),
    }),
    body: FileObjection,
    responses: { 201: { description: 'Filed', schema: Objection } },
    handler: async ({ c, ctx, params, body }) => reply(c, await fileObjection(ctx, params.claimId, body, clientAddress(c)), 201),
  }),
];
