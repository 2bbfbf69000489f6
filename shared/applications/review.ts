import { releaseActiveSlotWrite } from '../applicants';
// The review of a submitted application: reviewers, their scores, and the officer's decision.
import { auditRecord, commit } from '../audit';
import { monthOf } from '../clock';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict, type TxItem } from '../db/transact';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { refuseOwnRecord } from '../duties';
import { countWrites } from '../reports';
import { createStartupWrite } from '../startups';
import { newStartup } from '../startups';
import {
  assignmentWrite,
  getApplication as readApplication,
  getScore,
  listAssignments,
  listScores,
  removeAssignmentWrite,
  retryable,
  saveApplicationWrite,
  scoreWrites,
  applicationKeys,
} from './repository';
import { SCORE_CRITERIA, type Application, type DecideApplication, type MyReviewAssignment, type Score, type ScoreInput } from './schema';
import { getItems } from '../db/items';
import { applicationAudit, invalidTransition, isReviewer, isStaff, visibleApplication } from './service';
import { assertInStaffDirectory } from '../staff';

export const MAX_REVIEWERS = 5;

/** How many scores a decision needs (`FUHUA_MIN_REVIEW_SCORES`, default 2). */
export function minScoresForDecision(): number {
  const configured = Number(process.env.FUHUA_MIN_REVIEW_SCORES ?? 2);
  return Number.isInteger(configured) && configured >= 1 && configured <= MAX_REVIEWERS ? configured : 2;
}

/** Reviewers are officers or mentors of the staff directory. */
const REVIEWER_ROLES = ['officer', 'mentor'] as const;

/**
 * Assigns a reviewer: an officer or mentor of the staff directory (their login sub). The first assignment puts a
 * submitted application under review. The version condition keeps the 5-reviewer limit under races.
 */
export async function assignReviewer(ctx: Ctx, id: string, reviewerId: string): Promise<Application> {
  return retryOnConflict(async () => {
    const before = await readApplication(id);
    if (!before || before.status === 'draft') throw new NotFoundError('application');
    if (before.status !== 'submitted' && before.status !== 'under_review') {
      throw new ConflictError(`Reviewers can be assigned only before the decision; this application is ${before.status}.`, 'INVALID_TRANSITION', {
        from: before.status,
      });
    }
    refuseOwnRecord(ctx, [before.applicantUserId], 'an application');
    if (reviewerId === before.applicantUserId) throw new UnprocessableError('An applicant cannot review their own application.', 'OWN_APPLICATION');
    if (before.reviewers.includes(reviewerId)) throw new ConflictError('This reviewer is already assigned to the application.', 'ALREADY_ASSIGNED');
    if (before.reviewers.length >= MAX_REVIEWERS) throw new ConflictError(`An application has at most ${MAX_REVIEWERS} reviewers.`, 'TOO_MANY_REVIEWERS');
    await assertInStaffDirectory(reviewerId, REVIEWER_ROLES, 'reviewerId');
    const at = ctx.now.toISOString();
    const after: Application = { ...before, status: 'under_review', reviewers: [...before.reviewers, reviewerId], updatedAt: at, version: before.version + 1 };
    await commit(ctx, [
      saveApplicationWrite(after, before.version, retryable),
      assignmentWrite(reviewerId, { applicationId: id, projectName: before.projectName, assignedAt: at, assignedBy: ctx.actor.sub }),
      applicationAudit(ctx, before.status === 'submitted' ? 'review_started' : 'reviewer_assigned', before, after),
    ]);
    return after;
  });
}

/**
 * Takes a reviewer off an application before the decision, as long as they have not scored (a
 * score stays: it counts towards the decision). Their worklist entry goes with them. A score landing
 * at the same moment changes the application's version, so the removal re-reads and refuses.
 */
export async function removeReviewer(ctx: Ctx, id: string, reviewerId: string): Promise<Application> {
  return retryOnConflict(async () => {
    const before = await readApplication(id);
    if (!before || before.status === 'draft') throw new NotFoundError('application');
    refuseOwnRecord(ctx, [before.applicantUserId], 'an application');
    if (before.status !== 'submitted' && before.status !== 'under_review') {
      throw new ConflictError(`Reviewers can be removed only before the decision; this application is ${before.status}.`, 'INVALID_TRANSITION', {
        from: before.status,
      });
    }
    if (!before.reviewers.includes(reviewerId)) throw new NotFoundError('reviewer of this application');
    if (await getScore(id, reviewerId)) throw new ConflictError('This reviewer has already scored the application; a score is kept.', 'REVIEWER_HAS_SCORED');
    const after: Application = {
      ...before,
      reviewers: before.reviewers.filter((r) => r !== reviewerId),
      updatedAt: ctx.now.toISOString(),
      version: before.version + 1,
    };
    await commit(ctx, [
      saveApplicationWrite(after, before.version, retryable),
      removeAssignmentWrite(reviewerId, id),
      applicationAudit(ctx, 'reviewer_removed', before, after),
    ]);
    return after;
  });
}

