import { now } from './clock';
import type { Ctx } from './context';
import { systemCtx } from './context';
import { markOverdueLoans } from './loan-desk/service';
import { log, withRequestLog } from './logger';
import { countFailure } from './metrics';
import { closeEventRegistrations } from './programme-events/jobs';
import { finishAllocations } from './spaces/jobs';
import { checkLedgerConsistency } from './subsidies/jobs';
import { closeNotices } from './subsidies/notices';
import { flagOverdueReviews, flagPastTerm } from './startups/term';

/**
 * Scheduled jobs: what the system does on a clock, by name. In the cloud an EventBridge schedule per
 * job invokes functions/schedules/handler.ts with `{ job: name }`; locally infra/local/schedules.ts
 * runs the same jobs on timers. Each module adds its jobs here, one line each.
 *
 * A job acts as the system (`ctx` from `systemCtx`), reads only known keys (no Scan), is safe to run
 * twice (a schedule may fire again after a failure) and returns a short summary of counts and ids.
 */
export type JobSummary = Record<string, string | number | boolean | null>;

export type JobSchedule =
  /** Every n minutes (1–1440). */
  | { everyMinutes: number }
  /** Once a day at this UTC time, `HH:MM` (Beijing time is UTC+8; jobs read "today" in Beijing time). */
  | { dailyAtUtc: `${number}:${number}` };

export interface Job {
  description: string;
  schedule: JobSchedule;
  run: (ctx: Ctx) => Promise<JobSummary>;
}

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

export class UnknownJobError extends Error {
  constructor(name: string) {
    super(`No job named "${name}".`);
    this.name = 'UnknownJobError';
  }
}

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

/** The minutes between two runs of a schedule, and (for daily jobs) the UTC hour and minute. */
export function describeSchedule(schedule: JobSchedule): { everyMinutes: number; hour?: number; minute?: number } {
  if ('everyMinutes' in schedule) {
    if (!Number.isInteger(schedule.everyMinutes) || schedule.everyMinutes < 1 || schedule.everyMinutes > 1440) {
      throw new Error(`everyMinutes must be a whole number from 1 to 1440, got ${schedule.everyMinutes}.`);
    }
    return { everyMinutes: schedule.everyMinutes };
  }
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(schedule.dailyAtUtc);
  if (!match) throw new Error(`dailyAtUtc must be HH:MM, got ${schedule.dailyAtUtc}.`);
  return { everyMinutes: 1440, hour: Number(match[1]), minute: Number(match[2]) };
}
