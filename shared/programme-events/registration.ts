import { findApplicantOfUser } from '../applicants';
import { auditRecord, commit } from '../audit';
import { monthOf } from '../clock';
import type { Ctx } from '../context';
import { hasRole } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict, type TxItem } from '../db/transact';
import { ConflictError, NotFoundError } from '../errors';
import { newId } from '../ids';
import { countWrites } from '../reports';
import { findStartup as getStartup } from '../startups';
import {
  adjustSeatsWrite,
  countWaitingAhead,
  currentWaitlistPlaces,
  eventCondition,
  getRegistration,
  getRegistrationIdOf,
  getSeats,
  leaveQueueWrite,
  listRegistrationItems,
  newRegistrationWrites,
  releasePersonWrite,
  saveRegistrationWrite,
  takeSeatWrite,
  takeWaitlistPlaceWrites,
} from './repository';
import type { ProgrammeEvent, Register, Registration } from './schema';
import { isStaff, loadEvent } from './service';
import { promotionWrites } from './seating';
import { withLimitedConcurrency } from '../db/hot-item';

/**
 * Under a burst (hundreds registering the moment an event opens) every registration contends for
 * the one seat counter; each attempt re-reads it, so many attempts are needed but each is cheap.
 */
const REGISTRATION_ATTEMPTS = 80;
/** Registrations of one event in flight at once in this process (see `withLimitedConcurrency`). */
const REGISTRATIONS_IN_FLIGHT = Number(process.env.EVENT_REGISTRATIONS_IN_FLIGHT ?? 4);

/**
 * A registration as callers see it. The stored `waitlistPosition` is the queue ticket it was given;
 * what is shown is the current place (1 for the first waiting), and only while it is waiting.
 */
function present(registration: Registration, place?: number): Registration {
  const { waitlistPosition: _ticket, ...rest } = registration;
  return registration.status === 'waitlisted' && place !== undefined ? { ...rest, waitlistPosition: place } : rest;
}

async function presentOne(registration: Registration): Promise<Registration> {
  if (registration.status !== 'waitlisted' || registration.waitlistPosition === undefined) return present(registration);
  return present(registration, (await countWaitingAhead(registration.eventId, registration.waitlistPosition)) + 1);
}

async function presentAll(eventId: string, registrations: Registration[]): Promise<Registration[]> {
  if (!registrations.some((r) => r.status === 'waitlisted')) return registrations.map((r) => present(r));
  const places = await currentWaitlistPlaces(eventId);
  return registrations.map((r) => present(r, places.get(r.id)));
}

const registrationClosed = () => new ConflictError('Registration for this event is closed.', 'REGISTRATION_CLOSED');

function assertOpen(ctx: Ctx, event: ProgrammeEvent): void {
  if (event.status !== 'published' || event.registrationDeadline <= ctx.now.toISOString()) throw registrationClosed();
}

/**
 * Registers the caller (optionally for their startup): a seat while there is one, otherwise the next
 * place on the waitlist. One registration per person per event.
 */
