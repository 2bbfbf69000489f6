import { now } from '../../shared/clock';
import { systemCtx } from '../../shared/context';
import { type Job, type JobSummary, UnknownJobError } from '../../shared/jobs';
import { log, withRequestLog } from '../../shared/logger';
import { countFailure } from '../../shared/metrics';
import { closeEventRegistrations } from '../../shared/programme-events';
import { finishAllocations } from '../../shared/spaces';
import { checkLedgerConsistency, flagOverdueReviews, flagPastTerm } from '../../shared/risk';
import { closeNotices } from '../../shared/claims';
import { markOverdueLoans } from '../../shared/loan-desk';

/**
 * The scheduled jobs by name (what they must be: shared/jobs.ts). Each module adds its jobs here,
 * one line each; infra/stacks/workers.ts gives each one EventBridge schedule.
 */
export const jobs: Record<string, Job> = {
  'close-event-registrations': {
    description: 'Every 5 minutes: close registration of published events whose registration deadline has passed',
    schedule: { everyMinutes: 5 },
    run: closeEventRegistrations,
  },
  'close-disclosures': {
    description: 'Every 15 minutes: close the disclosure notices whose window (working days, to 24:00 Beijing time) has ended',
    schedule: { everyMinutes: 15 },
    run: closeNotices,
  },
  // 00:10 Beijing time = 16:10 UTC: just after the centre's day (and month) has turned.
  'finish-allocations': {
    description: 'Daily: mark finished the space allocations whose last month has passed (months in Beijing time)',
    schedule: { dailyAtUtc: '16:10' },
    run: finishAllocations,
  },
  // 02:00 Beijing time = 18:00 UTC.
  'ledger-consistency': {
    description: 'Nightly: recompute programme totals from the ledger and raise a risk alert on any difference',
    schedule: { dailyAtUtc: '18:00' },
    run: (ctx) => checkLedgerConsistency(ctx),
  },
  // 00:20 Beijing time = 16:20 UTC: the day has turned, so a term whose last day was yesterday is past.
  'flag-past-term': {
    description: 'Daily: a risk alert on every incubating startup past the last day of its term',
    schedule: { dailyAtUtc: '16:20' },
    run: flagPastTerm,
  },
  // 00:30 Beijing time = 16:30 UTC: a loan whose last day of grace was yesterday is overdue today.
  'mark-overdue-loans': {
    description: 'Daily: mark overdue every guaranteed loan whose next instalment is unpaid past the policy’s grace days',
    schedule: { dailyAtUtc: '16:30' },
    run: markOverdueLoans,
  },
  'flag-overdue-reviews': {
    description: 'Daily: a risk alert on every incubating startup not reviewed for 12 months',
    schedule: { dailyAtUtc: '16:25' },
    run: flagOverdueReviews,
  },
};

/** Runs one job by name as the system, logging its summary (counts and ids only) or its failure. */
export async function runJob(name: string, options: { requestId: string; now?: Date }): Promise<JobSummary> {
  const job = Object.hasOwn(jobs, name) ? jobs[name] : undefined;
  if (!job) throw new UnknownJobError(name);
  const ctx = systemCtx(options.requestId, options.now ?? now());
  return withRequestLog(ctx.requestId, async () => {
    const started = performance.now();
    try {
      const summary = await job.run(ctx);
      log().info('job finished', { job: name, ms: Math.round(performance.now() - started), summary });
      return summary;
    } catch (error) {
      log().error('job failed', { job: name, error: { name: (error as Error).name, message: (error as Error).message } });
      countFailure('JobFailures');
      throw error;
    }
  });
}
