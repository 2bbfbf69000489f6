import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client';
import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import type { EventStatus, ProgrammeEvent, Registration } from './schema';

/**
 * Every key of the programme-event aggregate is built here. One partition per event, `EVENT#<id>`:
 * - `EVENT`: the event; on gsi2 `EVENTS#<status>` and gsi3 `EVENTS` (sort `startsAt#id`), and while
 *   published on gsi1 `EVENTS_OPEN` (sort `registrationDeadline#id`) for closing registrations.
 * - `SEATS`: capacity, `registered`, `waiting` and `waitlistIssued`: the hot counter every registration
 *   conditions on, kept apart from the event so registrations never bump the event's version.
 * - `PERSON#<login>`: one registration per person per event. `REG#<id>`: the registrations.
 * - `WAIT#<position, zero-padded>`: the queue; the first item is the first person waiting.
 * - `JUDGING`: entry count and entries still under two scores (results publish only at zero).
 * - `ENTRY#<id>` with running score sums, `ENTRANT#<startupId>`, `JUDGE#<login>`, `SCORE#<entryId>#<login>`.
 */
export const eventKeys = {
  partition: (eventId: string) => `EVENT#${eventId}`,
  event: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' }),
  seats: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'SEATS' }),
  person: (eventId: string, userId: string) => ({ pk: `EVENT#${eventId}`, sk: `PERSON#${userId}` }),
  registration: (eventId: string, registrationId: string) => ({ pk: `EVENT#${eventId}`, sk: `REG#${registrationId}` }),
  registrations: () => 'REG#',
  waiting: (eventId: string, position: number) => ({ pk: `EVENT#${eventId}`, sk: `WAIT#${String(position).padStart(10, '0')}` }),
  queue: () => 'WAIT#',
  judging: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'JUDGING' }),
  entry: (eventId: string, entryId: string) => ({ pk: `EVENT#${eventId}`, sk: `ENTRY#${entryId}` }),
  entries: () => 'ENTRY#',
  entrant: (eventId: string, startupId: string) => ({ pk: `EVENT#${eventId}`, sk: `ENTRANT#${startupId}` }),
  judge: (eventId: string, userId: string) => ({ pk: `EVENT#${eventId}`, sk: `JUDGE#${userId}` }),
  score: (eventId: string, entryId: string, userId: string) => ({ pk: `EVENT#${eventId}`, sk: `SCORE#${entryId}#${userId}` }),
  /** The events a login judges (gsi1 on the judge items, sorted by when they were made a judge): their judging tasks. */
  judgingOf: (userId: string) => `JUDGE_OF#${userId}`,
  all: () => 'EVENTS',
  byStatus: (status: EventStatus) => `EVENTS#${status}`,
  open: () => 'EVENTS_OPEN',
};

const eventWhen = (event: ProgrammeEvent) => `${event.startsAt}#${event.id}`;

export const ProgrammeEventEntity = defineEntity<ProgrammeEvent, { id: string }>({
  name: 'programmeEvent',
  module: 'programme-events',
  prefix: 'EVENT#',
  skPrefix: 'EVENT',
  key: (event) => eventKeys.event(event.id),
  serves: 'one event by id; its partition holds its seats, registrations, queue and judging',
  indexes: {
    // Sparse: only events still taking registrations, so a schedule can close the due ones by Query.
    gsi1: {
      pk: () => eventKeys.open(),
      sk: (event) => `${event.registrationDeadline}#${event.id}`,
      serves: 'published events by registration deadline (closing registrations)',
      when: (event) => event.status === 'published',
    },
    gsi2: { pk: (event) => eventKeys.byStatus(event.status), sk: eventWhen, serves: 'events of one status by start' },
    gsi3: { pk: () => eventKeys.all(), sk: eventWhen, serves: 'every event by start' },
  },
});

/** The hot counter every registration conditions on, apart from the event so registrations never bump its version. */
export const EventSeatsEntity = defineEntity<Seats, { eventId: string }>({
  name: 'eventSeats',
  module: 'programme-events',
  prefix: 'EVENT#',
  skPrefix: 'SEATS',
  key: (seats) => eventKeys.seats(seats.eventId),
  serves: "an event's capacity, registered, waiting and waitlist counters",
  attributes: ['capacity', 'registered', 'waiting', 'waitlistIssued'],
});

