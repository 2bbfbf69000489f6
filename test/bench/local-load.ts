import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mintLocalToken } from '../../infra/local/identity';
import type { Role } from '../../shared/roles';
import { applicantInput } from '../support/factories';
import { freePort } from '../support/ports';

/**
 * `localThroughput`: the local server as `npm start` runs it (infra/local/start.ts: DynamoDB Local
 * with data on disk, the table, demo data, the API) on free ports with a temporary data folder,
 * loaded by autocannon on 127.0.0.1 with a mix of reads and writes, including two races: every
 * allocation asks for the same unit and month (for several startups), and every registration
 * takes a seat of one small event. Afterwards the invariants are read back through the API.
 */
/** test/support/startups.ts has this body too, but importing it loads the in-process app. */
const applicationInput = (preferredCommunityId: string) => ({
  preferredCommunityId,
  projectName: '社区养老服务站',
  summary: 'Home-care services for elderly residents of the youth community.',
  sector: 'elderly_care_home_services',
  team: [{ name: '李明', role: 'founder', isCollegeGraduate: true }],
  plannedJobs: 5,
  space: { kind: 'desk', count: 1 },
  businessPlan: 'Serve 200 households in year one; break even in month 14.',
});

export const LOAD = { connections: 10, durationSeconds: 10, unitStartups: 4, eventCapacity: 25 };

interface Request {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: Request) => Request;
  onResponse?: (status: number) => void;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

export interface LocalThroughput {
  connections: number;
  durationSeconds: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  /** Answers outside 2xx that a request did not expect (409 on a taken unit-month is expected). */
  unexpectedNon2xx: number;
  expected4xx: number;
  byRequest: Record<string, Record<string, number>>;
  invariants: { name: string; ok: boolean; detail: string }[];
  startupMs: number;
}

export async function startServer(
  dataDir: string,
  port: number,
  dynamoPort: number,
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; startupMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('infra/local/start.ts')], {
    env: {
      ...process.env,
      FUHUA_DATA_DIR: dataDir,
      PORT: String(port),
      DYNAMODB_LOCAL_PORT: String(dynamoPort),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up in 120 s: ${output.slice(-400)}`)), 120_000);
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('Fuhua is running at')) {
        clearTimeout(timer);
        resolvePromise();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}): ${output.slice(-400)}`));
    });
  });
  child.stdout?.resume();
  return { child, startupMs: Math.round(performance.now() - started) };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

