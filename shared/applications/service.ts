import { releaseActiveSlotWrite } from '../applicants';
import type { DomainEvent } from '../events';
import { findApplicantOfUser, findOwnApplicant } from '../applicants';
import { auditRecord, commit } from '../audit';
import { listAuditByEntity } from '../audit';
import { monthOf } from '../clock';
import { hasRole, type Ctx } from '../context';
import { allPagesUpTo, type PageQuery } from '../db/pagination';
import { retryOnConflict } from '../db/transact';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../errors';
import { newId } from '../ids';
import { toCsv } from '../csv';
import { countWrites } from '../reports';
import type { Sector } from '../sectors';
import type { ApplicantCategory } from '../applicants';
import { eligibilityProblem } from './eligibility';
import {
  claimActiveSlotWrite,
  createApplicationWrite,
  getApplication as readApplication,
  listApplicationsOf,
  listQueue,
  retryable,
  saveApplicationWrite,
} from './repository';
import {
  REQUIRED_FOR_SUBMISSION,
  type Application,
  type ApplicationView,
  type ApplicationStatus,
  type CreateApplication,
  type QueueStatus,
  type TimelineEntry,
  type UpdateApplication,
} from './schema';

export const isStaff = (ctx: Ctx) => hasRole(ctx, 'officer') || hasRole(ctx, 'auditor');
const isOwner = (ctx: Ctx, application: Application) => application.applicantUserId === ctx.actor.sub;
export const isReviewer = (ctx: Ctx, application: Application) => application.reviewers.includes(ctx.actor.sub);

export function invalidTransition(application: Application, to: ApplicationStatus): ConflictError {
  return new ConflictError(`An application that is ${application.status} cannot become ${to}.`, 'INVALID_TRANSITION', {
    from: application.status,
    to,
  });
}

/** The application if the caller may see it; to anyone else it does not exist (404). */
export async function visibleApplication(ctx: Ctx, id: string): Promise<Application> {
  const application = await readApplication(id);
  if (!application || !(isStaff(ctx) || isOwner(ctx, application) || isReviewer(ctx, application))) throw new NotFoundError('application');
  return application;
}

/**
 * What the caller sees of an application. The applicant sees the decision and its reason, not who
 * reviewed or decided it, nor the scores or their average: nobody can lobby a reviewer or argue
 * with a number, and the reason is what the centre stands behind.
 */
export function present(ctx: Ctx, application: Application): ApplicationView {
  if (isStaff(ctx) || isReviewer(ctx, application)) return application;
  const { reviewers: _reviewers, scoreCount: _count, scoreTotal: _total, averageScore: _average, decidedBy: _by, ...view } = application;
  return view;
}

/** Steps of the review that only staff see on the timeline: who reviews, and each score. */
const REVIEW_STEPS = new Set(['application.reviewer_assigned', 'application.reviewer_removed', 'application.scored']);

/** The caller's own application: another applicant's looks like 404, not 403. */
async function ownApplication(ctx: Ctx, id: string): Promise<Application> {
  const application = await readApplication(id);
  if (!application || !isOwner(ctx, application)) throw new NotFoundError('application');
  return application;
}

export function applicationAudit(ctx: Ctx, action: string, before: Application | undefined, after: Application, event?: DomainEvent) {
  return auditRecord(ctx, { action: `application.${action}`, entityType: 'application', entityId: after.id, before, after, event });
}

/** Starts a draft for the caller, who must have an applicant profile. */
export async function createApplication(ctx: Ctx, input: CreateApplication): Promise<ApplicationView> {
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
  await commit(ctx, [createApplicationWrite(application), applicationAudit(ctx, 'created', undefined, application)]);
  return present(ctx, application);
}

/** Edits the caller's draft (If-Match); once submitted, an application no longer changes. */
export async function updateApplication(ctx: Ctx, id: string, patch: UpdateApplication, expectedVersion: number): Promise<ApplicationView> {
  const before = await ownApplication(ctx, id);
  if (before.status !== 'draft') throw new ConflictError(`Only a draft can be edited; this application is ${before.status}.`, 'NOT_A_DRAFT');
  const { preferredCommunityId, ...rest } = patch;
  const after: Application = { ...before, ...rest, updatedAt: ctx.now.toISOString(), version: expectedVersion + 1 };
  if (preferredCommunityId === null) delete after.preferredCommunityId;
  else if (preferredCommunityId !== undefined) after.preferredCommunityId = preferredCommunityId;
  await commit(ctx, [saveApplicationWrite(after, expectedVersion), applicationAudit(ctx, 'updated', before, after)]);
  return present(ctx, after);
}

/**
 * Submits the caller's draft: complete, eligible, and their only active application. The active
 * slot is claimed in the same transaction, so two drafts submitted at once cannot both pass.
 */