export const EventJudgingEntity = defineEntity<JudgingCounts, { eventId: string }>({
  name: 'eventJudging',
  module: 'programme-events',
  prefix: 'EVENT#',
  skPrefix: 'JUDGING',
  key: (judging) => eventKeys.judging(judging.eventId),
  serves: "an event's entry count and entries still under two scores",
  attributes: ['entries', 'underScored'],
});

/** One registration per person per event. */
export const EventPersonEntity = defineEntity<{ registrationId: string }, { eventId: string; userId: string }>({
  name: 'eventPerson',
  module: 'programme-events',
  prefix: 'EVENT#',
  skPrefix: 'PERSON#',
  key: (person) => eventKeys.person(person.eventId, person.userId),
  serves: 'once per person: their registration for an event',
});

export const EventRegistrationEntity = defineEntity<Registration, { eventId: string; id: string }>({
  name: 'eventRegistration',
  module: 'programme-events',
  prefix: 'EVENT#',
  skPrefix: 'REG#',
  key: (registration) => eventKeys.registration(registration.eventId, registration.id),
  serves: "an event's registrations (begins_with REG#)",
});

/** A place on the waitlist; the first item is the first person waiting. */
export const EventWaitingEntity = defineEntity<{ registrationId: string; position: number }, { eventId: string; position: number }>({
  name: 'eventWaiting',
  module: 'programme-events',
  prefix: 'EVENT#',
  skPrefix: 'WAIT#',
  key: (place) => eventKeys.waiting(place.eventId, place.position),
  serves: "an event's waitlist in order (begins_with WAIT#)",
});

// ------------------------------------------------------------------ the event

const eventItem = ProgrammeEventEntity.toItem;

export interface Seats {
  capacity: number;
  registered: number;
  waiting: number;
  waitlistIssued: number;
}

export interface JudgingCounts {
  entries: number;
  underScored: number;
}

export function createEventWrites(event: ProgrammeEvent): TxItem[] {
  return [
    putNew(eventItem(event), () => new ConflictError('Event id collision; retry.')),
    putNew(
      { ...eventKeys.seats(event.id), entity: EventSeatsEntity.name, capacity: event.capacity, registered: 0, waiting: 0, waitlistIssued: 0 },
      () => new ConflictError('Event id collision; retry.'),
    ),
    putNew(
      { ...eventKeys.judging(event.id), entity: EventJudgingEntity.name, entries: 0, underScored: 0 },
      () => new ConflictError('Event id collision; retry.'),
    ),
  ];
}

/** Replaces the event if its version is still `expectedVersion` (412 otherwise, unless told). */
export function saveEventWrite(event: ProgrammeEvent, expectedVersion: number, onStale?: () => Error): TxItem {
  return putVersioned(eventItem({ ...event, version: expectedVersion + 1 }), expectedVersion, onStale);
}

/** A condition on the event inside another change (registration, entry, score). */
export function eventCondition(eventId: string, condition: string, values: Record<string, unknown>, onFailed: () => Error): TxItem {
  const names: Record<string, string> = {};
  for (const name of condition.match(/#\w+/g) ?? []) names[name] = name.slice(1);
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: eventKeys.event(eventId),
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
    },
    onConditionFailed: onFailed,
  };
}

export async function getEvent(eventId: string): Promise<ProgrammeEvent | undefined> {
  const item = await getItem<Record<string, unknown>>(eventKeys.event(eventId));
  return item ? ProgrammeEventEntity.fromItem(item) : undefined;
}

export async function getSeats(eventId: string): Promise<Seats> {
  const item = await getItem<Seats>(eventKeys.seats(eventId));
  if (!item) throw new Error(`seats item missing for ${eventId}`);
  return { capacity: item.capacity, registered: item.registered, waiting: item.waiting, waitlistIssued: item.waitlistIssued };
}

export async function getJudgingCounts(eventId: string): Promise<JudgingCounts> {
  const item = await getItem<JudgingCounts>(eventKeys.judging(eventId));
  return { entries: item?.entries ?? 0, underScored: item?.underScored ?? 0 };
}

