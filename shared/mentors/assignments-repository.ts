import { getItem, putNew, putVersioned, type Read } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import type { TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { startupKeys } from '../startups';
import { ACTIVE_STARTUP_STATUSES } from '../startups';
import { AssignmentEntity, mentorKeys } from './keys';
import { MAX_MENTORS_PER_STARTUP, type Assignment } from './schema';

type AssignmentItem = Assignment & { pk: string; sk: string; entity: 'assignment' };

const toItem = AssignmentEntity.toItem;

export const fromItem = AssignmentEntity.fromItem;

const atCapacity = () => new ConflictError('The mentor has no free place for another startup.', 'MENTOR_AT_CAPACITY');

/**
 * An assignment and every invariant it touches, in one transaction:
 * - the mentor is active and below `maxMentees` (its load goes up by one, its version too, so a
 *   profile edit read before cannot overwrite the new load);
 * - the startup is approved or incubating, and has fewer than 3 current mentors;
 * - the pair is not already assigned (the pair item also remembers the pair for good).
 */
export function assignmentWrites(assignment: Assignment): TxItem[] {
  const table = tableName();
  return [
    putNew(toItem(assignment), () => new ConflictError('Assignment id collision; retry.')),
    {
      Update: {
        TableName: table,
        Key: mentorKeys.profile(assignment.mentorId),
        UpdateExpression: 'SET activeMentees = activeMentees + :one, version = version + :one',
        ConditionExpression: 'attribute_exists(pk) AND activeMentees < maxMentees AND active = :true',
        ExpressionAttributeValues: { ':one': 1, ':true': true },
      },
      onConditionFailed: atCapacity,
    },
    {
      Update: {
        TableName: table,
        Key: mentorKeys.startupMentors(assignment.startupId),
        // The sets name the current assignments and mentors, read consistently when the startup leaves.
        UpdateExpression: 'SET entity = :entity, startupId = :startup ADD mentorCount :one, assignmentIds :assignment, mentorIds :mentor',
        ConditionExpression: 'attribute_not_exists(mentorCount) OR mentorCount < :max',
        ExpressionAttributeValues: {
          ':entity': 'startupMentors',
          ':startup': assignment.startupId,
          ':one': 1,
          ':max': MAX_MENTORS_PER_STARTUP,
          ':assignment': new Set([assignment.id]),
          ':mentor': new Set([assignment.mentorId]),
        },
      },
      onConditionFailed: () => new ConflictError(`A startup has at most ${MAX_MENTORS_PER_STARTUP} mentors at once.`, 'STARTUP_MENTOR_LIMIT'),
    },
    {
      ConditionCheck: {
        TableName: table,
        Key: startupKeys.startup(assignment.startupId),
        ConditionExpression: '#status IN (:s0, :s1)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':s0': ACTIVE_STARTUP_STATUSES[0], ':s1': ACTIVE_STARTUP_STATUSES[1] },
      },
      onConditionFailed: () => new ConflictError('Only an approved or incubating startup gets mentors.', 'STARTUP_NOT_ACTIVE'),
    },
    {
      Update: {
        TableName: table,
        Key: mentorKeys.pair(assignment.mentorUserId, assignment.startupId),
        UpdateExpression:
          'SET entity = :entity, mentorUserId = :user, mentorId = :mentor, startupId = :startup, activeAssignmentId = :assignment, firstAssignedAt = if_not_exists(firstAssignedAt, :at)',
        ConditionExpression: 'attribute_not_exists(activeAssignmentId)',
        ExpressionAttributeValues: {
          ':entity': 'mentorPair',
          ':user': assignment.mentorUserId,
          ':mentor': assignment.mentorId,
          ':startup': assignment.startupId,
          ':assignment': assignment.id,
          ':at': assignment.startedAt,
        },
      },
      onConditionFailed: () => new ConflictError('This mentor is already assigned to this startup.', 'ALREADY_ASSIGNED'),
    },
  ];
}

/** Ending frees the mentor's place and the startup's; the pair item stays (without `activeAssignmentId`). */
export function endWrites(before: Assignment, after: Assignment): TxItem[] {
  const table = tableName();
  return [
    putVersioned(toItem(after), before.version, () => new ConflictError('The assignment changed at the same time; read it again.', 'CONCURRENT_UPDATE')),
    {
      Update: {
        TableName: table,
        Key: mentorKeys.profile(before.mentorId),
        UpdateExpression: 'SET activeMentees = activeMentees - :one, version = version + :one',
        ConditionExpression: 'activeMentees > :zero',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      },
    },
    {
      Update: {
        TableName: table,
        Key: mentorKeys.startupMentors(before.startupId),
        UpdateExpression: 'ADD mentorCount :minusOne DELETE assignmentIds :assignment, mentorIds :mentor',
        ConditionExpression: 'mentorCount > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0, ':assignment': new Set([before.id]), ':mentor': new Set([before.mentorId]) },
      },
    },
    {
      Update: {
        TableName: table,
        Key: mentorKeys.pair(before.mentorUserId, before.startupId),
        UpdateExpression: 'REMOVE activeAssignmentId SET lastEndedAt = :at',
        ConditionExpression: 'activeAssignmentId = :assignment',
        ExpressionAttributeValues: { ':assignment': before.id, ':at': after.endedAt },
      },
    },
  ];
}

export async function getAssignmentItem(id: string): Promise<Assignment | undefined> {
  const item = await getItem<AssignmentItem>(mentorKeys.assignment(id));
  return item ? fromItem(item) : undefined;
}

export interface StartupMentors {
  mentorCount: number;
  assignmentIds: string[];
  mentorIds: string[];
}

type StartupMentorsItem = { mentorCount?: number; assignmentIds?: Set<string>; mentorIds?: Set<string> };
const startupMentorsOf = (item: StartupMentorsItem | undefined): StartupMentors => ({
  mentorCount: item?.mentorCount ?? 0,
  assignmentIds: [...(item?.assignmentIds ?? [])],
  mentorIds: [...(item?.mentorIds ?? [])],
});

/** The startup's current mentors and assignments (at most 3), read consistently from one item. */
export async function getStartupMentors(startupId: string): Promise<StartupMentors> {
  return startupMentorsOf(await getItem<StartupMentorsItem>(mentorKeys.startupMentors(startupId)));
}

/** The same, to read together with other items (`readTogether`); a startup with no mentors yet has no item. */
export function startupMentorsRead(startupId: string): Read<StartupMentors> {
  return { key: mentorKeys.startupMentors(startupId), from: (item) => startupMentorsOf(item as StartupMentorsItem) };
}

export async function listAssignmentsOfMentor(mentorId: string, page: PageQuery) {
  const result = await queryPage<AssignmentItem>({ index: 'gsi1', partition: mentorKeys.assignmentsOfMentor(mentorId), page, newestFirst: true });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

export async function listAssignmentsOfStartup(startupId: string, page: PageQuery) {
  const result = await queryPage<AssignmentItem>({ index: 'gsi2', partition: mentorKeys.assignmentsOfStartup(startupId), page, newestFirst: true });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}
