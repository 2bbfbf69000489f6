import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { Assignment, AssignmentListFilter, CreateAssignment, EndAssignment } from '../../../shared/mentors';
import { assignMentor, endAssignment, getAssignment, listAssignments } from '../../../shared/mentors';

const tags = ['Mentor assignments'];

export const assignmentRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/assignments',
    operationId: 'assignMentor',
    summary: 'Assign a mentor to an approved or incubating startup',
    description:
      'A mentor has at most `maxMentees` current startups and a startup at most 3 mentors; both hold under concurrency (409 MENTOR_AT_CAPACITY, STARTUP_MENTOR_LIMIT, ALREADY_ASSIGNED).',
    tags,
    access: ['officer'],
    body: CreateAssignment,
    responses: { 201: { description: 'Assigned', schema: Assignment } },
    handler: async ({ c, ctx, body }) => {
      const assignment = await assignMentor(ctx, body);
      return reply(c, assignment, 201, assignment.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/assignments/{id}/end',
    operationId: 'endAssignment',
    summary: 'End an assignment, with the reason',
    tags,
    access: ['officer'],
    params: idParam('asg'),
    body: EndAssignment,
    responses: { 200: { description: 'Ended', schema: Assignment } },
    handler: async ({ c, ctx, params, body }) => {
      const assignment = await endAssignment(ctx, params.id, body.reason);
      return reply(c, assignment, 200, assignment.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/assignments',
    operationId: 'listAssignments',
    summary: "Assignments of a mentor or of a startup (a mentor sees their own, a founder their startup's)",
    tags,
    access: ['officer', 'auditor', 'mentor', 'applicant'],
    query: listQuery(AssignmentListFilter),
    responses: { 200: { description: 'A page of assignments, newest first', schema: pageOf(Assignment) } },
    handler: async ({ c, ctx, query: { mentorId, startupId, ...page } }) => reply(c, await listAssignments(ctx, { mentorId, startupId }, page)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/assignments/{id}',
    operationId: 'getAssignment',
    summary: 'One assignment',
    tags,
    access: ['officer', 'auditor', 'mentor', 'applicant'],
    params: idParam('asg'),
    responses: { 200: { description: 'The assignment', schema: Assignment } },
    handler: async ({ c, ctx, params }) => {
      const assignment = await getAssignment(ctx, params.id);
      return reply(c, assignment, 200, assignment.version);
    },
  }),
];
