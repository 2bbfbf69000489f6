import { jobs, runJob } from '../../functions/schedules/jobs';
import { describeSchedule } from '../../shared/jobs';
import { now as clockNow } from '../../shared/clock';
import { newId } from '../../shared/ids';

/** Milliseconds from `now` to the next time of day (UTC) `hour:minute`. */
export function msUntilDaily(now: Date, hour: number, minute: number): number {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

/**
 * Locally, the scheduled jobs of the cloud run in-process on timers, with the same code: the
 * registry in functions/schedules/jobs.ts and the same `runJob` the schedules Lambda calls. `npm start` calls it
 * once the table exists and the demo data is in; no job runs before its first time (an interval job
 * after n minutes, a daily job at its hour). A failing job is logged (by runJob) and tried again at
 * its next time; a job still running when its next time comes is not started twice. The timers do
 * not keep the process alive. Returns a function that stops the timers and waits (at most
 * `drainMs`) for the jobs in flight, so that Ctrl-C does not pull the database from under them.
 */
export function startLocalSchedules(options: { now?: () => Date; drainMs?: number } = {}): () => Promise<void> {
  const now = options.now ?? clockNow;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  const fire = (name: string) => {
    if (stopped || running.has(name)) return;
    const run = runJob(name, { requestId: `job-${name}-${newId('run')}`, now: now() })
      .then(
        () => undefined,
        () => undefined, // already logged by runJob; the next run tries again
      )
      .finally(() => running.delete(name));
    running.set(name, run);
  };
  for (const [name, job] of Object.entries(jobs)) {
    const schedule = describeSchedule(job.schedule);
    if (schedule.hour === undefined) {
      const timer = setInterval(() => fire(name), schedule.everyMinutes * 60_000);
      timer.unref();
      timers.add(timer);
      continue;
    }
    const { hour, minute = 0 } = schedule;
    const arm = () => {
      if (stopped) return;
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          fire(name);
          arm();
        },
        msUntilDaily(now(), hour, minute),
      );
      timer.unref();
      timers.add(timer);
    };
    arm();
  }
  return async () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    if (running.size === 0) return;
    let giveUp: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(running.values()),
      new Promise((resolve) => {
        giveUp = setTimeout(resolve, options.drainMs ?? 10_000);
        giveUp.unref();
      }),
    ]);
    clearTimeout(giveUp);
  };
}
