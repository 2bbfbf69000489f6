import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError, NotEligibleError } from '../errors';
import { ActiveApplicationEntity, applicantKeys, type ApplicantCategory } from '../applicants';
import type { Sector } from '../sectors';
import type { Application, QueueStatus, ReviewAssignment, Score } from './schema';

/** Every key of the application aggregate is built here and nowhere else. */
export const applicationKeys = {
  application: (id: string) => ({ pk: `APPLICATION#${id}`, sk: 'APPLICATION' }),
  /** One item per reviewer and application: a second score by the same reviewer cannot be written. */
  score: (id: string, reviewerId: string) => ({ pk: `APPLICATION#${id}`, sk: `SCORE#${reviewerId}` }),
  scorePrefix: 'SCORE#',
  scores: (id: string) => `APPLICATION#${id}`,
  /** A reviewer's worklist, and the guard against assigning the same reviewer twice. */
  assignment: (reviewerId: string, id: string) => ({ pk: `REVIEWER#${reviewerId}`, sk: `APPLICATION#${id}` }),
  assignments: (reviewerId: string) => `REVIEWER#${reviewerId}`,
  /**
   * At most one application per applicant that is submitted, under review, approved or incubating:
   * this item exists while they have one, written on submission with attribute_not_exists.
   */
  /** The applicant's one active application: the slot is the applicant's (shared/applicants), so that a startup leaving frees it. */
  active: applicantKeys.activeApplication,
  mine: (userId: string) => `APPLICATIONS_OF#${userId}`,
  queue: (status: QueueStatus) => `APPLICATION_QUEUE#${status}`,
  queueBySector: (status: QueueStatus, sector: Sector) => `APPLICATION_QUEUE#${status}#${sector}`,
};

type ApplicationItem = Application & { pk: string; sk: string; entity: 'application' };

/** The review queue is sparse: only submitted applications are in it, oldest submission first. */
const inQueue = (application: Application) => Boolean(application.submittedAt) && application.status !== 'draft';
const queueSortKey = (application: Application) => `${application.submittedAt}#${application.id}`;

export const ApplicationEntity = defineEntity<Application, { id: string }>({
  name: 'application',
  module: 'applications',
  prefix: 'APPLICATION#',
  key: (application) => applicationKeys.application(application.id),
  serves: 'one application by id; the partition also holds its scores',
  indexes: {
    gsi1: {
      pk: (application) => applicationKeys.mine(application.applicantUserId),
      sk: (application) => `${application.createdAt}#${application.id}`,
      serves: "an applicant's applications, newest first",
    },
    gsi2: {
      pk: (application) => applicationKeys.queue(application.status as QueueStatus),
      sk: queueSortKey,
      serves: 'the review queue of one status',
      when: inQueue,
    },
    gsi3: {
      pk: (application) => applicationKeys.queueBySector(application.status as QueueStatus, application.sector as Sector),
      sk: queueSortKey,
      serves: 'the review queue of one status and sector',
      when: (application) => inQueue(application) && Boolean(application.sector),
    },
  },
});

/** One item per reviewer and application: a second score by the same reviewer cannot be written. */
export const ScoreEntity = defineEntity<Score, { applicationId: string; reviewerId: string }>({
  name: 'score',
  module: 'applications',
  prefix: 'APPLICATION#',
  skPrefix: applicationKeys.scorePrefix,
  key: (score) => applicationKeys.score(score.applicationId, score.reviewerId),
  serves: "once per reviewer: an application's scores (begins_with SCORE#)",
});

/** A reviewer's worklist, and the guard against assigning the same reviewer twice. */
export const ReviewAssignmentEntity = defineEntity<ReviewAssignment & { reviewerId: string }>({
  name: 'reviewAssignment',
  module: 'applications',
  prefix: 'REVIEWER#',
  key: (assignment) => applicationKeys.assignment(assignment.reviewerId, assignment.applicationId),
  serves: "once per reviewer and application: a reviewer's worklist",
  attributes: ['applicationId', 'projectName', 'assignedAt', 'assignedBy'],
});

const toItem = (application: Application) => ApplicationEntity.toItem(application) as ApplicationItem;

export const fromItem = ApplicationEntity.fromItem;

export function createApplicationWrite(application: Application): TxItem {
  return putNew(toItem(application), () => new ConflictError('Application id collision; retry.'));
}

/**
 * Replaces the application if nobody changed it since it was read: a stale If-Match is a 412 unless
 * the caller names another error (actions re-run on fresh state with `retryable`).
 */
