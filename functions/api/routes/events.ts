import { defineRoute, reply } from '../../../shared/http/route';
import { listQuery, pageOf } from '../../../shared/http/schemas';
import { assignJudge, createEntry, getRanking, listEntries, listJudges, publishResults, removeJudge, submitScore } from '../../../shared/programme-events';
import { cancelRegistration, checkIn, listRegistrations, registerForEvent } from '../../../shared/programme-events';
import {
  AssignJudge,
  CheckIn,
  CreateEntry,
  CreateEvent,
  Entry,
  EntryPath,
  EventDetail,
  EventIdParam,
  EventListFilters,
  Judge,
  JudgePath,
  ProgrammeEvent,
  PublicEvent,
  PublicResult,
  Ranking,
  Register,
  Registration,
  RegistrationPath,
  Score,
  SubmitScore,
  UpdateEvent,
} from '../../../shared/programme-events';
import { createEvent, getEventDetail, listEvents, listPublicEvents, listPublicResults, moveEvent, updateEvent } from '../../../shared/programme-events';

const tags = ['Events'];

const transitions = [
  ['publish', 'published', 'publishEvent', 'Publish a draft event: it appears in the public listing and takes registrations'],
  ['close', 'closed', 'closeEventRegistration', 'Close registration of a published event'],
  ['complete', 'completed', 'completeEvent', 'Mark a closed event as held (counted in the reports of the month it started)'],
  ['cancel', 'cancelled', 'cancelEvent', 'Cancel an event that is not completed'],
] as const;

