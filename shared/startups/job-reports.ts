import { auditRecord, commit } from '../audit';
import { monthOf } from '../clock';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict, TransactionConflictError } from '../db/transact';
import { refuseOwnRecord } from '../duties';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { createJobReportWrite, getJobReport, listJobReports as readJobReports, saveJobReportWrite } from './repository';
import { peopleOf } from './founders';
import { groupsWithinEmployees, type CorrectJobReport, type FileJobReport, type JobReport, type Startup, type VerifyJobReport } from './schema';
import { getStartup } from './service';

/** A month's report can be corrected until the end of the month after next (March's until May 31). */
export const CORRECTION_MONTHS = 2;

/**
 * People a startup may report beyond the seats it holds that month (staff working off-site, in the
 * field, part-time). A report above seats + margin is refused as implausible (`FUHUA_JOB_REPORT_MARGIN`).
 */
export function jobReportMargin(): number {
  const configured = Number(process.env.FUHUA_JOB_REPORT_MARGIN ?? 10);
  return Number.isInteger(configured) && configured >= 0 ? configured : 10;
}

/**
 * The seats a startup holds in a month, which bound its job report. Space (shared/spaces) knows them
 * and itself reads startups, so the caller passes its `seatsHeldIn` in.
 */
export type SeatsHeldIn = (startupId: string, month: string) => Promise<number>;

async function checkPlausible(seatsHeldIn: SeatsHeldIn, startupId: string, month: string, employees: number): Promise<void> {
  const seats = await seatsHeldIn(startupId, month);
  const most = seats + jobReportMargin();
  if (employees > most) {
    throw new UnprocessableError(
      `${employees} employees is implausible for ${month}: the startup held ${seats} seat(s) then, and at most ${jobReportMargin()} more people are taken on trust.`,
      'IMPLAUSIBLE_JOB_REPORT',
      { seatsHeld: seats, margin: jobReportMargin(), most },
    );
  }
}

/** `YYYY-MM` plus `n` months. */
export function monthPlus(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

async function foundedStartup(ctx: Ctx, startupId: string): Promise<Startup> {
  const startup = await getStartup(ctx, startupId);
  if (startup.founderUserId !== ctx.actor.sub) throw new ForbiddenError('Only the founder reports the jobs of a startup.', 'NOT_THE_FOUNDER');
  return startup;
}

function audit(ctx: Ctx, action: string, before: JobReport | undefined, after: JobReport) {
  return auditRecord(ctx, { action: `startup.job_report_${action}`, entityType: 'startup', entityId: after.startupId, before, after });
}

/** The founder reports a past or current month of incubation, once; corrections go through PATCH. */
export async function fileJobReport(ctx: Ctx, startupId: string, input: FileJobReport, seatsHeldIn: SeatsHeldIn): Promise<JobReport> {
  const startup = await foundedStartup(ctx, startupId);
  if (startup.status !== 'incubating') {
    throw new ConflictError(`Jobs are reported while incubating; this startup is ${startup.status}.`, 'STARTUP_NOT_INCUBATING');
  }
  if (input.month > monthOf(ctx.now)) throw new UnprocessableError(`${input.month} has not happened yet.`, 'MONTH_IN_FUTURE');
  if (input.month < startup.incubationStart.slice(0, 7)) {
    throw new UnprocessableError(`Incubation started in ${startup.incubationStart.slice(0, 7)}; earlier months are not reported.`, 'MONTH_BEFORE_INCUBATION');
  }
  await checkPlausible(seatsHeldIn, startupId, input.month, input.employees);
  const at = ctx.now.toISOString();
  const report: JobReport = {
    startupId,
    ...input,
    ...(startup.preferredCommunityId ? { communityId: startup.preferredCommunityId } : {}),
    status: 'reported',
    reportedBy: ctx.actor.sub,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await commit(ctx, [createJobReportWrite(report), audit(ctx, 'filed', undefined, report)]);
  return report;
}

/** The founder corrects a report (If-Match) until the end of the month after next. */
export async function correctJobReport(
  ctx: Ctx,
  startupId: string,
  month: string,
  patch: CorrectJobReport,
  expectedVersion: number,
  seatsHeldIn: SeatsHeldIn,
): Promise<JobReport> {
  await foundedStartup(ctx, startupId);
  const before = await getJobReport(startupId, month);
  if (!before) throw new NotFoundError('job report');
  if (monthOf(ctx.now) > monthPlus(month, CORRECTION_MONTHS)) {
    throw new ConflictError(`The report for ${month} could be corrected until the end of ${monthPlus(month, CORRECTION_MONTHS)}.`, 'CORRECTION_WINDOW_CLOSED');
  }
  const { revenueFen, ...rest } = patch;
  // A corrected report is a new claim of the founder: it counts again only once an officer verifies it.
  const { evidenceReference: _e, verifiedBy: _b, verifiedAt: _a, ...unverified } = before;
  const after: JobReport = { ...unverified, ...rest, status: 'reported', updatedAt: ctx.now.toISOString(), version: expectedVersion + 1 };
  if (revenueFen === null) delete after.revenueFen;
  else if (revenueFen !== undefined) after.revenueFen = revenueFen;
  if (after.collegeGraduatesEmployed > after.employees || !groupsWithinEmployees(after)) {
    throw new UnprocessableError('The employees of the groups cannot exceed the employees.', 'INCONSISTENT_REPORT');
  }
  await checkPlausible(seatsHeldIn, startupId, month, after.employees);
  await commit(ctx, [saveJobReportWrite(after, expectedVersion), audit(ctx, 'corrected', before, after)]);
  return after;
}

/** A startup's job reports, newest month first, to whoever may read the startup. */
export async function listJobReports(ctx: Ctx, startupId: string, page: PageQuery) {
  await getStartup(ctx, startupId);
  return readJobReports(startupId, page);
}

/**
 * An officer verifies a month's report against evidence (e.g. the social-insurance list): from then
 * on it counts toward the published figures and toward programmes' `minJobsReported`.
 */
export async function verifyJobReport(ctx: Ctx, startupId: string, month: string, input: VerifyJobReport): Promise<JobReport> {
  const startup = await getStartup(ctx, startupId);
  refuseOwnRecord(ctx, peopleOf(startup), 'a job report');
  return retryOnConflict(async () => {
    const before = await getJobReport(startupId, month);
    if (!before) throw new NotFoundError('job report');
    if (before.status === 'verified') throw new ConflictError(`The report for ${month} is already verified.`, 'JOB_REPORT_VERIFIED');
    const at = ctx.now.toISOString();
    const after: JobReport = {
      ...before,
      status: 'verified',
      evidenceReference: input.evidenceReference,
      verifiedBy: ctx.actor.sub,
      verifiedAt: at,
      updatedAt: at,
      version: before.version + 1,
    };
    await commit(ctx, [saveJobReportWrite(after, before.version, () => new TransactionConflictError()), audit(ctx, 'verified', before, after)]);
    return after;
  });
}

/** The latest of a startup's reports (of the last two years) that an officer has verified. */
export async function latestVerifiedJobReport(startupId: string): Promise<JobReport | undefined> {
  const recent = await readJobReports(startupId, { limit: 24 });
  return recent.items.find((report) => report.status === 'verified');
}