export async function measureLocalThroughput(progress: (line: string) => void): Promise<LocalThroughput> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuhua-bench-start-'));
  const [port, dynamoPort] = [await freePort(), await freePort()];
  progress(`bench: starting the local server (infra/local/start.ts) on 127.0.0.1:${port}, DynamoDB Local on ${dynamoPort}…`);
  const { child, startupMs } = await startServer(dataDir, port, dynamoPort);
  try {
    const { jwtSecret } = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { jwtSecret: string };
    const base = `http://127.0.0.1:${port}`;
    const token = (role: Role, sub: string) => mintLocalToken(jwtSecret, { sub, roles: [role] });
    const headersOf = async (role: Role, sub: string) => ({ authorization: `Bearer ${await token(role, sub)}`, 'content-type': 'application/json' });
    const api = async (method: string, path: string, role: Role, sub: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, { method, headers: await headersOf(role, sub), body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const must = async (step: string, expected: number, p: Promise<{ status: number; body: any }>) => {
      const res = await p;
      if (res.status !== expected) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };

    // Arrangement through the API: a community and a unit, startups approved the whole way, an event.
    const officer = 'bench-officer';
    const manager = 'bench-manager';
    const community = await must(
      'community',
      201,
      api('POST', '/v1/communities', 'officer', officer, {
        kind: 'startup_park',
        name: '天府青年创业社区',
        address: '天府大道 1 号',
        district: '天府新区',
        managerIds: [manager],
      }),
    );
    const unit = await must(
      'unit',
      201,
      api('POST', `/v1/communities/${community.id}/units`, 'park_manager', manager, {
        code: 'B-201',
        kind: 'desk',
        seats: 1,
        areaM2: 4,
        monthlyRentFen: 30_000,
        floor: 2,
      }),
    );
    const startupIds: string[] = [];
    for (let i = 0; i < LOAD.unitStartups; i++) {
      const founder = `bench-founder-${i}`;
      await must('register', 201, api('POST', '/v1/applicants', 'applicant', founder, applicantInput()));
      const draft = await must('apply', 201, api('POST', '/v1/applications', 'applicant', founder, applicationInput(community.id)));
      await must('submit', 200, api('POST', `/v1/applications/${draft.id}/submit`, 'applicant', founder));
      for (const [role, sub] of [
        ['officer', `bench-rev-o-${i}`],
        ['mentor', `bench-rev-m-${i}`],
      ] as const) {
        await must('staff directory', 200, api('PUT', '/v1/staff/me', role, sub, { displayName: '评审人' }));
        await must('reviewer', 200, api('POST', `/v1/applications/${draft.id}/reviewers`, 'officer', officer, { reviewerId: sub }));
        await must(
          'score',
          201,
          api('POST', `/v1/applications/${draft.id}/scores`, role, sub, {
            innovation: 8,
            feasibility: 7,
            team: 8,
            jobCreation: 7,
            socialValue: 8,
            comment: 'Sound plan.',
          }),
        );
      }
      const decided = await must(
        'approve',
        200,
        api('POST', `/v1/applications/${draft.id}/decision`, 'officer', officer, { decision: 'approve', reason: 'Meets every criterion.' }),
      );
      startupIds.push(decided.startupId);
    }
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const event = await must(
      'event',
      201,
      api('POST', '/v1/events', 'officer', officer, {
        kind: 'salon',
        title: '创业沙龙',
        description: '分享与交流。',
        startsAt: inDays(10),
        endsAt: inDays(10.1),
        venue: '天府新区',
        capacity: LOAD.eventCapacity,
        registrationDeadline: inDays(9),
      }),
    );
    await must('publish', 200, api('POST', `/v1/events/${event.id}/publish`, 'officer', officer));
    const reader = 'bench-founder-0';
    const month = new Date().toISOString().slice(0, 7);

    // One fresh applicant per registration (a person registers once): tokens minted beforehand.
    const registrants = await Promise.all(Array.from({ length: 6000 }, (_, i) => token('applicant', `bench-registrant-${i}`)));
    let nextRegistrant = 0;
    let nextStartup = 0;
    const byRequest: Record<string, Record<string, number>> = {};
    const expected: Record<string, number[]> = { queue: [200], occupancy: [200], me: [200], event: [200], register: [201], allocate: [201, 409] };
    const tally = (name: string) => (status: number) => {
      byRequest[name] ??= {};
      const counts = byRequest[name];
      counts[status] = (counts[status] ?? 0) + 1;
    };
    const get = async (name: string, path: string, role: Role, sub: string): Promise<Request> => ({
      method: 'GET',
      path,
      headers: await headersOf(role, sub),
      onResponse: tally(name),
    });
    const requests: Request[] = [
      await get('queue', '/v1/applications?status=submitted', 'officer', officer),
      await get('occupancy', `/v1/communities/${community.id}/occupancy?month=${month}`, 'park_manager', manager),
      {
        method: 'POST',
        path: `/v1/events/${event.id}/registrations`,
        headers: { 'content-type': 'application/json' },
        body: '{}',
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${registrants[nextRegistrant++ % registrants.length]}` } }),
        onResponse: tally('register'),
      },
      await get('me', '/v1/applicants/me', 'applicant', reader),
      {
        method: 'POST',
        path: '/v1/allocations',
        headers: await headersOf('park_manager', manager),
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ startupId: startupIds[nextStartup++ % startupIds.length], unitId: unit.id, fromMonth: month, toMonth: month }),
        }),
        onResponse: tally('allocate'),
      },
      await get('event', `/v1/events/${event.id}`, 'officer', officer),
    ];

    progress(
      `bench: local throughput, autocannon ${LOAD.connections} connections for ${LOAD.durationSeconds} s (reads, registrations, allocations of one unit-month)…`,
    );
    const autocannon = (await import('autocannon' as string)).default as Autocannon;
    const result = await autocannon({ url: base, connections: LOAD.connections, duration: LOAD.durationSeconds, requests });
    if (nextRegistrant > registrants.length) throw new Error('more registrations than prepared registrants: raise their number');

    let unexpectedNon2xx = 0;
    let expected4xx = 0;
    for (const [name, counts] of Object.entries(byRequest)) {
      for (const [status, n] of Object.entries(counts)) {
        if (Number(status) < 300) continue;
        if (expected[name]?.includes(Number(status))) expected4xx += n;
        else unexpectedNon2xx += n;
      }
    }

    // Invariants, read back through the API.
    const invariants: LocalThroughput['invariants'] = [];
    const allocations = await must('allocations', 200, api('GET', `/v1/allocations?unitId=${unit.id}&limit=100`, 'park_manager', manager));
    const active = (allocations.items as Array<{ status: string; fromMonth: string; toMonth: string }>).filter(
      (a) => a.status !== 'released' && a.fromMonth <= month && a.toMonth >= month,
    );
    const created = byRequest.allocate?.['201'] ?? 0;
    invariants.push({
      name: 'one allocation of the contested unit-month',
      ok: active.length === 1 && created === 1,
      detail: `${byRequest.allocate ? Object.values(byRequest.allocate).reduce((a, b) => a + b, 0) : 0} attempts by ${startupIds.length} startups, ${created} answered 201, ${active.length} allocation(s) stored`,
    });
    const detail = await must('event detail', 200, api('GET', `/v1/events/${event.id}`, 'officer', officer));
    const accepted = byRequest.register?.['201'] ?? 0;
    // A request still in flight when autocannon stops can be stored without its answer being
    // counted: at most one per connection.
    const stored = detail.registered + detail.waiting;
    invariants.push({
      name: 'registrations never exceed capacity',
      ok:
        detail.registered <= LOAD.eventCapacity &&
        detail.registered === Math.min(stored, LOAD.eventCapacity) &&
        stored >= accepted &&
        stored <= accepted + LOAD.connections,
      detail: `${accepted} registrations answered 201 (${stored - accepted} more in flight when the load stopped); ${detail.registered} seated of ${LOAD.eventCapacity}, ${detail.waiting} waitlisted`,
    });

    return {
      connections: LOAD.connections,
      durationSeconds: LOAD.durationSeconds,
      requests: result.requests.total,
      rps: Math.round(result.requests.total / result.duration),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors,
      timeouts: result.timeouts,
      unexpectedNon2xx,
      expected4xx,
      byRequest,
      invariants,
      startupMs,
    };
  } finally {
    progress('bench: stopping the local server…');
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === resolve('test/bench/local-load.ts')) {
  measureLocalThroughput((line) => process.stderr.write(`${line}\n`)).then(
    (r) => console.log(JSON.stringify(r, null, 1)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
