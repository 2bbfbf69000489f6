import type { Applicant } from '../applicants/schema';
import { dayOf, monthOf } from '../clock';
import { NotEligibleError } from '../errors';
import { allLoansOf } from '../loans/service';
import { occupiedMonthsOf } from '../spaces/service';
import { listJobReports } from '../startups/repository';
import type { Startup } from '../startups/schema';
import type { Programme } from './schema';

/** Kinds that pay a business rather than a person: the claim names the claimant's startup. */
export function needsStartup(programme: Programme): boolean {
  const e = programme.eligibility;
  return programme.kind !== 'startup_subsidy' || Boolean(e.requiresIncubating || e.requiresCreditCode || e.minJobsReported);
}

/** Jobs a startup has reported: the employees of its latest monthly job report (0 without one). */
export async function jobsReportedOf(startupId: string): Promise<number> {
  const latest = await listJobReports(startupId, { limit: 1 });
  return latest.items[0]?.employees ?? 0;
}

/**
 * Months a startup has occupied space, with each month's rent fixed at allocation (spaces module).
 * Only months that have begun count: an allocation running into the future is not paid ahead.
 */
export async function rentMonthsOf(startupId: string, now: Date): Promise<Array<{ month: string; monthlyRentFen: number }>> {
  const current = monthOf(now);
  return (await occupiedMonthsOf(startupId)).filter((m) => m.month <= current);
}

/** Checks each rule of the programme against stored facts; the first failing rule is named. */
export async function checkEligibility(programme: Programme, applicant: Applicant, startup: Startup | undefined, now: Date): Promise<void> {
  const today = dayOf(now);
  if (today < programme.opensOn || today > programme.closesOn) {
    throw new NotEligibleError('programmeOpen', `The programme takes claims from ${programme.opensOn} to ${programme.closesOn}.`);
  }
  const e = programme.eligibility;
  if (e.categories && e.categories.length > 0 && !e.categories.includes(applicant.category)) {
    throw new NotEligibleError('categories', `The programme is for: ${e.categories.join(', ')}.`);
  }
  if (needsStartup(programme) && !startup) throw new NotEligibleError('startup', 'This programme is claimed for your startup: give startupId.');
  if (e.requiresIncubating && startup?.status !== 'incubating') {
    throw new NotEligibleError('requiresIncubating', 'The startup must be incubating.');
  }
  if (e.requiresCreditCode && !startup?.creditCode) {
    throw new NotEligibleError('requiresCreditCode', 'The startup must be a registered business with a unified social credit code.');
  }
  if (e.minJobsReported) {
    const jobs = startup ? await jobsReportedOf(startup.id) : 0;
    if (jobs < e.minJobsReported) {
      throw new NotEligibleError('minJobsReported', `The startup must have reported at least ${e.minJobsReported} jobs created.`);
    }
  }
}

/** The amount of a claim, computed from the rule and the facts the system holds; never from the client. */
export async function computeAmount(programme: Programme, startup: Startup | undefined, now: Date): Promise<{ amountFen: number; basis: string }> {
  const rule = programme.amountRule;
  if (rule.type === 'fixed') return { amountFen: rule.amountFen, basis: `fixed ${rule.amountFen} fen` };
  if (!startup) throw new NotEligibleError('startup', 'This programme is claimed for your startup: give startupId.');
  if (rule.type === 'rent_share') {
    const months = await rentMonthsOf(startup.id, now);
    const amountFen = months.reduce((sum, m) => sum + Math.min(rule.capFenPerMonth, Math.floor((m.monthlyRentFen * rule.percent) / 100)), 0);
    if (amountFen <= 0) throw new NotEligibleError('rentRecorded', 'The startup has no occupied months with rent on record.');
    return { amountFen, basis: `${rule.percent}% of rent over ${months.length} months, at most ${rule.capFenPerMonth} fen a month` };
  }
  const loans = await allLoansOf(startup.id);
  const interest = loans.reduce((sum, loan) => sum + loan.interestPaidFen, 0);
  const amountFen = Math.min(rule.capFen, Math.floor((interest * rule.percent) / 100));
  if (amountFen <= 0) throw new NotEligibleError('interestRecorded', 'The startup has no loan interest paid on record.');
  return { amountFen, basis: `${rule.percent}% of ${interest} fen interest paid on ${loans.length} recorded loans, at most ${rule.capFen} fen` };
}