/** Events by start time, optionally of one status, from `from` on. */
export async function listEventItems(filter: { status?: EventStatus; from?: string; excludeDrafts?: boolean }, page: PageQuery) {
  const between: [string, string] | undefined = filter.from ? [filter.from, '~'] : undefined;
  const result = await queryPage<Record<string, unknown>>({
    ...(filter.status ? { index: 'gsi2' as const, partition: eventKeys.byStatus(filter.status) } : { index: 'gsi3' as const, partition: eventKeys.all() }),
    between,
    page,
    ...(filter.excludeDrafts && !filter.status
      ? {
          filter: {
            FilterExpression: '#status <> :draft',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':draft': 'draft' },
          },
        }
      : {}),
  });
  return { items: result.items.map((item) => ProgrammeEventEntity.fromItem(item)), nextCursor: result.nextCursor };
}

/**
 * Events whose results are published, latest start first. A filter on the query of all events: a
 * page may hold fewer items than its limit (its cursor goes on), and no Scan is needed.
 */
export async function listEventsWithResults(page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({
    index: 'gsi3',
    partition: eventKeys.all(),
    page,
    newestFirst: true,
    filter: { FilterExpression: 'attribute_exists(#resultsPublishedAt)', ExpressionAttributeNames: { '#resultsPublishedAt': 'resultsPublishedAt' } },
  });
  return { items: result.items.map((item) => ProgrammeEventEntity.fromItem(item)), nextCursor: result.nextCursor };
}

/** Published events whose registration deadline has passed, oldest deadline first. */
export async function listOpenEventsDue(now: string, limit: number): Promise<ProgrammeEvent[]> {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: eventKeys.open(), between: ['0', `${now}#~`], page: { limit } });
  return result.items.map((item) => ProgrammeEventEntity.fromItem(item));
}

/** Seat counts of many events at once (a page of a list), one BatchGet. */
export async function getSeatsOf(eventIds: string[]): Promise<Map<string, Seats>> {
  const seats = new Map<string, Seats>();
  if (eventIds.length === 0) return seats;
  const result = await db.send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: eventIds.map(eventKeys.seats) } } }));
  for (const item of result.Responses?.[tableName()] ?? []) seats.set(String(item.pk).slice('EVENT#'.length), item as Seats);
  return seats;
}

// ------------------------------------------------------------------ registrations

function registrationItem(registration: Registration) {
  return EventRegistrationEntity.toItem(registration);
}

/** A lost race on a registration is retried by the caller (it re-reads and decides again). */
const retry = () => new TransactionConflictError();

export function newRegistrationWrites(registration: Registration): TxItem[] {
  return [
    putNew(registrationItem(registration), () => new ConflictError('Registration id collision; retry.')),
    putNew(
      { ...EventPersonEntity.key(registration), entity: EventPersonEntity.name, registrationId: registration.id },
      () => new ConflictError('You are already registered for this event.', 'ALREADY_REGISTERED'),
    ),
  ];
}

export function saveRegistrationWrite(registration: Registration, expectedVersion: number): TxItem {
  return putVersioned(registrationItem({ ...registration, version: expectedVersion + 1 }), expectedVersion, retry);
}

export function releasePersonWrite(eventId: string, userId: string): TxItem {
  return { Delete: { TableName: tableName(), Key: eventKeys.person(eventId, userId) } };
}

/** A seat, if one is free: the condition makes the capacity exact however many register at once. */
export function takeSeatWrite(eventId: string): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: eventKeys.seats(eventId),
      UpdateExpression: 'ADD #registered :one',
      ConditionExpression: '#registered < #capacity',
      ExpressionAttributeNames: { '#registered': 'registered', '#capacity': 'capacity' },
      ExpressionAttributeValues: { ':one': 1 },
    },
    onConditionFailed: retry,
  };
}

/**
 * The next place on the waitlist: `position` is `waitlistIssued + 1` as read, and the condition that
 * nobody took it meanwhile (and that the event is still full) makes positions gapless and unique.
 */
export function takeWaitlistPlaceWrites(eventId: string, position: number, registrationId: string): TxItem[] {
  return [
    {
      Update: {
        TableName: tableName(),
        Key: eventKeys.seats(eventId),
        UpdateExpression: 'SET #issued = :position ADD #waiting :one',
        ConditionExpression: '#issued = :seen AND #registered >= #capacity',
        ExpressionAttributeNames: { '#issued': 'waitlistIssued', '#waiting': 'waiting', '#registered': 'registered', '#capacity': 'capacity' },
        ExpressionAttributeValues: { ':position': position, ':seen': position - 1, ':one': 1 },
      },
      onConditionFailed: retry,
    },
    putNew({ ...eventKeys.waiting(eventId, position), entity: EventWaitingEntity.name, registrationId, position }, retry),
  ];
}

