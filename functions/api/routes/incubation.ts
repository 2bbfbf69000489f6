import { PageQuery } from '../../../shared/db/pagination';
import { recordSuccess } from '../../../shared/businesses';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, pageOf } from '../../../shared/http/schemas';
import { Startup } from '../../../shared/startups';
import { extendIncubation, listReviews, recordReview } from '../../../shared/startups';
import { ExtendIncubation, RecordReview, RecordSuccess, Review } from '../../../shared/startups';

const tags = ['Startups'];
const params = idParam('stp');

/** The incubation term, the annual review and success: what the centre is assessed on. */
export const incubationRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/extension',
    operationId: 'extendIncubation',
    summary: 'Extend the incubation term once, with a reason (officer); the term never exceeds 36 months',
    tags,
    access: ['officer'],
    params,
    body: ExtendIncubation,
    responses: { 200: { description: 'The startup with its new last day', schema: Startup } },
    handler: async ({ c, ctx, params, body }) => {
      const startup = await extendIncubation(ctx, params.id, body);
      return reply(c, startup, 200, startup.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/reviews',
    operationId: 'recordAnnualReview',
    summary: 'Record the annual review of a startup in the programme (officer): operating status, jobs, revenue band, social insurance',
    tags,
    access: ['officer'],
    params,
    body: RecordReview,
    responses: { 201: { description: 'Recorded', schema: Review } },
    handler: async ({ c, ctx, params, body }) => reply(c, await recordReview(ctx, params.id, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/startups/{id}/reviews',
    operationId: 'listAnnualReviews',
    summary: "A startup's annual reviews, newest first",
    tags,
    access: 'signed-in',
    params,
    query: PageQuery,
    responses: { 200: { description: 'A page of reviews', schema: pageOf(Review) } },
    handler: async ({ c, ctx, params, query }) => reply(c, await listReviews(ctx, params.id, query)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/success',
    operationId: 'recordStartupSuccess',
    summary: 'Record that the startup succeeded as the policy defines it (officer), checked against its verified records',
    tags,
    access: ['officer'],
    params,
    body: RecordSuccess,
    responses: { 200: { description: 'The startup with its success', schema: Startup } },
    handler: async ({ c, ctx, params, body }) => {
      const startup = await recordSuccess(ctx, params.id, body);
      return reply(c, startup, 200, startup.version);
    },
  }),
];
