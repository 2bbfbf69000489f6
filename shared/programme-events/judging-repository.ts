import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client';
import { getItem, putNew } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError, ForbiddenError } from '../errors';
import { eventKeys, strip } from './repository';
import { CRITERIA, MAX_ENTRIES, type Entry, type Judge, type Score } from './schema';

/** An entry with the running sums of its scores, so ranking never reads the scores themselves. */
export interface EntryTally extends Entry {
  scoreCount: number;
  totalSum: number;
  executionSum: number;
}

export function newEntryWrites(entry: Entry): TxItem[] {
  return [
    putNew(
      { ...eventKeys.entrant(entry.eventId, entry.startupId), entity: 'eventEntrant', entryId: entry.id },
      () => new ConflictError('This startup has already entered this event.', 'ALREADY_ENTERED'),
    ),
    putNew(
      { ...eventKeys.entry(entry.eventId, entry.id), entity: 'eventEntry', ...entry, scoreCount: 0, totalSum: 0, executionSum: 0 },
      () => new ConflictError('Entry id collision; retry.'),
    ),
    {
      // Every new entry still needs its two scores before results can be published.
      Update: {
        TableName: tableName(),
        Key: eventKeys.judging(entry.eventId),
        UpdateExpression: 'ADD #entries :one, #underScored :one',
        ConditionExpression: '#entries < :max',
        ExpressionAttributeNames: { '#entries': 'entries', '#underScored': 'underScored' },
        ExpressionAttributeValues: { ':one': 1, ':max': MAX_ENTRIES },
      },
      onConditionFailed: () => new ConflictError(`An event takes at most ${MAX_ENTRIES} entries.`, 'ENTRIES_FULL'),
    },
  ];
}

export function newJudgeWrite(judge: Judge): TxItem {
  return putNew(
    {
      ...eventKeys.judge(judge.eventId, judge.userId),
      entity: 'eventJudge',
      ...judge,
      gsi1pk: eventKeys.judgingOf(judge.userId),
      gsi1sk: `${judge.assignedAt}#${judge.eventId}`,
    },
    () => new ConflictError('This person already judges this event.', 'ALREADY_JUDGE'),
  );
}

const notAJudge = () => new ForbiddenError('You are not a judge of this event.', 'NOT_A_JUDGE');
const judgeHasScored = () => new ConflictError('This judge has already scored an entry of this event; a score is kept.', 'JUDGE_HAS_SCORED');

/** Removes a judge who has not scored (the judge item counts their scores, so a score racing the removal is seen). */
export function removeJudgeWrite(eventId: string, userId: string): TxItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: eventKeys.judge(eventId, userId),
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#scored) OR #scored = :zero)',
      ExpressionAttributeNames: { '#scored': 'scoreCount' },
      ExpressionAttributeValues: { ':zero': 0 },
    },
    onConditionFailed: judgeHasScored,
  };
}

/** The judges of an event, in the order of their login ids, a page at a time. */
export async function listJudgeItems(eventId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ partition: eventKeys.partition(eventId), beginsWith: 'JUDGE#', page });
  return { items: result.items.map((item) => strip<Judge>(item)), nextCursor: result.nextCursor };
}

/**
 * A score and the entry's tally in one transaction. The score item is the once-per-judge rule; the
 * tally's condition on the count it was read at serialises concurrent scores of one entry (the
 * loser retries), and the second score takes the entry off the "under two scores" counter.
 */
export function newScoreWrites(score: Score, seenCount: number): TxItem[] {
  const sums = Object.fromEntries(CRITERIA.map((criterion) => [`:${criterion}`, score[criterion]]));
  return [
    {
      // The scorer is still a judge (not removed meanwhile), and their count of scores goes up.
      Update: {
        TableName: tableName(),
        Key: eventKeys.judge(score.eventId, score.judgeUserId),
        UpdateExpression: 'ADD #scored :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#scored': 'scoreCount' },
        ExpressionAttributeValues: { ':one': 1 },
      },
      onConditionFailed: notAJudge,
    },
    putNew(
      { ...eventKeys.score(score.eventId, score.entryId, score.judgeUserId), entity: 'eventScore', ...score },
      () => new ConflictError('You have already scored this entry.', 'ALREADY_SCORED'),
    ),
    {
      Update: {
        TableName: tableName(),
        Key: eventKeys.entry(score.eventId, score.entryId),
        UpdateExpression: `SET #count = :next ADD #totalSum :total, ${CRITERIA.map((c) => `#sum_${c} :${c}`).join(', ')}`,
        ConditionExpression: '#count = :seen',
        ExpressionAttributeNames: {
          '#count': 'scoreCount',
          '#totalSum': 'totalSum',
          // One sum per criterion (`innovationSum` … `executionSum`); ranking ties read `executionSum`.
          ...Object.fromEntries(CRITERIA.map((c) => [`#sum_${c}`, `${c}Sum`])),
        },
        ExpressionAttributeValues: { ':next': seenCount + 1, ':seen': seenCount, ':total': score.total, ...sums },
      },
      onConditionFailed: () => new TransactionConflictError(),
    },
    ...(seenCount === 1
      ? [
          {
            Update: {
              TableName: tableName(),
              Key: eventKeys.judging(score.eventId),
              UpdateExpression: 'ADD #underScored :minusOne',
              ExpressionAttributeNames: { '#underScored': 'underScored' },
              ExpressionAttributeValues: { ':minusOne': -1 },
            },
          } satisfies TxItem,
        ]
      : []),
  ];
}

/** Publishing results is only possible while every entry has at least two scores (and there is one). */
export function allEntriesScoredCheck(eventId: string, onFailed: () => Error): TxItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: eventKeys.judging(eventId),
      ConditionExpression: '#underScored = :zero AND #entries > :zero',
      ExpressionAttributeNames: { '#underScored': 'underScored', '#entries': 'entries' },
      ExpressionAttributeValues: { ':zero': 0 },
    },
    onConditionFailed: onFailed,
  };
}

export async function getEntry(eventId: string, entryId: string): Promise<EntryTally | undefined> {
  const item = await getItem<Record<string, unknown>>(eventKeys.entry(eventId, entryId));
  return item ? strip<EntryTally>(item) : undefined;
}

export async function getJudge(eventId: string, userId: string): Promise<Judge | undefined> {
  const item = await getItem<Record<string, unknown>>(eventKeys.judge(eventId, userId));
  return item ? strip<Judge>(item) : undefined;
}

/** Every entry of an event with its tally: one Query, bounded by the cap on entries per event. */
export async function listEntryTallies(eventId: string): Promise<EntryTally[]> {
  const result = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': eventKeys.partition(eventId), ':prefix': eventKeys.entries() },
      ConsistentRead: true,
      Limit: MAX_ENTRIES,
    }),
  );
  return (result.Items ?? []).map((item) => strip<EntryTally>(item));
}
