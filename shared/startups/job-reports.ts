import { auditRecord, commit } from '../audit/service';
import { monthOf } from '../clock';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { createJobReportWrite, getJobReport, listJobReports as readJobReports, saveJobReportWrite } from './repository';
import type { CorrectJobReport, FileJobReport, JobReport, Startup } from './schema';
import { getStartup } from './service';

/** A month's report can be corrected until the end of the month after next (March's until May 31). */
export const CORRECTION_MONTHS = 2;

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
export async function fileJobReport(ctx: Ctx, startupId: string, input: FileJobReport): Promise<JobReport> {
  const startup = await foundedStartup(ctx, startupId);
  if (startup.status !== 'incubating') {
    throw new ConflictError(`Jobs are reported while incubating; this startup is ${startup.status}.`, 'STARTUP_NOT_INCUBATING');
  }
  if (input.month > monthOf(ctx.now)) throw new UnprocessableError(`${input.month} has not happened yet.`, 'MONTH_IN_FUTURE');
  if (input.month < startup.incubationStart.slice(0, 7)) {
    throw new UnprocessableError(`Incubation started in ${startup.incubationStart.slice(0, 7)}; earlier months are not reported.`, 'MONTH_BEFORE_INCUBATION');
  }
  const at = ctx.now.toISOString();
  const report: JobReport = { startupId, ...input, reportedBy: ctx.actor.sub, createdAt: at, updatedAt: at, version: 1 };
  await commit(ctx, [createJobReportWrite(report), audit(ctx, 'filed', undefined, report)]);
  return report;
}

/** The founder corrects a report (If-Match) until the end of the month after next. */
export async function correctJobReport(ctx: Ctx, startupId: string, month: string, patch: CorrectJobReport, expectedVersion: number): Promise<JobReport> {
  await foundedStartup(ctx, startupId);
  const before = await getJobReport(startupId, month);
  if (!before) throw new NotFoundError('job report');
  if (monthOf(ctx.now) > monthPlus(month, CORRECTION_MONTHS)) {
    throw new ConflictError(`The report for ${month} could be corrected until the end of ${monthPlus(month, CORRECTION_MONTHS)}.`, 'CORRECTION_WINDOW_CLOSED');
  }
  const { revenueFen, ...rest } = patch;
  const after: JobReport = { ...before, ...rest, updatedAt: ctx.now.toISOString(), version: expectedVersion + 1 };
  if (revenueFen === null) delete after.revenueFen;
  else if (revenueFen !== undefined) after.revenueFen = revenueFen;
  if (after.collegeGraduatesEmployed > after.employees) {
    throw new UnprocessableError('collegeGraduatesEmployed cannot exceed employees.', 'INCONSISTENT_REPORT');
  }
  await commit(ctx, [saveJobReportWrite(after, expectedVersion), audit(ctx, 'corrected', before, after)]);
  return after;
}

/** A startup's job reports, newest month first, to whoever may read the startup. */
export async function listJobReports(ctx: Ctx, startupId: string, page: PageQuery) {
  await getStartup(ctx, startupId);
  return readJobReports(startupId, page);
}
