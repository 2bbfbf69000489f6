import { findApplicantOfUser } from '../applicants/service';
import { auditRecord, commit } from '../audit/service';
import { listAuditByEntity } from '../audit/repository';
import { monthOf } from '../clock';
import { hasRole, type Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict, type TxItem } from '../db/transact';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../errors';
import { newId } from '../ids';
import { countWrites } from '../reports/counters';
import type { Sector } from '../sectors';
import { newStartup } from '../startups/service';
import { createStartupWrite } from '../startups/repository';
import { eligibilityProblem } from './eligibility';
import {
  assignmentWrite,
  claimActiveSlotWrite,
  createApplicationWrite,
  getApplication as readApplication,
  listApplicationsOf,
  listAssignments,
  listQueue,
  listScores,
  releaseActiveSlotWrite,
  retryable,
  saveApplicationWrite,
  scoreWrites,
} from './repository';
import {
  REQUIRED_FOR_SUBMISSION,
  SCORE_CRITERIA,
  type Application,
  type ApplicationStatus,
  type CreateApplication,
  type DecideApplication,
  type QueueStatus,
  type Score,
  type ScoreInput,
  type TimelineEntry,
  type UpdateApplication,
} from './schema';

export const MAX_REVIEWERS = 5;

/** How many scores a decision needs (`FUHUA_MIN_REVIEW_SCORES`, default 2). */
export function minScoresForDecision(): number {
  const configured = Number(process.env.FUHUA_MIN_REVIEW_SCORES ?? 2);
  return Number.isInteger(configured) && configured >= 1 && configured <= MAX_REVIEWERS ? configured : 2;
}

const isStaff = (ctx: Ctx) => hasRole(ctx, 'officer') || hasRole(ctx, 'auditor');
const isOwner = (ctx: Ctx, application: Application) => application.applicantUserId === ctx.actor.sub;
const isReviewer = (ctx: Ctx, application: Application) => application.reviewers.includes(ctx.actor.sub);

function invalidTransition(application: Application, to: ApplicationStatus): ConflictError {
  return new ConflictError(`An application that is ${application.status} cannot become ${to}.`, 'INVALID_TRANSITION', {
    from: application.status,
    to,
  });
}

/** The application if the caller may see it; to anyone else it does not exist (404). */
async function visibleApplication(ctx: Ctx, id: string): Promise<Application> {
  const application = await readApplication(id);
  if (!application || !(isStaff(ctx) || isOwner(ctx, application) || isReviewer(ctx, application))) throw new NotFoundError('application');
  return application;
}

/** The caller's own application: another applicant's looks like 404, not 403. */
async function ownApplication(ctx: Ctx, id: string): Promise<Application> {
  const application = await readApplication(id);
  if (!application || !isOwner(ctx, application)) throw new NotFoundError('application');
  return application;
}

function audit(ctx: Ctx, action: string, before: Application | undefined, after: Application, event?: { type: string; data: Record<string, string | number> }) {
  return auditRecord(ctx, { action: `application.${action}`, entityType: 'application', entityId: after.id, before, after, event });
}

