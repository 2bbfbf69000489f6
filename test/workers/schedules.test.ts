import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../functions/schedules/handler';
import { msUntilDaily, startLocalSchedules } from '../../infra/local/schedules';
import { auditRecord, commit, searchAudit } from '../../shared/audit/service';
import { useFixedClock, useRealClock } from '../../shared/clock';
import type { Ctx } from '../../shared/context';
import { jobs } from '../../functions/schedules/jobs';
import { describeSchedule, type Job } from '../../shared/jobs';
import { lambdaContext } from '../support/lambda';

const invoke = (event: unknown) => (handler as (e: unknown, c: Context) => Promise<unknown>)(event, lambdaContext);

/** Adds a job to the registry for one test. */
function withJob(name: string, job: Job): void {
  jobs[name] = job;
}

afterEach(() => {
  for (const name of Object.keys(jobs)) if (name.startsWith('test-')) delete jobs[name];
  useRealClock();
  vi.useRealTimers();
});

describe('the schedules function', () => {
  it("runs the named job as the system, at the (fixed) clock's time, against the table, and returns its summary", async () => {
    useFixedClock('2026-11-26T18:00:00.000Z');
    const entityId = `tst_${Date.now().toString(36)}`;
    withJob('test-close-deadlines', {
      description: 'test',
      schedule: { everyMinutes: 5 },
      run: async (ctx: Ctx) => {
        await commit(ctx, [auditRecord(ctx, { action: 'test.closed', entityType: 'test', entityId })]);
        return { closed: 1 };
      },
    });
    expect(await invoke({ job: 'test-close-deadlines' })).toEqual({ closed: 1 });
    const trail = await searchAudit({ entityId }, { limit: 10 });
    expect(trail.items).toHaveLength(1);
    expect(trail.items[0]).toMatchObject({ actorKind: 'system', actorId: 'system', role: 'system', at: '2026-11-26T18:00:00.000Z', action: 'test.closed' });
    expect(trail.items[0]!.requestId).toBe(`job-test-close-deadlines-${lambdaContext.awsRequestId}`);
  });

  it('fails (so EventBridge retries, then dead-letters) when the job fails, the name is unknown or the input is malformed', async () => {
    withJob('test-broken', { description: 'test', schedule: { everyMinutes: 5 }, run: async () => Promise.reject(new Error('boom')) });
    await expect(invoke({ job: 'test-broken' })).rejects.toThrow('boom');
    await expect(invoke({ job: 'no-such-job' })).rejects.toThrow(/No job named/);
    await expect(invoke({ job: 'toString' })).rejects.toThrow(/No job named/);
    await expect(invoke({ job: 'test-broken', extra: true })).rejects.toThrow();
    await expect(invoke({})).rejects.toThrow();
  });

  it('the registry holds the nightly ledger consistency check', async () => {
    expect(jobs['ledger-consistency']?.schedule).toEqual({ dailyAtUtc: '18:00' });
    expect(await invoke({ job: 'ledger-consistency' })).toEqual(expect.any(Object));
  });

  it('every registered schedule is valid', () => {
    for (const [name, job] of Object.entries(jobs)) expect(() => describeSchedule(job.schedule), name).not.toThrow();
    expect(() => describeSchedule({ everyMinutes: 0 })).toThrow();
    expect(() => describeSchedule({ dailyAtUtc: '24:00' })).toThrow();
  });
});

describe('local schedules (npm start)', () => {
  it('computes the wait until the next daily run', () => {
    expect(msUntilDaily(new Date('2026-11-26T17:00:00Z'), 18, 0)).toBe(3_600_000);
    expect(msUntilDaily(new Date('2026-11-26T18:00:00Z'), 18, 0)).toBe(86_400_000);
    expect(msUntilDaily(new Date('2026-11-26T19:30:00Z'), 18, 0)).toBe(22.5 * 3_600_000);
  });

  it('runs the same registry on timers: interval jobs every n minutes, daily jobs at their time, until stopped', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-26T17:00:00Z') });
    const runs: Record<string, string[]> = { every: [], daily: [] };
    withJob('test-every', {
      description: 'test',
      schedule: { everyMinutes: 10 },
      run: async (ctx) => {
        runs.every!.push(ctx.now.toISOString());
        return {};
      },
    });
    withJob('test-daily', {
      description: 'test',
      schedule: { dailyAtUtc: '18:00' },
      run: async (ctx) => {
        runs.daily!.push(ctx.now.toISOString());
        return {};
      },
    });
    const stop = startLocalSchedules({ now: () => new Date(Date.now()) });
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(runs.every).toEqual(['2026-11-26T17:10:00.000Z', '2026-11-26T17:20:00.000Z', '2026-11-26T17:30:00.000Z']);
    expect(runs.daily).toEqual([]);
    await vi.advanceTimersByTimeAsync(30 * 60_000 + 24 * 3_600_000);
    expect(runs.daily).toEqual(['2026-11-26T18:00:00.000Z', '2026-11-27T18:00:00.000Z']);
    stop();
    const before = runs.every!.length;
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(runs.every).toHaveLength(before);
  });

  it('does not start a job again while it still runs, and stopping waits for the run in flight', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-26T17:00:00Z') });
    let release!: () => void;
    let started = 0;
    let finished = 0;
    withJob('test-slow', {
      description: 'test',
      schedule: { everyMinutes: 1 },
      run: async () => {
        started += 1;
        await new Promise<void>((resolve) => (release = resolve));
        finished += 1;
        return {};
      },
    });
    const stop = startLocalSchedules({ now: () => new Date(Date.now()) });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(started).toBe(1);
    let stoppedAt: number | undefined;
    const stopping = stop().then(() => (stoppedAt = finished));
    await vi.advanceTimersByTimeAsync(1000);
    expect(stoppedAt).toBeUndefined();
    release();
    await stopping;
    expect(stoppedAt).toBe(1);
  });

  it('does not keep the process alive: a process that only started the schedules exits by itself', () => {
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const script = "import { startLocalSchedules } from './infra/local/schedules.ts'; startLocalSchedules(); console.log('started');";
    const result = spawnSync(tsx, ['--eval', script], { encoding: 'utf8', timeout: 30_000 });
    expect(result.signal, result.stderr).toBeNull();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('started');
  }, 40_000);
});
