import { describeSchedule, jobs, runJob } from '../../shared/jobs';
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
 * registry in shared/jobs.ts and the same `runJob` the schedules Lambda calls. A failing job is
 * logged (by runJob) and tried again at its next time. Returns a function that stops them.
 */
export function startLocalSchedules(options: { now?: () => Date } = {}): () => void {
  const now = options.now ?? clockNow;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const fire = (name: string) => {
    runJob(name, { requestId: newId('job'), now: now() }).catch(() => {
      // already logged by runJob; the next run tries again
    });
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
      const timer = setTimeout(() => {
        timers.delete(timer);
        fire(name);
        arm();
      }, msUntilDaily(now(), hour, minute));
      timer.unref();
      timers.add(timer);
    };
    arm();
  }
  return () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}