export async function registerForEvent(ctx: Ctx, eventId: string, input: Register): Promise<Registration> {
  const event = await loadEvent(ctx, eventId);
  assertOpen(ctx, event);
  if (input.startupId) {
    const startup = await getStartup(input.startupId);
    if (!startup || startup.founderUserId !== ctx.actor.sub) throw new NotFoundError('startup');
  }
  if (await getRegistrationIdOf(eventId, ctx.actor.sub)) throw new ConflictError('You are already registered for this event.', 'ALREADY_REGISTERED');

  const id = newId('reg');
  const at = ctx.now.toISOString();
  return withLimitedConcurrency(`seats:${eventId}`, REGISTRATIONS_IN_FLIGHT, () =>
    retryOnConflict(async () => {
      const seats = await getSeats(eventId);
      const full = seats.registered >= seats.capacity;
      const position = seats.waitlistIssued + 1;
      const registration: Registration = {
        id,
        eventId,
        userId: ctx.actor.sub,
        ...(input.startupId ? { startupId: input.startupId } : {}),
        status: full ? 'waitlisted' : 'registered',
        ...(full ? { waitlistPosition: position } : {}),
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      await commit(ctx, [
        ...newRegistrationWrites(registration),
        ...(full ? takeWaitlistPlaceWrites(eventId, position, id) : [takeSeatWrite(eventId)]),
        // Registration closes at the deadline or when the event leaves `published`, even mid-burst.
        eventCondition(eventId, '#status = :published AND #registrationDeadline > :now', { ':published': 'published', ':now': at }, registrationClosed),
        auditRecord(ctx, {
          action: `eventRegistration.${registration.status}`,
          entityType: 'eventRegistration',
          entityId: id,
          after: registration,
          event: { type: 'EventRegistered', data: { eventId, registrationId: id, status: registration.status } },
        }),
      ]);
      return registration;
    }, REGISTRATION_ATTEMPTS),
  ).then(presentOne);
}

/** A registration the caller may act on: officers any, a registrant only their own (others 404). */
async function loadRegistration(ctx: Ctx, eventId: string, registrationId: string): Promise<Registration> {
  const registration = await getRegistration(eventId, registrationId);
  if (!registration || (!hasRole(ctx, 'officer') && registration.userId !== ctx.actor.sub)) throw new NotFoundError('registration');
  return registration;
}

/**
 * Cancels a registration. A freed seat goes to the first person waiting in the same transaction;
 * the seat counter's condition (nobody joined the queue since it was read) keeps that exact.
 */
export async function cancelRegistration(ctx: Ctx, eventId: string, registrationId: string): Promise<Registration> {
  const event = await loadEvent(ctx, eventId);
  return withLimitedConcurrency(`seats:${eventId}`, REGISTRATIONS_IN_FLIGHT, () =>
    retryOnConflict(async () => {
      const before = await loadRegistration(ctx, eventId, registrationId);
      if (before.status === 'cancelled') throw new ConflictError('This registration is already cancelled.', 'ALREADY_CANCELLED');
      if (before.checkedInAt) throw new ConflictError('This person has already checked in.', 'ALREADY_CHECKED_IN');
      if (event.status !== 'published' && event.status !== 'closed') {
        throw new ConflictError(`Registrations of a ${event.status} event cannot be cancelled.`, 'EVENT_NOT_OPEN');
      }
      const after: Registration = {
        ...before,
        status: 'cancelled',
        cancelledAt: ctx.now.toISOString(),
        updatedAt: ctx.now.toISOString(),
        version: before.version + 1,
      };
      const seats = await getSeats(eventId);
      const writes: TxItem[] = [saveRegistrationWrite(after, before.version), releasePersonWrite(eventId, before.userId)];
      if (before.status === 'waitlisted') {
        writes.push(leaveQueueWrite(eventId, before.waitlistPosition!), adjustSeatsWrite(eventId, seats, { waiting: -1 }));
      } else {
        // Read after the counters, so anyone who joined the queue before that read is seen here.
        const promote = Math.min(1, seats.waiting);
        const promotion = await promotionWrites(ctx, eventId, promote);
        writes.push(...promotion.writes, adjustSeatsWrite(eventId, seats, { registered: promote - 1, waiting: -promote }));
      }
      await commit(ctx, [
        ...writes,
        auditRecord(ctx, {
          action: 'eventRegistration.cancelled',
          entityType: 'eventRegistration',
          entityId: registrationId,
          before,
          after,
          event: { type: 'EventRegistrationCancelled', data: { eventId, registrationId, freedSeat: before.status === 'registered' } },
        }),
      ]);
      return present(after);
    }, REGISTRATION_ATTEMPTS),
  );
}

const DEFAULT_CHECKIN_OPENS_MINUTES_BEFORE = 60;

/** How long before an event starts the door opens for check-in (`FUHUA_CHECKIN_OPENS_MINUTES_BEFORE`, minutes, default 60). */
export function checkInOpensMinutesBefore(): number {
  const raw = process.env.FUHUA_CHECKIN_OPENS_MINUTES_BEFORE;
  if (raw === undefined || raw.trim() === '') return DEFAULT_CHECKIN_OPENS_MINUTES_BEFORE;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60) {
    throw new Error(`FUHUA_CHECKIN_OPENS_MINUTES_BEFORE must be a whole number of minutes from 0 to 1440, not "${raw}".`);
  }
  return minutes;
}