export const eventRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/events',
    operationId: 'createEvent',
    summary: 'Create a draft event (competition, salon, showcase or roadshow)',
    tags,
    access: ['officer'],
    body: CreateEvent,
    responses: { 201: { description: 'Created', schema: ProgrammeEvent } },
    handler: async ({ c, ctx, body }) => {
      const event = await createEvent(ctx, body);
      return reply(c, event, 201, event.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/events',
    operationId: 'listEvents',
    summary: 'List events by start time, optionally of one status and from an instant (drafts: officers and auditors only)',
    tags,
    access: 'signed-in',
    query: listQuery(EventListFilters),
    responses: { 200: { description: 'A page of events', schema: pageOf(EventDetail) } },
    handler: async ({ c, ctx, query: { status, from, ...page } }) => reply(c, await listEvents(ctx, { status, from }, page)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/events',
    operationId: 'listPublicEvents',
    summary: 'Upcoming published events, soonest first (no login)',
    tags,
    access: 'public',
    query: listQuery({}),
    responses: { 200: { description: 'A page of upcoming events', schema: pageOf(PublicEvent) } },
    handler: async ({ c, ctx, query }) => reply(c, await listPublicEvents(ctx, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/rankings',
    operationId: 'listPublishedRankings',
    summary: 'Events whose rankings are published, latest first (no login)',
    description: 'A page may hold fewer items than `limit` while `nextCursor` goes on. The ranking of each is `GET /v1/public/events/{id}/ranking`.',
    tags,
    access: 'public',
    query: listQuery({}),
    responses: { 200: { description: 'A page of events with published rankings', schema: pageOf(PublicResult) } },
    handler: async ({ c, query }) => reply(c, await listPublicResults(query)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/events/{id}',
    operationId: 'getEvent',
    summary: 'One event with its seat counts',
    tags,
    access: 'signed-in',
    params: EventIdParam,
    responses: { 200: { description: 'The event', schema: EventDetail } },
    handler: async ({ c, ctx, params }) => {
      const event = await getEventDetail(ctx, params.id);
      return reply(c, event, 200, event.version);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/events/{id}',
    operationId: 'updateEvent',
    summary: 'Change a draft or published event (capacity never below current registrations)',
    tags,
    access: ['officer'],
    params: EventIdParam,
    body: UpdateEvent,
    ifMatch: true,
    responses: { 200: { description: 'Updated', schema: ProgrammeEvent } },
    handler: async ({ c, ctx, params, body, expectedVersion }) => {
      const event = await updateEvent(ctx, params.id, body, expectedVersion);
      return reply(c, event, 200, event.version);
    },
  }),
  ...transitions.map(([action, to, operationId, summary]) =>
    defineRoute({
      method: 'post',
      path: `/v1/events/{id}/${action}`,
      operationId,
      summary,
      tags,
      access: ['officer'],
      params: EventIdParam,
      responses: { 200: { description: 'The event after the change', schema: ProgrammeEvent } },
      handler: async ({ c, ctx, params }) => {
        const event = await moveEvent(ctx, params.id, to);
        return reply(c, event, 200, event.version);
      },
    }),
  ),
  defineRoute({
    method: 'post',
    path: '/v1/events/{id}/registrations',
    operationId: 'registerForEvent',
    summary: 'Register for an event (optionally for your startup); waitlisted with a position when it is full',
    tags,
    access: ['applicant'],
    params: EventIdParam,
    body: Register,
    responses: { 201: { description: 'Registered or waitlisted', schema: Registration } },
    handler: async ({ c, ctx, params, body }) => {
      const registration = await registerForEvent(ctx, params.id, body);
      return reply(c, registration, 201, registration.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/events/{id}/registrations',
    operationId: 'listEventRegistrations',
    summary: 'Registrations of an event (officers and auditors; a registrant sees their own)',
    tags,
    access: ['officer', 'auditor', 'applicant'],
    params: EventIdParam,
    query: listQuery({}),
    responses: { 200: { description: 'A page of registrations', schema: pageOf(Registration) } },
    handler: async ({ c, ctx, params, query }) => reply(c, await listRegistrations(ctx, params.id, query)),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/events/{id}/registrations/{registrationId}',
    operationId: 'cancelEventRegistration',
    summary: 'Cancel a registration (the registrant or an officer); a freed seat goes to the first person waiting',
    tags,
    access: ['applicant', 'officer'],
    params: RegistrationPath,
    responses: { 200: { description: 'Cancelled', schema: Registration } },
    handler: async ({ c, ctx, params }) => {
      const registration = await cancelRegistration(ctx, params.id, params.registrationId);
      return reply(c, registration, 200, registration.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/events/{id}/checkins',
    operationId: 'checkInToEvent',
    summary: 'Check a registered person in (once), from an hour before the event starts (FUHUA_CHECKIN_OPENS_MINUTES_BEFORE) until it ends',
    tags,
    access: ['officer'],
    params: EventIdParam,
    body: CheckIn,
    responses: { 201: { description: 'Checked in', schema: Registration } },
    handler: async ({ c, ctx, params, body }) => {
      const registration = await checkIn(ctx, params.id, body.registrationId);
      return reply(c, registration, 201, registration.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/events/{id}/entries',
    operationId: 'createEventEntry',
    summary: 'Enter an approved or incubating startup in a competition or roadshow (its founder, or an officer)',
    tags,
    access: ['applicant', 'officer'],
    params: EventIdParam,
    body: CreateEntry,
    responses: { 201: { description: 'Entered', schema: Entry } },
    handler: async ({ c, ctx, params, body }) => reply(c, await createEntry(ctx, params.id, body), 201),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/events/{id}/judges',
    operationId: 'assignJudge',
    summary: 'Make an officer or mentor of the staff directory a judge of a competition or roadshow (422 NOT_IN_STAFF_DIRECTORY otherwise)',
    tags,
    access: ['officer'],
    params: EventIdParam,
    body: AssignJudge,
    responses: { 201: { description: 'Assigned', schema: Judge } },
    handler: async ({ c, ctx, params, body }) => reply(c, await assignJudge(ctx, params.id, body.userId), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/events/{id}/judges',
    operationId: 'listEventJudges',
    summary: 'The judges of a competition or roadshow, with their directory names and how many entries each has scored (officers, auditors)',
    tags,
    access: ['officer', 'auditor'],
    params: EventIdParam,
    query: listQuery({}),
    responses: { 200: { description: 'A page of judges', schema: pageOf(Judge) } },
    handler: async ({ c, ctx, params, query }) => reply(c, await listJudges(ctx, params.id, query)),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/events/{id}/judges/{userId}',
    operationId: 'removeEventJudge',
    summary: 'Take a judge off an event before they have scored (409 JUDGE_HAS_SCORED once they have; audited)',
    tags,
    access: ['officer'],
    params: JudgePath,
    responses: { 200: { description: 'The judge removed', schema: Judge } },
    handler: async ({ c, ctx, params }) => reply(c, await removeJudge(ctx, params.id, params.userId)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/events/{id}/entries',
    operationId: 'listEventEntries',
    summary: 'The entries of a competition or roadshow, in entry order (officers, auditors and the event’s judges; at most 100, one page)',
    tags,
    access: ['officer', 'auditor', 'mentor'],
    params: EventIdParam,
    responses: { 200: { description: 'The entries', schema: pageOf(Entry) } },
    handler: async ({ c, ctx, params }) => reply(c, await listEntries(ctx, params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/events/{id}/entries/{entryId}/scores',
    operationId: 'scoreEventEntry',
    summary: 'Score an entry (an assigned judge, once; not an entry of a startup you mentor)',
    tags,
    access: ['mentor', 'officer'],
    params: EntryPath,
    body: SubmitScore,
    responses: { 201: { description: 'Scored', schema: Score } },
    handler: async ({ c, ctx, params, body }) => reply(c, await submitScore(ctx, params.id, params.entryId, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/events/{id}/ranking',
    operationId: 'getEventRanking',
    summary: 'Entries ranked by mean total score (officers and the event’s judges; any signed-in user once results are published)',
    tags,
    access: 'signed-in',
    params: EventIdParam,
    responses: { 200: { description: 'The ranking', schema: Ranking } },
    handler: async ({ c, ctx, params }) => reply(c, await getRanking(ctx, params.id)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/events/{id}/ranking',
    operationId: 'getPublicEventRanking',
    summary: 'The published ranking of a competition or roadshow (no login; 404 until results are published)',
    tags,
    access: 'public',
    params: EventIdParam,
    responses: { 200: { description: 'The published ranking', schema: Ranking } },
    handler: async ({ c, ctx, params }) => reply(c, await getRanking(ctx, params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/events/{id}/results/publish',
    operationId: 'publishEventResults',
    summary: 'Publish the ranking once every entry has at least two scores',
    tags,
    access: ['officer'],
    params: EventIdParam,
    responses: { 200: { description: 'The event with resultsPublishedAt', schema: ProgrammeEvent } },
    handler: async ({ c, ctx, params }) => {
      const event = await publishResults(ctx, params.id);
      return reply(c, event, 200, event.version);
    },
  }),
];
