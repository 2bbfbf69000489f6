import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { Month } from '../../../shared/clock';
import { ConfirmSession, LogSession, Session, UpdateSession } from '../../../shared/mentors';
import { confirmSession, getSession, logSession, sessionsOfMentor, sessionsOfStartup, updateSession } from '../../../shared/mentors';

const tags = ['Mentoring sessions'];

export const sessionRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/assignments/{id}/sessions',
    operationId: 'logMentoringSession',
    summary: 'Log a mentoring session (the assigned mentor only)',
    description: 'Dated between the start of the assignment and today; at most 12 hours per mentor per day (409 DAILY_LIMIT_EXCEEDED).',
    tags,
    access: ['mentor'],
    params: idParam('asg'),
    body: LogSession,
    responses: { 201: { description: 'Logged', schema: Session } },
    handler: async ({ c, ctx, params, body }) => {
      const session = await logSession(ctx, params.id, body);
      return reply(c, session, 201, session.version);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/sessions/{id}',
    operationId: 'correctMentoringSession',
    summary: 'Correct a session you logged, within 7 days and before the founder confirms it',
    tags,
    access: ['mentor'],
    params: idParam('ses'),
    body: UpdateSession,
    ifMatch: true,
    responses: { 200: { description: 'Updated', schema: Session } },
    handler: async ({ c, ctx, params, body, expectedVersion }) => {
      const session = await updateSession(ctx, params.id, body, expectedVersion);
      return reply(c, session, 200, session.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/sessions/{id}/confirmation',
    operationId: 'confirmMentoringSession',
    summary: 'Confirm and rate a session of your startup (the founder, once)',
    tags,
    access: ['applicant'],
    params: idParam('ses'),
    body: ConfirmSession,
    responses: { 200: { description: 'Confirmed', schema: Session } },
    handler: async ({ c, ctx, params, body }) => {
      const session = await confirmSession(ctx, params.id, body);
      return reply(c, session, 200, session.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/sessions/{id}',
    operationId: 'getMentoringSession',
    summary: 'One session (staff, its author, the startup founder)',
    tags,
    access: ['officer', 'auditor', 'mentor', 'applicant'],
    params: idParam('ses'),
    responses: { 200: { description: 'The session', schema: Session } },
    handler: async ({ c, ctx, params }) => {
      const session = await getSession(ctx, params.id);
      return reply(c, session, 200, session.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/startups/{id}/sessions',
    operationId: 'listStartupSessions',
    summary: "A startup's mentoring sessions, newest first",
    tags,
    access: ['officer', 'auditor', 'mentor', 'applicant'],
    params: idParam('stp'),
    query: listQuery({}),
    responses: { 200: { description: 'A page of sessions', schema: pageOf(Session) } },
    handler: async ({ c, ctx, params, query }) => reply(c, await sessionsOfStartup(ctx, params.id, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/mentors/{id}/sessions',
    operationId: 'listMentorSessions',
    summary: "A mentor's sessions, of one month if asked, newest first",
    tags,
    access: ['officer', 'auditor', 'mentor'],
    params: idParam('mtr'),
    query: listQuery({ month: Month.optional() }),
    responses: { 200: { description: 'A page of sessions', schema: pageOf(Session) } },
    handler: async ({ c, ctx, params, query: { month, ...page } }) => reply(c, await sessionsOfMentor(ctx, params.id, month, page)),
  }),
];