/** The check-in window of an event: from the stated time before it starts until it ends. */
export function checkInWindow(event: Pick<ProgrammeEvent, 'startsAt' | 'endsAt'>): { opensAt: string; closesAt: string } {
  const opensAt = new Date(new Date(event.startsAt).getTime() - checkInOpensMinutesBefore() * 60_000).toISOString();
  return { opensAt, closesAt: new Date(event.endsAt).toISOString() };
}

/** Checks a registered person in, once, while the door is open; counted in the month the event is held. */
export async function checkIn(ctx: Ctx, eventId: string, registrationId: string): Promise<Registration> {
  const event = await loadEvent(ctx, eventId);
  if (event.status !== 'published' && event.status !== 'closed') {
    throw new ConflictError(`People cannot check in to a ${event.status} event.`, 'EVENT_NOT_OPEN', { currentStatus: event.status });
  }
  const window = checkInWindow(event);
  const at = ctx.now.getTime();
  if (at < new Date(window.opensAt).getTime() || at >= new Date(window.closesAt).getTime()) {
    throw new ConflictError(
      at < new Date(window.opensAt).getTime()
        ? `Check-in opens at ${window.opensAt}, ${checkInOpensMinutesBefore()} minutes before the event starts.`
        : `Check-in closed when the event ended at ${window.closesAt}.`,
      'CHECK_IN_CLOSED',
      window,
    );
  }
  return retryOnConflict(async () => {
    const before = await loadRegistration(ctx, eventId, registrationId);
    if (before.status !== 'registered') {
      throw new ConflictError(`Only registered people can check in; this registration is ${before.status}.`, 'NOT_REGISTERED', {
        currentStatus: before.status,
      });
    }
    if (before.checkedInAt) throw new ConflictError('This person has already checked in.', 'ALREADY_CHECKED_IN');
    const after: Registration = { ...before, checkedInAt: ctx.now.toISOString(), updatedAt: ctx.now.toISOString(), version: before.version + 1 };
    await commit(ctx, [
      saveRegistrationWrite(after, before.version),
      ...countWrites(monthOf(new Date(event.startsAt)), { event_checkins: 1 }, event.communityId),
      auditRecord(ctx, {
        action: 'eventRegistration.checkedIn',
        entityType: 'eventRegistration',
        entityId: registrationId,
        before,
        after,
        event: { type: 'EventCheckedIn', data: { eventId, registrationId } },
      }),
    ]);
    return present(after);
  });
}

/** Officers and auditors see every registration; anyone else only their own current one. */
export async function listRegistrations(ctx: Ctx, eventId: string, page: PageQuery) {
  await loadEvent(ctx, eventId);
  if (isStaff(ctx)) {
    // Staff see who registered by name (checked in at the door); a registrant without a profile has none.
    const found = await listRegistrationItems(eventId, page);
    const names = await Promise.all(found.items.map(async (r) => (await findApplicantOfUser(r.userId))?.name));
    const shown = await presentAll(eventId, found.items);
    return { items: shown.map((r, i) => (names[i] ? { ...r, registrantName: names[i] } : r)), nextCursor: found.nextCursor };
  }
  const mine = await getRegistrationIdOf(eventId, ctx.actor.sub);
  const registration = mine ? await getRegistration(eventId, mine) : undefined;
  return { items: registration ? [await presentOne(registration)] : [], nextCursor: null };
}
