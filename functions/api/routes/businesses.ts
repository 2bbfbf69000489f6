import { PageQuery } from '../../../shared/db/pagination';
import { listFacts, recordFact } from '../../../shared/businesses';
import { Business, DeregisterBusiness, Fact, RecordFact, RejectBusiness, SubmitBusiness, VerifyBusiness } from '../../../shared/businesses';
import { deregisterBusiness, getBusiness, rejectBusiness, submitBusiness, verifyBusiness } from '../../../shared/businesses';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, pageOf } from '../../../shared/http/schemas';

const tags = ['Businesses'];
const params = idParam('stp');
const one = (description: string) => ({ 200: { description, schema: Business } });

export const businessRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/business',
    operationId: 'submitBusiness',
    summary:
      "Submit the startup's registered business (founder; legal representative the founder, address in the district or community, credit code used once)",
    tags,
    access: ['applicant'],
    params,
    body: SubmitBusiness,
    responses: { 201: { description: 'Submitted, waiting for an officer', schema: Business } },
    handler: async ({ c, ctx, params, body }) => {
      const business = await submitBusiness(ctx, params.id, body);
      return reply(c, business, 201, business.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/startups/{id}/business',
    operationId: 'getBusiness',
    summary: "The startup's registered business (whoever may read the startup)",
    tags,
    access: 'signed-in',
    params,
    responses: one('The business'),
    handler: async ({ c, ctx, params }) => {
      const business = await getBusiness(ctx, params.id);
      return reply(c, business, 200, business.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/business/verification',
    operationId: 'verifyBusiness',
    summary: 'Verify the business against its licence or shop (officer): it becomes active; the first-time founder rule is settled',
    tags,
    access: ['officer'],
    params,
    body: VerifyBusiness,
    responses: one('Active'),
    handler: async ({ c, ctx, params, body }) => {
      const business = await verifyBusiness(ctx, params.id, body);
      return reply(c, business, 200, business.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/business/rejection',
    operationId: 'rejectBusiness',
    summary: 'Reject a submitted business with a reason (officer); the credit code is freed and the founder may submit again',
    tags,
    access: ['officer'],
    params,
    body: RejectBusiness,
    responses: one('Rejected'),
    handler: async ({ c, ctx, params, body }) => {
      const business = await rejectBusiness(ctx, params.id, body);
      return reply(c, business, 200, business.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/business/deregistration',
    operationId: 'deregisterBusiness',
    summary: 'Record that the business was deregistered (注销) on a day (officer)',
    tags,
    access: ['officer'],
    params,
    body: DeregisterBusiness,
    responses: one('Deregistered'),
    handler: async ({ c, ctx, params, body }) => {
      const business = await deregisterBusiness(ctx, params.id, body);
      return reply(c, business, 200, business.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/facts',
    operationId: 'recordVerifiedFact',
    summary: 'Record a fact an officer verified against a document (social insurance, tax filings, inspection, labour contracts)',
    tags,
    access: ['officer'],
    params,
    body: RecordFact,
    responses: { 201: { description: 'Recorded', schema: Fact } },
    handler: async ({ c, ctx, params, body }) => reply(c, await recordFact(ctx, params.id, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/startups/{id}/facts',
    operationId: 'listVerifiedFacts',
    summary: "A startup's verified facts, newest first",
    tags,
    access: 'signed-in',
    params,
    query: PageQuery,
    responses: { 200: { description: 'A page of facts', schema: pageOf(Fact) } },
    handler: async ({ c, ctx, params, query }) => reply(c, await listFacts(ctx, params.id, query)),
  }),
];
