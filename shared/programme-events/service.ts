import { auditRecord, commit } from '../audit';
import { monthOf } from '../clock';
import type { Ctx } from '../context';
import { hasRole } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict, TransactionConflictError } from '../db/transact';
import { ConflictError, NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError } from '../errors';
import { newId } from '../ids';
import { countWrites } from '../reports';
import {
  adjustSeatsWrite,
  createEventWrites,
  getEvent,
  getSeats,
  getSeatsOf,
  listEventItems,
  listEventsWithResults,
  listOpenEventsDue,
  saveEventWrite,
} from './repository';
import { eventProblem, PublicEvent, PublicResult, type CreateEvent, type EventDetail, type EventStatus, type ProgrammeEvent, type UpdateEvent } from './schema';
import { MAX_PROMOTIONS_PER_CHANGE, promotionWrites } from './seating';

export function isStaff(ctx: Ctx): boolean {
  return hasRole(ctx, 'officer') || hasRole(ctx, 'auditor');
}

/** The event, as far as the caller may see it: a draft is 404 to anyone but officers and auditors. */
export async function loadEvent(ctx: Ctx, eventId: string): Promise<ProgrammeEvent> {
  const event = await getEvent(eventId);
  if (!event || (event.status === 'draft' && !isStaff(ctx))) throw new NotFoundError('event');
  return event;
}

/**
 * A start in the past is only for recording an event that took place, and the event says so
 * (`pastEvent: true`); `pastEvent` on an event still to come is refused. Both name the field.
 */
function assertPastEventStated(ctx: Ctx, value: { startsAt: string; pastEvent?: boolean }): void {
  const past = new Date(value.startsAt).getTime() <= ctx.now.getTime();
  if (past && !value.pastEvent) {
    const message = 'startsAt is in the past: set pastEvent to true to record an event that has already taken place.';
    throw new UnprocessableError(message, 'PAST_EVENT_NOT_STATED', { field: 'pastEvent', errors: [{ field: 'body.pastEvent', message }] });
  }
  if (!past && value.pastEvent) {
    const message = 'pastEvent is only for an event that has already started; this one starts later.';
    throw new UnprocessableError(message, 'NOT_A_PAST_EVENT', { field: 'pastEvent', errors: [{ field: 'body.pastEvent', message }] });
  }
}

/** Creates a draft event, with its seat counter and judging counter. */
export async function createEvent(ctx: Ctx, input: CreateEvent): Promise<ProgrammeEvent> {
  assertPastEventStated(ctx, input);
  const at = ctx.now.toISOString();
  const event: ProgrammeEvent = { id: newId('evt'), ...input, status: 'draft', createdBy: ctx.actor.sub, createdAt: at, updatedAt: at, version: 1 };
  if (!event.pastEvent) delete event.pastEvent;
  await commit(ctx, [...createEventWrites(event), auditRecord(ctx, { action: 'event.created', entityType: 'event', entityId: event.id, after: event })]);
  return event;
}

function withSeats(event: ProgrammeEvent, seats: { registered: number; waiting: number; capacity: number } | undefined): EventDetail {
  const registered = seats?.registered ?? 0;
  return { ...event, registered, waiting: seats?.waiting ?? 0, seatsLeft: Math.max(0, event.capacity - registered) };
}

export async function getEventDetail(ctx: Ctx, eventId: string): Promise<EventDetail> {
  const event = await loadEvent(ctx, eventId);
  return withSeats(event, await getSeats(eventId));
}

/** Events by start time; drafts only for officers and auditors. */
export async function listEvents(ctx: Ctx, filter: { status?: EventStatus; from?: string }, page: PageQuery) {
  if (filter.status === 'draft' && !isStaff(ctx)) return { items: [], nextCursor: null };
  const result = await listEventItems({ ...filter, excludeDrafts: !isStaff(ctx) }, page);
  const seats = await getSeatsOf(result.items.map((event) => event.id));
  return { items: result.items.map((event) => withSeats(event, seats.get(event.id))), nextCursor: result.nextCursor };
}

/** Published events that have not started yet, soonest first, with nothing about who made or attends them. */
export async function listPublicEvents(ctx: Ctx, page: PageQuery) {
  const result = await listEventItems({ status: 'published', from: ctx.now.toISOString() }, page);
  const seats = await getSeatsOf(result.items.map((event) => event.id));
  return { items: result.items.map((event) => PublicEvent.parse(withSeats(event, seats.get(event.id)))), nextCursor: result.nextCursor };
}

/** Events whose rankings are published, latest first: what the public rankings page lists. */
export async function listPublicResults(page: PageQuery) {
  const result = await listEventsWithResults(page);
  return { items: result.items.map((event) => PublicResult.parse(event)), nextCursor: result.nextCursor };
}

const EDITABLE: readonly EventStatus[] = ['draft', 'published'];

