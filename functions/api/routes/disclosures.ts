import * as z from 'zod';
import { defineRoute, reply } from '../../../shared/http/route';
import { listQuery, pageOf } from '../../../shared/http/schemas';
import { Disclosure, FileObjection, Objection } from '../../../shared/subsidies/schema';
import { fileObjection, listDisclosures } from '../../../shared/subsidies/disclosures';

const tags = ['Public disclosure'];

export const disclosureRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/public/disclosures',
    summary: 'Verified subsidy claims in or past public disclosure, names and identity numbers masked',
    tags,
    access: 'public',
    query: listQuery({}),
    responses: { 200: { description: 'A page of disclosures', schema: pageOf(Disclosure) } },
    handler: async ({ c, ctx, query }) => reply(c, await listDisclosures(ctx, query)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/public/disclosures/{claimId}/objections',
    summary: 'Object to a disclosed claim while its window is open (no login; rate-limited per claim)',
    tags,
    access: 'public',
    params: z.strictObject({
      claimId: z
        .string()
        .regex(/^clm_[0-9A-Z]{26}$/)
        .meta({ param: { name: 'claimId', in: 'path' } }),
    }),
    body: FileObjection,
    responses: { 201: { description: 'Filed', schema: Objection } },
    handler: async ({ c, ctx, params, body }) => reply(c, await fileObjection(ctx, params.claimId, body), 201),
  }),
];