/** Starts a draft for the caller, who must have an applicant profile. */
export async function createApplication(ctx: Ctx, input: CreateApplication): Promise<Application> {
  const applicant = await findApplicantOfUser(ctx.actor.sub);
  if (!applicant) throw new UnprocessableError('Register your applicant profile first (POST /v1/applicants).', 'PROFILE_REQUIRED');
  const at = ctx.now.toISOString();
  const application: Application = {
    id: newId('app'),
    applicantId: applicant.id,
    applicantUserId: ctx.actor.sub,
    applicantCategory: applicant.category,
    status: 'draft',
    ...input,
    reviewers: [],
    scoreCount: 0,
    scoreTotal: 0,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await commit(ctx, [createApplicationWrite(application), audit(ctx, 'created', undefined, application)]);
  return application;
}

/** Edits the caller's draft (If-Match); once submitted, an application no longer changes. */
export async function updateApplication(ctx: Ctx, id: string, patch: UpdateApplication, expectedVersion: number): Promise<Application> {
  const before = await ownApplication(ctx, id);
  if (before.status !== 'draft') throw new ConflictError(`Only a draft can be edited; this application is ${before.status}.`, 'NOT_A_DRAFT');
  const { preferredCommunityId, ...rest } = patch;
  const after: Application = { ...before, ...rest, updatedAt: ctx.now.toISOString(), version: expectedVersion + 1 };
  if (preferredCommunityId === null) delete after.preferredCommunityId;
  else if (preferredCommunityId !== undefined) after.preferredCommunityId = preferredCommunityId;
  await commit(ctx, [saveApplicationWrite(after, expectedVersion), audit(ctx, 'updated', before, after)]);
  return after;
}

/**
 * Submits the caller's draft: complete, eligible, and their only active application. The active
 * slot is claimed in the same transaction, so two drafts submitted at once cannot both pass.
 */
export async function submitApplication(ctx: Ctx, id: string): Promise<Application> {
  return retryOnConflict(async () => {
    const before = await ownApplication(ctx, id);
    if (before.status !== 'draft') throw invalidTransition(before, 'submitted');
    const missing = REQUIRED_FOR_SUBMISSION.filter((field) => before[field] === undefined);
    if (missing.length > 0) {
      throw new UnprocessableError(`The application is incomplete: ${missing.join(', ')}.`, 'INCOMPLETE', { missing });
    }
    const applicant = await findApplicantOfUser(ctx.actor.sub);
    if (!applicant) throw new UnprocessableError('Your applicant profile is missing.', 'PROFILE_REQUIRED');
    const refusal = eligibilityProblem(applicant, ctx.now);
    if (refusal) throw refusal;
    const at = ctx.now.toISOString();
    const after: Application = { ...before, status: 'submitted', applicantCategory: applicant.category, submittedAt: at, updatedAt: at, version: before.version + 1 };
    await commit(ctx, [
      saveApplicationWrite(after, before.version, retryable),
      claimActiveSlotWrite(before.applicantId, before.id),
      ...countWrites(monthOf(ctx.now), { applications_submitted: 1, [`applications_submitted__${applicant.category}`]: 1 }),
      audit(ctx, 'submitted', before, after, { type: 'ApplicationSubmitted', data: { applicationId: id, applicantId: before.applicantId } }),
    ]);
    return after;
  });
}

/** The owner withdraws before a decision; a submitted application frees their active slot. */
export async function withdrawApplication(ctx: Ctx, id: string): Promise<Application> {
  return retryOnConflict(async () => {
    const before = await ownApplication(ctx, id);
    if (!['draft', 'submitted', 'under_review'].includes(before.status)) throw invalidTransition(before, 'withdrawn');
    const at = ctx.now.toISOString();
    const after: Application = { ...before, status: 'withdrawn', withdrawnAt: at, updatedAt: at, version: before.version + 1 };
    const wasSubmitted = before.status !== 'draft';
    await commit(ctx, [
      saveApplicationWrite(after, before.version, retryable),
      ...(wasSubmitted ? [releaseActiveSlotWrite(before.applicantId), ...countWrites(monthOf(ctx.now), { applications_withdrawn: 1 })] : []),
      audit(ctx, 'withdrawn', before, after),
    ]);
    return after;
  });
}

/** One application, to its owner, officers, auditors and its assigned reviewers. */
export async function getApplication(ctx: Ctx, id: string): Promise<Application> {
  return visibleApplication(ctx, id);
}

export interface ApplicationFilter {
  mine?: boolean;
  status?: QueueStatus;
  sector?: Sector;
}

/** Applicants list their own; officers and auditors read the review queue, oldest submission first. */
export async function listApplications(ctx: Ctx, filter: ApplicationFilter, page: PageQuery) {
  if (filter.mine) {
    if (filter.status || filter.sector) throw new ValidationError('mine=true lists all your applications; it takes no status or sector.', [{ field: 'query.mine', message: 'cannot be combined with status or sector' }]);
    return listApplicationsOf(ctx.actor.sub, page);
  }
  if (!isStaff(ctx)) throw new ForbiddenError('Only officers and auditors read the review queue; use mine=true for your own applications.');
  return listQueue(filter.status ?? 'submitted', filter.sector, page);
}

/**
 * Assigns a reviewer (any user's sub, typically an officer or mentor). The first assignment puts a
 * submitted application under review. The version condition keeps the 5-reviewer limit under races.
 */
export async function assignReviewer(ctx: Ctx, id: string, reviewerId: string): Promise<Application> {
  return retryOnConflict(async () => {
    const before = await readApplication(id);
    if (!before || before.status === 'draft') throw new NotFoundError('application');
    if (before.status !== 'submitted' && before.status !== 'under_review') {
      throw new ConflictError(`Reviewers can be assigned only before the decision; this application is ${before.status}.`, 'INVALID_TRANSITION', { from: before.status });
    }
    if (reviewerId === before.applicantUserId) throw new UnprocessableError('An applicant cannot review their own application.', 'OWN_APPLICATION');
    if (before.reviewers.includes(reviewerId)) throw new ConflictError('This reviewer is already assigned to the application.', 'ALREADY_ASSIGNED');
    if (before.reviewers.length >= MAX_REVIEWERS) throw new ConflictError(`An application has at most ${MAX_REVIEWERS} reviewers.`, 'TOO_MANY_REVIEWERS');
    const at = ctx.now.toISOString();
    const after: Application = { ...before, status: 'under_review', reviewers: [...before.reviewers, reviewerId], updatedAt: at, version: before.version + 1 };
    await commit(ctx, [
      saveApplicationWrite(after, before.version, retryable),
      assignmentWrite(reviewerId, { applicationId: id, projectName: before.projectName, assignedAt: at, assignedBy: ctx.actor.sub }),
      audit(ctx, before.status === 'submitted' ? 'review_started' : 'reviewer_assigned', before, after),
    ]);
    return after;
  });
}

/** An assigned reviewer scores once; a second score by the same reviewer is a 409. */
export async function scoreApplication(ctx: Ctx, id: string, input: ScoreInput): Promise<Score> {
  const application = await visibleApplication(ctx, id);
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
    const to = input.decision === 'approve' ? 'approved' : 'rejected';
    if (before.status !== 'under_review') throw invalidTransition(before, to);
    const needed = minScoresForDecision();
    if (before.scoreCount < needed) {
      throw new ConflictError(`A decision needs at least ${needed} scores; this application has ${before.scoreCount}.`, 'NOT_ENOUGH_SCORES', { needed, have: before.scoreCount });
    }
    const at = ctx.now.toISOString();
    const month = monthOf(ctx.now);
    const averageScore = Math.round((before.scoreTotal / before.scoreCount) * 100) / 100;
    const startup = to === 'approved' ? newStartup(ctx, {
          applicationId: id,
            founderApplicantId: before.applicantId,
            founderUserId: before.applicantUserId,
            name: before.projectName,
            // Submission guaranteed these are present.
            sector: before.sector!,
            space: before.space!,
            plannedJobs: before.plannedJobs!,
            preferredCommunityId: before.preferredCommunityId,
          }) : undefined;
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
    writes.push(audit(ctx, to, before, after, { type: to === 'approved' ? 'ApplicationApproved' : 'ApplicationRejected', data: { applicationId: id } }));
    await commit(ctx, writes);
    return after;
  });
}

/** The application's timeline from the audit trail, newest first. Only staff see who changed what. */
export async function applicationHistory(ctx: Ctx, id: string, page: PageQuery) {
  await visibleApplication(ctx, id);
  const staff = isStaff(ctx);
  const trail = await listAuditByEntity(id, page);
  const items: TimelineEntry[] = trail.items.map((record) =>
    staff ? { at: record.at, action: record.action, role: record.role, actorId: record.actorId, changes: record.changes } : { at: record.at, action: record.action, role: record.role },
  );
  return { items, nextCursor: trail.nextCursor };
}

/** The applications the caller has been asked to review. */
export async function myReviewAssignments(ctx: Ctx, page: PageQuery) {
  return listAssignments(ctx.actor.sub, page);
}
