import * as z from 'zod';
import { csvHeaders } from '../../../shared/csv';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { PageQuery } from '../../../shared/db/pagination';
import { Sector } from '../../../shared/sectors';
import { ApplicantCategory } from '../../../shared/applicants';
import {
  ApplicationView,
  AssignReviewer,
  CreateApplication,
  DecideApplication,
  QueueStatus,
  MyReviewAssignment,
  Score,
  ScoreInput,
  TimelineEntry,
  UpdateApplication,
} from '../../../shared/applications';
import {
  applicationHistory,
  createApplication,
  exportQueue,
  getApplication,
  listApplications,
  submitApplication,
  updateApplication,
  withdrawApplication,
} from '../../../shared/applications';
import { assignReviewer, decideApplication, listApplicationScores, myReviewAssignments, removeReviewer, scoreApplication } from '../../../shared/applications';

const tags = ['Applications'];
const params = idParam('app');
const one = (description: string) => ({ 200: { description, schema: ApplicationView } });
/** The roles that can be involved with an application: its owner, staff, and reviewers. */
const involved = ['applicant', 'officer', 'auditor', 'mentor'] as const;

export const applicationRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/applications',
    operationId: 'createApplication',
    summary: 'Start an application for incubation (saved as a draft)',
    tags,
    access: ['applicant'],
    body: CreateApplication,
    responses: { 201: { description: 'The draft', schema: ApplicationView } },
    handler: async ({ c, ctx, body }) => {
      const application = await createApplication(ctx, body);
      return reply(c, application, 201, application.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/applications',
    operationId: 'listApplications',
    summary: "Your applications (mine=true), or the review queue by status, sector and the applicant's category, oldest submission first",
    tags,
    access: ['applicant', 'officer', 'auditor'],
    query: listQuery({
      mine: z.enum(['true', 'false']).optional(),
      status: QueueStatus.optional(),
      sector: Sector.optional(),
      category: ApplicantCategory.optional().meta({ description: 'A page may then hold fewer than `limit` items; follow `nextCursor`.' }),
    }),
    responses: { 200: { description: 'A page of applications', schema: pageOf(ApplicationView) } },
    handler: async ({ c, ctx, query: { mine, status, sector, category, ...page } }) =>
      reply(c, await listApplications(ctx, { mine: mine === 'true', status, sector, category }, page)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/applications/export.csv',
    operationId: 'exportApplicationQueue',
    summary: 'The review queue as filtered (status, sector, category), oldest submission first, as CSV (UTF-8 with BOM, formulas defused)',
    tags,
    access: ['officer', 'auditor'],
    query: z.strictObject({ status: QueueStatus.optional(), sector: Sector.optional(), category: ApplicantCategory.optional() }),
    responses: { 200: { description: 'CSV with a header row, one line per application', contentType: 'text/csv', schema: z.string() } },
    handler: async ({ c, ctx, query }) => c.body(await exportQueue(ctx, query), 200, csvHeaders(`applications-${query.status ?? 'submitted'}.csv`)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/applications/{id}',
    operationId: 'getApplication',
    summary: 'One application (its applicant, officers, auditors, assigned reviewers)',
    tags,
    access: involved,
    params,
    responses: one('The application'),
    handler: async ({ c, ctx, params }) => {
      const application = await getApplication(ctx, params.id);
      return reply(c, application, 200, application.version);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/applications/{id}',
    operationId: 'updateApplication',
    summary: 'Edit your draft',
    tags,
    access: ['applicant'],
    params,
    body: UpdateApplication,
    ifMatch: true,
    responses: one('The updated draft'),
    handler: async ({ c, ctx, params, body, expectedVersion }) => {
      const application = await updateApplication(ctx, params.id, body, expectedVersion);
      return reply(c, application, 200, application.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/applications/{id}/submit',
    operationId: 'submitApplication',
    summary: 'Submit your draft: checks completeness and eligibility (NOT_ELIGIBLE names the rule)',
    tags,
    access: ['applicant'],
    params,
    responses: one('Submitted'),
    handler: async ({ c, ctx, params }) => {
      const application = await submitApplication(ctx, params.id);
      return reply(c, application, 200, application.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/applications/{id}/withdraw',
    operationId: 'withdrawApplication',
    summary: 'Withdraw your application before the decision',
    tags,
    access: ['applicant'],
    params,
    responses: one('Withdrawn'),
    handler: async ({ c, ctx, params }) => {
      const application = await withdrawApplication(ctx, params.id);
      return reply(c, application, 200, application.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/applications/{id}/reviewers',
    operationId: 'assignReviewer',
    summary: 'Assign a reviewer (at most 5); the first assignment puts the application under review',
    tags,
    access: ['officer'],
    params,
    body: AssignReviewer,
    responses: one('The application with its reviewers'),
    handler: async ({ c, ctx, params, body }) => {
      const application = await assignReviewer(ctx, params.id, body.reviewerId);
      return reply(c, application, 200, application.version);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/applications/{id}/reviewers/{reviewerId}',
    operationId: 'removeReviewer',
    summary: 'Take a reviewer who has not scored off an application before the decision (a score is kept: 409 REVIEWER_HAS_SCORED)',
    tags,
    access: ['officer'],
    params: params.extend({
      reviewerId: z
        .string()
        .min(1)
        .max(128)
        .meta({ param: { name: 'reviewerId', in: 'path' }, description: 'The login `sub` of the reviewer', example: 'mentor-wang' }),
    }),
    responses: one('The application with its remaining reviewers'),
    handler: async ({ c, ctx, params }) => {
      const application = await removeReviewer(ctx, params.id, params.reviewerId);
      return reply(c, application, 200, application.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/applications/{id}/scores',
    operationId: 'scoreApplication',
    summary: 'Score an application you are assigned to review (once)',
    tags,
    access: ['officer', 'mentor'],
    params,
    body: ScoreInput,
    responses: { 201: { description: 'Your score', schema: Score } },
    handler: async ({ c, ctx, params, body }) => reply(c, await scoreApplication(ctx, params.id, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/applications/{id}/scores',
    operationId: 'listApplicationScores',
    summary: "The reviewers' scores of an application",
    tags,
    access: ['officer', 'auditor'],
    params,
    responses: { 200: { description: 'Every score', schema: z.object({ items: z.array(Score) }) } },
    handler: async ({ c, ctx, params }) => reply(c, { items: await listApplicationScores(ctx, params.id) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/applications/{id}/decision',
    operationId: 'decideApplication',
    summary: 'Approve (creating the startup) or reject an application under review with enough scores',
    tags,
    access: ['officer'],
    params,
    body: DecideApplication,
    responses: one('Decided'),
    handler: async ({ c, ctx, params, body }) => {
      const application = await decideApplication(ctx, params.id, body);
      return reply(c, application, 200, application.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/applications/{id}/history',
    operationId: 'getApplicationHistory',
    summary: "The application's timeline from the audit trail, newest first",
    tags,
    access: involved,
    params,
    query: PageQuery,
    responses: { 200: { description: 'A page of timeline entries', schema: pageOf(TimelineEntry) } },
    handler: async ({ c, ctx, params, query }) => reply(c, await applicationHistory(ctx, params.id, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/review-assignments',
    operationId: 'listMyReviewAssignments',
    summary: 'The applications you have been asked to review',
    tags,
    access: ['officer', 'mentor'],
    query: PageQuery,
    responses: { 200: { description: 'A page of assignments', schema: pageOf(MyReviewAssignment) } },
    handler: async ({ c, ctx, query }) => reply(c, await myReviewAssignments(ctx, query)),
  }),
];
