import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client';
import { defineEntity } from '../db/entity';
import { getItem, putNew } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError, ForbiddenError } from '../errors';
import { eventKeys } from './repository';
import { CRITERIA, MAX_ENTRIES, type Entry, type Judge, type Score } from './schema';

/** An entry with the running sums of its scores, so ranking never reads the scores themselves. */
export interface EntryTally extends Entry {
  scoreCount: number;
  totalSum: number;
  executionSum: number;
}

/** An entry with the running sums of its scores. */
export const EventEntryEntity = defineEntity<EntryTally, { eventId: string; id: string }>({
  name: 'eventEntry',
  module: 'programme-events',
  prefix: 'EVENT#',
  skPrefix: 'ENTRY#',
  key: (entry) => eventKeys.entry(entry.eventId, entry.id),
  serves: "an event's entries with their tallies (begins_with ENTRY#)",
});

/** One entry per startup per event. */
export const EventEntrantEntity = defineEntity<{ entryId: string }, { eventId: string; startupId: string }>({
  name: 'eventEntrant',
  module: 'programme-events',
  prefix: 'EVENT#',
  skPrefix: 'ENTRANT#',
  key: (entrant) => eventKeys.entrant(entrant.eventId, entrant.startupId),
  serves: 'once per startup: its entry in an event',
});

/** A judge of an event, counting their scores (a judge who has scored is kept). */
export const EventJudgeEntity = defineEntity<Judge, { eventId: string; userId: string }>({
  name: 'eventJudge',
  module: 'programme-events',
  prefix: 'EVENT#',
  skPrefix: 'JUDGE#',
  key: (judge) => eventKeys.judge(judge.eventId, judge.userId),
  serves: "once per person: an event's judges (begins_with JUDGE#)",
  indexes: {
    gsi1: {
      pk: (judge) => eventKeys.judgingOf(judge.userId),
      sk: (judge) => `${judge.assignedAt}#${judge.eventId}`,
      serves: 'the events a login judges, newest first (their judging tasks)',
    },
  },
});

/** Once per judge and entry. */
export const EventScoreEntity = defineEntity<Score, { eventId: string; entryId: string; judgeUserId: string }>({
  name: 'eventScore',
  module: 'programme-events',
  prefix: 'EVENT#',
  skPrefix: 'SCORE#',
  key: (score) => eventKeys.score(score.eventId, score.entryId, score.judgeUserId),
  serves: "once per judge: an entry's scores",
});

export function newEntryWrites(entry: Entry): TxItem[] {
  return [
    putNew(
      { ...EventEntrantEntity.key(entry), entity: EventEntrantEntity.name, entryId: entry.id },
      () => new ConflictError('This startup has already entered this event.', 'ALREADY_ENTERED'),
    ),
    putNew(EventEntryEntity.toItem({ ...entry, scoreCount: 0, totalSum: 0, executionSum: 0 }), () => new ConflictError('Entry id collision; retry.')),
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
  return putNew(EventJudgeEntity.toItem(judge), () => new ConflictError('This person already judges this event.', 'ALREADY_JUDGE'));
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
  const result = await queryPage<Record<string, unknown>>({ partition: eventKeys.partition(eventId), beginsWith: EventJudgeEntity.skPrefix, page });
  return { items: result.items.map((item) => EventJudgeEntity.fromItem(item)), nextCursor: result.nextCursor };
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
    putNew(EventScoreEntity.toItem(score), () => new ConflictError('You have already scored this entry.', 'ALREADY_SCORED')),
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
  return item ? EventEntryEntity.fromItem(item) : undefined;
}

export async function getJudge(eventId: string, userId: string): Promise<Judge | undefined> {
  const item = await getItem<Record<string, unknown>>(eventKeys.judge(eventId, userId));
  return item ? EventJudgeEntity.fromItem(item) : undefined;
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
  return (result.Items ?? []).map((item) => EventEntryEntity.fromItem(item));
}
