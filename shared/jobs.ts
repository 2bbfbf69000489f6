import type { Ctx } from './context';

/**
 * Scheduled jobs: what the system does on a clock, by name (the registry is
 * functions/schedules/jobs.ts, where each module's jobs are listed, one line each). In the cloud an
 * EventBridge schedule per job invokes functions/schedules/handler.ts with `{ job: name }`; locally
 * infra/local/schedules.ts runs the same jobs on timers.
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

export class UnknownJobError extends Error {
  constructor(name: string) {
    super(`No job named "${name}".`);
    this.name = 'UnknownJobError';
  }
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