/** Leaves the queue (promoted or cancelled); fails if someone else already took this place off it. */
export function leaveQueueWrite(eventId: string, position: number): TxItem {
  return {
    Delete: { TableName: tableName(), Key: eventKeys.waiting(eventId, position), ConditionExpression: 'attribute_exists(pk)' },
    onConditionFailed: retry,
  };
}

/**
 * Changes the seat counters only if nobody else changed the seating since `seen` was read: used
 * when a seat is freed or capacity changes, where "who is first in the queue" must still be true.
 */
export function adjustSeatsWrite(eventId: string, seen: Seats, change: { registered?: number; waiting?: number; capacity?: number }): TxItem {
  const values: Record<string, unknown> = { ':issued': seen.waitlistIssued, ':registered': seen.registered, ':waiting': seen.waiting };
  const sets: string[] = [];
  const adds: string[] = [];
  if (change.capacity !== undefined) {
    sets.push('#capacity = :capacity');
    values[':capacity'] = change.capacity;
  }
  if (change.registered) {
    adds.push('#registered :dRegistered');
    values[':dRegistered'] = change.registered;
  }
  if (change.waiting) {
    adds.push('#waiting :dWaiting');
    values[':dWaiting'] = change.waiting;
  }
  const update = [sets.length ? `SET ${sets.join(', ')}` : '', adds.length ? `ADD ${adds.join(', ')}` : ''].join(' ').trim();
  return {
    Update: {
      TableName: tableName(),
      Key: eventKeys.seats(eventId),
      UpdateExpression: update,
      ConditionExpression: '#issued = :issued AND #registered = :registered AND #waiting = :waiting',
      ExpressionAttributeNames: {
        '#issued': 'waitlistIssued',
        '#registered': 'registered',
        '#waiting': 'waiting',
        ...(change.capacity !== undefined ? { '#capacity': 'capacity' } : {}),
      },
      ExpressionAttributeValues: values,
    },
    onConditionFailed: retry,
  };
}

export async function getRegistration(eventId: string, registrationId: string): Promise<Registration | undefined> {
  const item = await getItem<Record<string, unknown>>(eventKeys.registration(eventId, registrationId));
  return item ? EventRegistrationEntity.fromItem(item) : undefined;
}

export async function getRegistrationIdOf(eventId: string, userId: string): Promise<string | undefined> {
  return (await getItem<{ registrationId: string }>(eventKeys.person(eventId, userId)))?.registrationId;
}

/** The first `count` people waiting, lowest position first (consistent: the queue must be current). */
export async function firstWaiting(eventId: string, count: number): Promise<Array<{ registrationId: string; position: number }>> {
  if (count <= 0) return [];
  const result = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': eventKeys.partition(eventId), ':prefix': eventKeys.queue() },
      ConsistentRead: true,
      Limit: count,
    }),
  );
  return (result.Items ?? []).map((item) => ({ registrationId: String(item.registrationId), position: Number(item.position) }));
}

/**
 * The current place of each person waiting (1: the first to get a freed seat), by registration id:
 * the queue read once, in order. Queue items hold the ticket each was given, with gaps where
 * someone ahead left, so the place is the rank, not the ticket.
 */
export async function currentWaitlistPlaces(eventId: string): Promise<Map<string, number>> {
  const places = new Map<string, number>();
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': eventKeys.partition(eventId), ':prefix': eventKeys.queue() },
        ProjectionExpression: 'registrationId',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of result.Items ?? []) places.set(String(item.registrationId), places.size + 1);
    start = result.LastEvaluatedKey;
  } while (start);
  return places;
}

/** How many people wait ahead of the queue ticket `position` (those with a lower ticket still in the queue). */
export async function countWaitingAhead(eventId: string, position: number): Promise<number> {
  if (position <= 1) return 0;
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
        ExpressionAttributeValues: {
          ':pk': eventKeys.partition(eventId),
          ':first': eventKeys.waiting(eventId, 0).sk,
          ':last': eventKeys.waiting(eventId, position - 1).sk,
        },
        Select: 'COUNT',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    count += result.Count ?? 0;
    start = result.LastEvaluatedKey;
  } while (start);
  return count;
}

export async function listRegistrationItems(eventId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ partition: eventKeys.partition(eventId), beginsWith: eventKeys.registrations(), page });
  return { items: result.items.map((item) => EventRegistrationEntity.fromItem(item)), nextCursor: result.nextCursor };
}