/** An assigned reviewer scores once; a second score by the same reviewer is a 409. */
export async function scoreApplication(ctx: Ctx, id: string, input: ScoreInput): Promise<Score> {
  const application = await visibleApplication(ctx, id);
  refuseOwnRecord(ctx, [application.applicantUserId], 'an application');
  if (!isReviewer(ctx, application)) throw new ForbiddenError('Only a reviewer assigned to this application can score it.', 'NOT_A_REVIEWER');
  if (application.status !== 'under_review') throw new ConflictError(`The application is ${application.status}, not under review.`, 'NOT_UNDER_REVIEW');
  const at = ctx.now.toISOString();
  const total = SCORE_CRITERIA.reduce((sum, criterion) => sum + input[criterion], 0);
  const score: Score = { applicationId: id, reviewerId: ctx.actor.sub, ...input, total, scoredAt: at };
  await retryOnConflict(() =>
    commit(ctx, [
      ...scoreWrites(score, at),
      auditRecord(ctx, { action: 'application.scored', entityType: 'application', entityId: id, after: { reviewerId: score.reviewerId, total, scoredAt: at } }),
    ]),
  );
  return score;
}

/** Every score of an application (officers and auditors). */
export async function listApplicationScores(ctx: Ctx, id: string): Promise<Score[]> {
  await visibleApplication(ctx, id);
  if (!isStaff(ctx)) throw new ForbiddenError();
  return listScores(id);
}

/**
 * An officer's decision, with the average of the reviewers' totals. Approval creates the startup
 * in the same transaction. Two officers deciding at once: the version condition lets one win and
 * the other, re-reading, finds the application decided (409).
 */
export async function decideApplication(ctx: Ctx, id: string, input: DecideApplication) {
  return retryOnConflict(async () => {
    const before = await readApplication(id);
    if (!before || before.status === 'draft') throw new NotFoundError('application');
    refuseOwnRecord(ctx, [before.applicantUserId], 'an application');
    const to = input.decision === 'approve' ? 'approved' : 'rejected';
    if (before.status !== 'under_review') throw invalidTransition(before, to);
    const needed = minScoresForDecision();
    if (before.scoreCount < needed) {
      throw new ConflictError(`A decision needs at least ${needed} scores; this application has ${before.scoreCount}.`, 'NOT_ENOUGH_SCORES', {
        needed,
        have: before.scoreCount,
      });
    }
    const at = ctx.now.toISOString();
    const month = monthOf(ctx.now);
    const averageScore = Math.round((before.scoreTotal / before.scoreCount) * 100) / 100;
    const startup =
      to === 'approved'
        ? newStartup(ctx, {
            applicationId: id,
            founderApplicantId: before.applicantId,
            founderUserId: before.applicantUserId,
            name: before.projectName,
            // Submission guaranteed these are present.
            sector: before.sector!,
            space: before.space!,
            plannedJobs: before.plannedJobs!,
            preferredCommunityId: before.preferredCommunityId,
          })
        : undefined;
    const after: Application = {
      ...before,
      status: to,
      decision: input.decision,
      decisionReason: input.reason,
      decidedBy: ctx.actor.sub,
      decidedAt: at,
      averageScore,
      ...(startup ? { startupId: startup.id } : {}),
      updatedAt: at,
      version: before.version + 1,
    };
    const writes: TxItem[] = [saveApplicationWrite(after, before.version, retryable)];
    if (startup) {
      writes.push(
        createStartupWrite(startup),
        ...countWrites(month, { applications_approved: 1, startups_approved: 1 }),
        auditRecord(ctx, {
          action: 'startup.created',
          entityType: 'startup',
          entityId: startup.id,
          after: startup,
          event: { type: 'StartupApproved', data: { startupId: startup.id, applicationId: id } },
        }),
      );
    } else {
      // A rejected applicant may apply again.
      writes.push(releaseActiveSlotWrite(before.applicantId), ...countWrites(month, { applications_rejected: 1 }));
    }
    writes.push(
      applicationAudit(ctx, to, before, after, { type: to === 'approved' ? 'ApplicationApproved' : 'ApplicationRejected', data: { applicationId: id } }),
    );
    await commit(ctx, writes);
    return after;
  });
}

/**
 * The applications the caller has been asked to review, each with its status and the caller's
 * score if any: one Query of the reviewer's worklist, then the applications and score items by key.
 */
export async function myReviewAssignments(ctx: Ctx, page: PageQuery): Promise<{ items: MyReviewAssignment[]; nextCursor: string | null }> {
  const result = await listAssignments(ctx.actor.sub, page);
  if (result.items.length === 0) return { items: [], nextCursor: result.nextCursor };
  // A page is at most 100 assignments: one BatchGetItem for their applications, one for the caller's scores.
  const [applications, scores] = await Promise.all([
    getItems<Record<string, unknown>>(result.items.map((a) => applicationKeys.application(a.applicationId))),
    getItems<Record<string, unknown>>(result.items.map((a) => applicationKeys.score(a.applicationId, ctx.actor.sub))),
  ]);
  const items = result.items.map((assignment, i) => {
    const application = applications[i];
    const score = scores[i];
    return {
      ...assignment,
      applicationStatus: String(application?.status ?? 'unknown'),
      ...(score ? { scoredAt: String(score.scoredAt) } : {}),
    };
  });
  return { items, nextCursor: result.nextCursor };
}