export async function submitApplication(ctx: Ctx, id: string): Promise<ApplicationView> {
  return retryOnConflict(async () => {
    const before = await ownApplication(ctx, id);
    if (before.status !== 'draft') throw invalidTransition(before, 'submitted');
    const missing = REQUIRED_FOR_SUBMISSION.filter((field) => before[field] === undefined);
    if (missing.length > 0) {
      throw new UnprocessableError(`The application is incomplete: ${missing.join(', ')}.`, 'INCOMPLETE', { missing });
    }
    // The draft names its applicant: one read of the profile (still checked to be the caller's).
    const applicant = await findOwnApplicant(ctx.actor.sub, before.applicantId);
    if (!applicant) throw new UnprocessableError('Your applicant profile is missing.', 'PROFILE_REQUIRED');
    const refusal = eligibilityProblem(applicant, ctx.now);
    if (refusal) throw refusal;
    const at = ctx.now.toISOString();
    const after: Application = {
      ...before,
      status: 'submitted',
      applicantCategory: applicant.category,
      submittedAt: at,
      updatedAt: at,
      version: before.version + 1,
    };
    await commit(ctx, [
      saveApplicationWrite(after, before.version, retryable),
      claimActiveSlotWrite(before.applicantId, before.id),
      ...countWrites(monthOf(ctx.now), { applications_submitted: 1, [`applications_submitted__${applicant.category}`]: 1 }),
      applicationAudit(ctx, 'submitted', before, after, { type: 'ApplicationSubmitted', data: { applicationId: id, applicantId: before.applicantId } }),
    ]);
    return present(ctx, after);
  });
}

/** The owner withdraws before a decision; a submitted application frees their active slot. */
export async function withdrawApplication(ctx: Ctx, id: string): Promise<ApplicationView> {
  return retryOnConflict(async () => {
    const before = await ownApplication(ctx, id);
    if (!['draft', 'submitted', 'under_review'].includes(before.status)) throw invalidTransition(before, 'withdrawn');
    const at = ctx.now.toISOString();
    const after: Application = { ...before, status: 'withdrawn', withdrawnAt: at, updatedAt: at, version: before.version + 1 };
    const wasSubmitted = before.status !== 'draft';
    await commit(ctx, [
      saveApplicationWrite(after, before.version, retryable),
      ...(wasSubmitted ? [releaseActiveSlotWrite(before.applicantId), ...countWrites(monthOf(ctx.now), { applications_withdrawn: 1 })] : []),
      applicationAudit(ctx, 'withdrawn', before, after),
    ]);
    return present(ctx, after);
  });
}

/** One application, to its owner, officers, auditors and its assigned reviewers. */
export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationView> {
  return present(ctx, await visibleApplication(ctx, id));
}

export interface ApplicationFilter {
  mine?: boolean;
  status?: QueueStatus;
  sector?: Sector;
  category?: ApplicantCategory;
}

/** Applicants list their own; officers and auditors read the review queue, oldest submission first. */
export async function listApplications(ctx: Ctx, filter: ApplicationFilter, page: PageQuery) {
  if (filter.mine) {
    if (filter.status || filter.sector || filter.category)
      throw new ValidationError('mine=true lists all your applications; it takes no status, sector or category.', [
        { field: 'query.mine', message: 'cannot be combined with status, sector or category' },
      ]);
    const own = await listApplicationsOf(ctx.actor.sub, page);
    return { items: own.items.map((application) => present(ctx, application)), nextCursor: own.nextCursor };
  }
  if (!isStaff(ctx)) throw new ForbiddenError('Only officers and auditors read the review queue; use mine=true for your own applications.');
  return listQueue(filter.status ?? 'submitted', filter.sector, page, filter.category);
}

/** More rows than one export answers: the officer narrows the filter (by sector or category). */
export const MAX_EXPORT_ROWS = 5000;

const EXPORT_COLUMNS = [
  'id',
  'projectName',
  'status',
  'sector',
  'applicantCategory',
  'plannedJobs',
  'submittedAt',
  'reviewers',
  'scoreCount',
  'averageScore',
  'decision',
  'decidedAt',
] as const;

/** The review queue as filtered, oldest submission first, as CSV (no personal data: the applicant is not named). */
export async function exportQueue(ctx: Ctx, filter: Omit<ApplicationFilter, 'mine'>): Promise<string> {
  if (!isStaff(ctx)) throw new ForbiddenError();
  const rows = await allPagesUpTo(
    (page) => listQueue(filter.status ?? 'submitted', filter.sector, page, filter.category),
    MAX_EXPORT_ROWS,
    () =>
      new UnprocessableError(`More than ${MAX_EXPORT_ROWS} applications match; narrow the filter by sector or category.`, 'EXPORT_TOO_LARGE', {
        limit: MAX_EXPORT_ROWS,
      }),
  );
  return toCsv(
    EXPORT_COLUMNS,
    rows.map((a) => EXPORT_COLUMNS.map((column) => (column === 'reviewers' ? a.reviewers.length : a[column]))),
  );
}

/** The application's timeline from the audit trail, newest first. Only staff see who changed what, and the review's steps. */
export async function applicationHistory(ctx: Ctx, id: string, page: PageQuery) {
  await visibleApplication(ctx, id);
  const staff = isStaff(ctx);
  const trail = await listAuditByEntity(id, page);
  const items: TimelineEntry[] = trail.items
    .filter((record) => staff || !REVIEW_STEPS.has(record.action))
    .map((record) =>
      staff
        ? { at: record.at, action: record.action, role: record.role, actorId: record.actorId, changes: record.changes }
        : { at: record.at, action: record.action, role: record.role },
    );
  return { items, nextCursor: trail.nextCursor };
}

// What other modules read (and write in their transactions) of this module's records, entering through index.ts.
export { getApplication as findApplication, listApplicationsOf } from './repository';
