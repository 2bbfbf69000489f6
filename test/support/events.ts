import { startupRecord } from './startup-record';
import type { Startup, StartupStatus } from '../../shared/startups/schema';
import type { CreateEvent } from '../../shared/programme-events/schema';
import { now, useFixedClock } from '../../shared/clock';
import { call, uniqueSub, type As } from './api';

export const officer: As = { role: 'officer', sub: 'officer-events' };
export const applicant = (): As => ({ role: 'applicant', sub: uniqueSub('apl') });

const DAY = 24 * 3600 * 1000;
const inDays = (days: number, from = now().getTime()) => new Date(from + days * DAY).toISOString();

export function eventInput(overrides: Partial<CreateEvent> = {}): CreateEvent {
  return {
    kind: 'salon',
    title: '创业沙龙：如何写商业计划书',
    description: '面向返乡创业人员的分享与交流。',
    startsAt: inDays(10),
    endsAt: inDays(10.1),
    venue: '天府新区青年创业社区 A 座 3 楼',
    capacity: 50,
    registrationDeadline: inDays(9),
    ...overrides,
  };
}

/** A draft event made through the API by an officer. */
export async function draftEvent(overrides: Partial<CreateEvent> = {}) {
  const res = await call('POST', '/v1/events', { as: officer, body: eventInput(overrides) });
  if (res.status !== 201) throw new Error(`event not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; startsAt: string; registrationDeadline: string };
}

/** A published event, open for registration. */
export async function publishedEvent(overrides: Partial<CreateEvent> = {}) {
  const event = await draftEvent(overrides);
  const res = await call('POST', `/v1/events/${event.id}/publish`, { as: officer });
  if (res.status !== 200) throw new Error(`event not published: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as typeof event;
}

/**
 * Moves the test clock (`useFixedClock`) to `minutes` after the event starts (negative: before), so
 * check-in and judging, which follow the event's own time, can be reached. Reset it with `useRealClock()`.
 */
export function clockAtEventStart(event: { startsAt: string }, minutes = 1): void {
  useFixedClock(new Date(new Date(event.startsAt).getTime() + minutes * 60_000));
}

/**
 * A published event that started two hours ago and ends in two hours (recorded with `pastEvent`, as
 * an event whose start has passed must be): judges can score it and the door is open now.
 */
export async function startedEvent(overrides: Partial<CreateEvent> = {}) {
  return publishedEvent({ startsAt: inDays(-2 / 24), endsAt: inDays(2 / 24), registrationDeadline: inDays(-3 / 24), pastEvent: true, ...overrides });
}

/** Every registration of an event, as an officer reads them through the API (all pages). */
export async function registrationsOf(eventId: string) {
  const all: Array<{ id: string; status: string; waitlistPosition?: number; userId: string }> = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: typeof all; nextCursor: string | null } } = await call(
      'GET',
      `/v1/events/${eventId}/registrations?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      { as: officer },
    );
    all.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return all;
}

export async function register(eventId: string, as: As = applicant(), body: object = {}) {
  return call('POST', `/v1/events/${eventId}/registrations`, { as, body });
}

/**
 * Arrangement: a startup in the given status, written straight to the table. Startups are born
 * from approved applications (`approvedStartup()` in ./startups.ts goes that whole way); judging
 * tests need many startups and only the record, so they write it directly.
 */
export async function startup(status: StartupStatus = 'incubating', founderUserId = uniqueSub('founder'), name = '天府智农科技'): Promise<Startup> {
  return startupRecord({ status, founderUserId, name, sector: 'modern_agriculture', incubationEnd: inDays(730).slice(0, 10) });
}

export type Marks = { innovation: number; market: number; team: number; execution: number; socialImpact: number };

export async function score(eventId: string, entryId: string, judge: As, marks: Marks) {
  return call('POST', `/v1/events/${eventId}/entries/${entryId}/scores`, { as: judge, body: marks });
}