export function saveApplicationWrite(application: Application, expectedVersion: number, onStale?: () => Error): TxItem {
  return putVersioned(toItem(application), expectedVersion, onStale);
}

/** Claims the applicant's single active slot; fails if another application holds it. */
export function claimActiveSlotWrite(applicantId: string, applicationId: string): TxItem {
  return putNew(
    ActiveApplicationEntity.toItem({ applicantId, applicationId }),
    () => new NotEligibleError('one_active_application', 'You already have an application that is submitted, under review, approved or incubating.'),
  );
}

/** The assignment item, written once per reviewer and application. */
export function assignmentWrite(reviewerId: string, assignment: ReviewAssignment): TxItem {
  return putNew(
    ReviewAssignmentEntity.toItem({ reviewerId, ...assignment }),
    () => new ConflictError('This reviewer is already assigned to the application.', 'ALREADY_ASSIGNED'),
  );
}

/** Deletes a reviewer's assignment item (the reviewer was taken off the application). */
export function removeAssignmentWrite(reviewerId: string, applicationId: string): TxItem {
  return { Delete: { TableName: tableName(), Key: applicationKeys.assignment(reviewerId, applicationId) } };
}

export async function getScore(applicationId: string, reviewerId: string): Promise<Score | undefined> {
  const item = await getItem<Record<string, unknown>>(applicationKeys.score(applicationId, reviewerId));
  return item ? ScoreEntity.fromItem(item) : undefined;
}

/**
 * A score and its effect on the application in one transaction. The score item is the
 * once-per-reviewer constraint; the application's condition re-checks, at write time, that it is
 * still under review and that the scorer is still one of its reviewers. Scores from different
 * reviewers commute, so they add to the totals instead of replacing the item (no lost update).
 */
export function scoreWrites(score: Score, at: string): TxItem[] {
  return [
    putNew(ScoreEntity.toItem(score), () => new ConflictError('You have already scored this application.', 'ALREADY_SCORED')),
    {
      Update: {
        TableName: tableName(),
        Key: applicationKeys.application(score.applicationId),
        UpdateExpression: 'SET #updatedAt = :at ADD #count :one, #total :total, #version :one',
        ConditionExpression: '#status = :underReview AND contains(#reviewers, :reviewer)',
        ExpressionAttributeNames: {
          '#updatedAt': 'updatedAt',
          '#count': 'scoreCount',
          '#total': 'scoreTotal',
          '#version': 'version',
          '#status': 'status',
          '#reviewers': 'reviewers',
        },
        ExpressionAttributeValues: { ':at': at, ':one': 1, ':total': score.total, ':underReview': 'under_review', ':reviewer': score.reviewerId },
      },
      onConditionFailed: () => new ConflictError('The application is no longer open for scoring.', 'NOT_UNDER_REVIEW'),
    },
  ];
}

/** Used when a write's version check fails on an operation that is safe to re-run on fresh state. */
export const retryable = () => new TransactionConflictError();

export async function getApplication(id: string): Promise<Application | undefined> {
  const item = await getItem<Record<string, unknown>>(applicationKeys.application(id));
  return item ? fromItem(item) : undefined;
}

export async function listScores(applicationId: string): Promise<Score[]> {
  // At most five reviewers, so one page holds every score.
  const result = await queryPage<Record<string, unknown>>({
    partition: applicationKeys.scores(applicationId),
    beginsWith: applicationKeys.scorePrefix,
    page: { limit: 100 },
  });
  return result.items.map(ScoreEntity.fromItem);
}

export async function listApplicationsOf(userId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: applicationKeys.mine(userId), newestFirst: true, page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

export async function listQueue(status: QueueStatus, sector: Sector | undefined, page: PageQuery, category?: ApplicantCategory) {
  // The category narrows a page of the queue (a filter on the one partition read): a page may hold
  // fewer items than its limit, and the cursor goes on from where the read stopped.
  const filter = category
    ? {
        FilterExpression: '#category = :category',
        ExpressionAttributeNames: { '#category': 'applicantCategory' },
        ExpressionAttributeValues: { ':category': category },
      }
    : undefined;
  const result = sector
    ? await queryPage<Record<string, unknown>>({ index: 'gsi3', partition: applicationKeys.queueBySector(status, sector), page, filter })
    : await queryPage<Record<string, unknown>>({ index: 'gsi2', partition: applicationKeys.queue(status), page, filter });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

export async function listAssignments(reviewerId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ partition: applicationKeys.assignments(reviewerId), page });
  return {
    items: result.items.map((item): ReviewAssignment => ReviewAssignmentEntity.fromItem(item)),
    nextCursor: result.nextCursor,
  };
}
