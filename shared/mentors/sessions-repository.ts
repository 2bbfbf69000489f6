import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { SessionEntity, mentorKeys } from './keys';
import { MAX_MINUTES_PER_DAY, type Session } from './schema';

type SessionItem = Session & { pk: string; sk: string; entity: 'session' };

const toItem = SessionEntity.toItem;

export const fromItem = SessionEntity.fromItem;

export function sessionCreateWrite(session: Session): TxItem {
  return putNew(toItem(session), () => new ConflictError('Session id collision; retry.'));
}

export function sessionSaveWrite(after: Session, expectedVersion: number): TxItem {
  return putVersioned(toItem(after), expectedVersion);
}

/**
 * The founder's confirmation, once: the session must be unconfirmed and unchanged since it was read.
 * A failed condition re-reads (the caller retries), and the re-read says which it was.
 */
export function confirmationWrite(after: Session, expectedVersion: number): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...toItem(after), version: expectedVersion + 1 },
      ConditionExpression: '#version = :expected AND attribute_not_exists(confirmation)',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': expectedVersion },
    },
    onConditionFailed: () => new TransactionConflictError(),
  };
}

/** Adds numbers to attributes of one item (creating it if need be). */
function addWrite(
  key: { pk: string; sk: string },
  entity: string,
  counts: Record<string, number>,
  condition?: Pick<NonNullable<TxItem['Update']>, 'ConditionExpression' | 'ExpressionAttributeValues'>,
  onConditionFailed?: () => Error,
): TxItem {
  const names: Record<string, string> = { '#entity': 'entity' };
  const values: Record<string, unknown> = { ':entity': entity, ...condition?.ExpressionAttributeValues };
  const adds = Object.entries(counts).map(([name, n], i) => {
    names[`#n${i}`] = name;
    values[`:n${i}`] = n;
    return `#n${i} :n${i}`;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET #entity = :entity ADD ${adds.join(', ')}`,
      ConditionExpression: condition?.ConditionExpression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    onConditionFailed,
  };
}

/**
 * Changes a mentor's minutes on one day. Adding is conditional: DynamoDB cannot add inside a
 * condition, so "minutes + delta ≤ 720" is written as "minutes ≤ 720 − delta".
 */
export function dayMinutesWrite(mentorId: string, day: string, delta: number): TxItem {
  if (delta <= 0) return addWrite(mentorKeys.day(mentorId, day), 'mentorDay', { minutes: delta });
  return addWrite(
    mentorKeys.day(mentorId, day),
    'mentorDay',
    { minutes: delta },
    { ConditionExpression: 'attribute_not_exists(minutes) OR minutes <= :room', ExpressionAttributeValues: { ':room': MAX_MINUTES_PER_DAY - delta } },
    () => new ConflictError(`A mentor logs at most ${MAX_MINUTES_PER_DAY / 60} hours of sessions per day.`, 'DAILY_LIMIT_EXCEEDED', { day }),
  );
}

export interface MonthFigures {
  sessions?: number;
  minutes?: number;
  confirmed?: number;
  ratingSum?: number;
}

/** The mentor's figures for one month (the report reads these, never the sessions). */
export function mentorMonthWrite(mentorId: string, month: string, figures: MonthFigures): TxItem {
  return addWrite(mentorKeys.monthStats(mentorId, month), 'mentorMonth', figures as Record<string, number>);
}

/** The number of a mentor's sessions with one startup in one month: the marker "startups served" counts. */
export function mentorMonthStartupWrite(mentorId: string, month: string, startupId: string, sessions: number): TxItem {
  return addWrite(mentorKeys.monthStartup(mentorId, month, startupId), 'mentorMonthStartup', { sessions });
}

export async function getDayMinutes(mentorId: string, day: string): Promise<number> {
  return (await getItem<{ minutes?: number }>(mentorKeys.day(mentorId, day)))?.minutes ?? 0;
}

export async function getSessionItem(id: string): Promise<Session | undefined> {
  const item = await getItem<SessionItem>(mentorKeys.session(id));
  return item ? fromItem(item) : undefined;
}

export async function listSessionsOfMentor(mentorId: string, month: string | undefined, page: PageQuery) {
  const result = await queryPage<SessionItem>({
    index: 'gsi1',
    partition: mentorKeys.sessionsOfMentor(mentorId),
    ...(month ? { beginsWith: `${month}-` } : {}),
    newestFirst: true,
    page,
  });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

export async function listSessionsOfStartup(startupId: string, page: PageQuery) {
  const result = await queryPage<SessionItem>({ index: 'gsi2', partition: mentorKeys.sessionsOfStartup(startupId), newestFirst: true, page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

export interface StatsRow {
  sk: string;
  sessions?: number;
  minutes?: number;
  confirmed?: number;
  ratingSum?: number;
}

/** Month totals and month–startup markers of [from, to]: at most (1 + startups) items per month. */
export async function listMentorStats(mentorId: string, from: string, to: string): Promise<StatsRow[]> {
  const rows: StatsRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage<StatsRow>({ partition: mentorKeys.stats(mentorId), between: [from, `${to}~`], page: { limit: 100, cursor } });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}
