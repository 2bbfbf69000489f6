import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { ChangeRequest, ChangeRequestStatus, CreateChangeRequest, DecideChangeRequest } from '../../../shared/applicants';
import { decideChange, getChange, listChanges, listMyChanges, requestChange } from '../../../shared/applicants';

const tags = ['Applicants'];

export const changeRequestRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/applicants/me/change-requests',
    operationId: 'requestProfileChange',
    summary: 'Ask to change your category, graduation, discharge day, name or identity number (an officer decides; one pending at a time)',
    tags,
    access: ['applicant'],
    body: CreateChangeRequest,
    responses: { 201: { description: 'Waiting for an officer', schema: ChangeRequest } },
    handler: async ({ c, ctx, body }) => {
      const request = await requestChange(ctx, body);
      return reply(c, request, 201, request.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/applicants/me/change-requests',
    operationId: 'listMyChangeRequests',
    summary: 'Your change requests, newest first',
    tags,
    access: ['applicant'],
    query: listQuery({}),
    responses: { 200: { description: 'A page of change requests', schema: pageOf(ChangeRequest) } },
    handler: async ({ c, ctx, query }) => reply(c, await listMyChanges(ctx, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/change-requests',
    operationId: 'listChangeRequests',
    summary: 'Change requests by status (default pending), oldest first',
    tags,
    access: ['officer', 'auditor'],
    query: listQuery({ status: ChangeRequestStatus.default('pending') }),
    responses: { 200: { description: 'A page of change requests', schema: pageOf(ChangeRequest) } },
    handler: async ({ c, query: { status, ...page } }) => reply(c, await listChanges(status, page)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/change-requests/{id}',
    operationId: 'getChangeRequest',
    summary: 'One change request (officers, auditors, or the applicant who made it)',
    tags,
    access: ['officer', 'auditor', 'applicant'],
    params: idParam('chg'),
    responses: { 200: { description: 'The change request', schema: ChangeRequest } },
    handler: async ({ c, ctx, params }) => {
      const request = await getChange(ctx, params.id);
      return reply(c, request, 200, request.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/change-requests/{id}/decision',
    operationId: 'decideChangeRequest',
    summary: 'Approve (the profile changes, audited before and after) or reject a change request; never your own',
    tags,
    access: ['officer'],
    params: idParam('chg'),
    body: DecideChangeRequest,
    responses: { 200: { description: 'Decided', schema: ChangeRequest } },
    handler: async ({ c, ctx, params, body }) => {
      const request = await decideChange(ctx, params.id, body);
      return reply(c, request, 200, request.version);
    },
  }),
];