/** Changes a draft or published event; capacity never drops below the seats taken, and a raise seats the first waiting. */
export async function updateEvent(ctx: Ctx, eventId: string, patch: UpdateEvent, expectedVersion: number): Promise<ProgrammeEvent> {
  return retryOnConflict(async () => {
    const before = await loadEvent(ctx, eventId);
    if (before.version !== expectedVersion) throw new PreconditionFailedError();
    if (!EDITABLE.includes(before.status)) {
      throw new ConflictError(`A ${before.status} event cannot be changed.`, 'EVENT_NOT_EDITABLE', { currentStatus: before.status });
    }
    const after = { ...before, ...patch, updatedAt: ctx.now.toISOString(), version: expectedVersion + 1 } as ProgrammeEvent & Record<string, unknown>;
    for (const field of ['venue', 'onlineUrl', 'communityId'] as const) if (after[field] === null) delete after[field];
    if (after.pastEvent === false) delete after.pastEvent;
    const problem = eventProblem(after);
    if (problem) throw new ValidationError(problem.message, [{ field: `body.${problem.field}`, message: problem.message }]);
    // An event whose day has simply come may still be edited; moving a start into the past, or stating a past event, is checked.
    if (patch.startsAt !== undefined || patch.pastEvent !== undefined) assertPastEventStated(ctx, after);

    const seatWrites = [];
    if (patch.capacity !== undefined && patch.capacity !== before.capacity) {
      const seats = await getSeats(eventId);
      if (patch.capacity < seats.registered) {
        throw new ConflictError(`${seats.registered} people are registered; capacity cannot be lower.`, 'CAPACITY_BELOW_REGISTRATIONS', {
          registered: seats.registered,
        });
      }
      const promote = Math.min(patch.capacity - seats.registered, seats.waiting);
      if (promote > MAX_PROMOTIONS_PER_CHANGE) {
        throw new UnprocessableError(
          `Raise capacity by at most ${MAX_PROMOTIONS_PER_CHANGE} seats at a time while people are waiting.`,
          'CAPACITY_STEP_TOO_LARGE',
        );
      }
      const { writes } = await promotionWrites(ctx, eventId, promote);
      seatWrites.push(...writes, adjustSeatsWrite(eventId, seats, { capacity: patch.capacity, registered: promote, waiting: -promote }));
    }
    await commit(ctx, [
      saveEventWrite(after, expectedVersion),
      ...seatWrites,
      auditRecord(ctx, { action: 'event.updated', entityType: 'event', entityId: eventId, before, after }),
    ]);
    return after;
  });
}

type Transition = 'published' | 'closed' | 'completed' | 'cancelled';

/** draft → published → closed → completed; cancelled from any status before completed. */
const NEXT: Record<EventStatus, readonly Transition[]> = {
  draft: ['published', 'cancelled'],
  published: ['closed', 'cancelled'],
  closed: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

const DOMAIN_EVENT: Record<Transition, 'EventPublished' | 'EventRegistrationClosed' | 'EventCompleted' | 'EventCancelled'> = {
  published: 'EventPublished',
  closed: 'EventRegistrationClosed',
  completed: 'EventCompleted',
  cancelled: 'EventCancelled',
};

/** Moves an event along its lifecycle; completing it counts it as held in the month it started. */
export async function moveEvent(ctx: Ctx, eventId: string, to: Transition): Promise<ProgrammeEvent> {
  return retryOnConflict(async () => {
    const before = await loadEvent(ctx, eventId);
    if (!NEXT[before.status].includes(to)) {
      throw new ConflictError(`A ${before.status} event cannot become ${to}.`, 'INVALID_TRANSITION', { from: before.status, to });
    }
    const now = ctx.now.toISOString();
    // A past event is published as a record: its registration deadline has passed, so it takes no registrations.
    if (to === 'published' && before.registrationDeadline <= now && !before.pastEvent) {
      throw new UnprocessableError('The registration deadline has already passed; move it before publishing.', 'DEADLINE_PASSED');
    }
    if (to === 'completed' && before.startsAt > now) throw new UnprocessableError('An event cannot be completed before it starts.', 'NOT_STARTED');
    const after: ProgrammeEvent = { ...before, status: to, updatedAt: now, version: before.version + 1 };
    const counted =
      to === 'completed' ? countWrites(monthOf(new Date(before.startsAt)), { events_held: 1, [`events_held__${before.kind}`]: 1 }, before.communityId) : [];
    await commit(ctx, [
      saveEventWrite(after, before.version, () => new TransactionConflictError()),
      ...counted,
      auditRecord(ctx, {
        action: `event.${to}`,
        entityType: 'event',
        entityId: eventId,
        before,
        after,
        event: { type: DOMAIN_EVENT[to], data: { eventId, kind: before.kind, startsAt: before.startsAt } },
      }),
    ]);
    return after;
  });
}

/** Closes registration of every published event whose deadline has passed (for a scheduled job). */
export async function closeRegistrationsDue(ctx: Ctx, now: Date): Promise<string[]> {
  const due = await listOpenEventsDue(now.toISOString(), 50);
  const closed: string[] = [];
  for (const event of due) {
    try {
      await moveEvent({ ...ctx, now }, event.id, 'closed');
      closed.push(event.id);
    } catch (error) {
      // Someone moved it at the same moment (closed or cancelled it): nothing left to do.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return closed;
}
