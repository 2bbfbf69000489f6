import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_FUNCTION_DOMAINS } from '../../infra/constructs/bundling';
import { BENCH_DIR, bundleApiFunctions, bundleBaseline, largestInputs } from './build';
import { measureDynamo } from './dynamo';
import type { StepResult } from './dynamo-worker';
import { CONSOLE_TARGETS, type ConsoleFigures, measureConsole } from './console';
import { measureLoad, median } from './load';
import { measureLocalThroughput, type LocalThroughput } from './local-load';
import { ON_DEMAND_PRICE, onDemandCost } from './recorder';
import type { Tally, ThroughputRequest, ThroughputResult } from './throughput-worker';

/**
 * `npm run bench`: the API functions (one per domain) against a bare Hono + DynamoDB baseline, on
 * three figures, all measured in the same run on the same machine:
 *   bundleRatio          each API bundle's bytes ÷ baseline bundle bytes   target ≤ 1.5 (the largest)
 *   loadRatio            median import time, fresh process, each ÷ base    target ≤ 1.3 (the largest)
 *   warmThroughputRatio  warm req/s of GET /v1/applicants/me, API ÷ base target ≥ 0.5
 * and, on DynamoDB Local with the whole app:
 *   dynamoCallsPerRequest  calls and consumed capacity of every request of an end-to-end workflow;
 *                          reads ≤ 2 calls, writes ≤ 1 transaction + ≤ 2 reads, no Scan
 *   scaleRatio             median latency of the review queue and an occupancy report with
 *                          100,000 items ÷ with 1,000 items (two tables, in turns) target ≤ 1.2
 *   localThroughput        req/s and p99 of a mixed load on the local server (autocannon):
 *                          no errors, no unexpected non-2xx, invariants hold afterwards
 * and the console as deployed (minified), from esbuild's metafile and headless Chromium:
 *   console                JavaScript before the first render ≤ 50 KB gzip, each lazy page ≤ 30 KB,
 *                          charts only where shown, ≤ 3 API requests for the founder's home, and the
 *                          home's load with the CPU slowed 4× as a ratio to the same shell with no data
 * Beside the wall-clock figures it prints CPU-time ones: on a machine shared with other work, the
 * wall clock mostly measures the neighbours. `-- --json` prints one JSON object and nothing else
 * on stdout (run npm with -s, or npm prints its own banner there too); `-- --check` exits 1 when
 * a target is missed.
 */
const TARGETS = { bundleRatio: 1.5, loadRatio: 1.3, warmThroughputRatio: 0.5, scaleRatio: 1.2 };
const WORKFLOWS_PRICED = 1000;
const LOAD_RUNS = 11;
const THROUGHPUT = { warmupRequests: 1500, durationMs: 8000, batch: 25 };

const args = new Set(process.argv.slice(2));
const asJson = args.has('--json');
const progress = (line: string) => process.stderr.write(`${line}\n`);

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** What a Lambda container would have in its environment, pointed at nothing real. */
function benchEnv(): NodeJS.ProcessEnv {
  const secretsFile = resolve(BENCH_DIR, 'secrets.json');
  writeFileSync(secretsFile, JSON.stringify({ idNumberKey: randomBytes(32).toString('base64'), dataKey: randomBytes(32).toString('base64') }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TABLE_NAME: 'fuhua-bench',
    AWS_REGION: 'ap-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
    FUHUA_SECRETS_FILE: secretsFile,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  // Nothing but the bundle itself is loaded in the measured processes.
  delete env.NODE_OPTIONS;
  delete env.NODE_COMPILE_CACHE;
  return env;
}

function measureThroughput(request: ThroughputRequest, env: NodeJS.ProcessEnv): Promise<ThroughputResult> {
  const worker = fileURLToPath(new URL('./throughput-worker.ts', import.meta.url));
  return new Promise((resolvePromise, reject) => {
    const child = fork(worker, [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (message: { ok: true; result: ThroughputResult } | { ok: false; error: string }) => {
      if (message.ok) resolvePromise(message.result);
      else reject(new Error(message.error));
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`throughput worker exited with ${code}`));
    });
    child.send(request);
  });
}

/** One API function's figures. */
interface FunctionFigures {
  name: string;
  bundleBytes: number;
  bundleGzipBytes: number;
  bundleRatio: number;
  loadMs: number;
  loadCpuMs: number;
  loadRatio: number;
  loadCpuRatio: number;
}

interface Report {
  machine: ReturnType<typeof machine>;
  /** Every API function; the top-level bundle and load figures are those of the worst of them. */
  functions: FunctionFigures[];
  bundleBytes: number;
  bundleGzipBytes: number;
  baselineBundleBytes: number;
  baselineBundleGzipBytes: number;
  bundleRatio: number;
  loadMs: number;
  baselineLoadMs: number;
  loadRatio: number;
  loadCpuMs: number;
  baselineLoadCpuMs: number;
  loadCpuRatio: number;
  warmRps: number;
  baselineWarmRps: number;
  warmThroughputRatio: number;
  warmThroughputCpuRatio: number;
  bareHonoRps: number;
  /** GetItem calls per warm GET /v1/applicants/me (the throughput figure above). */
  warmGetItemCallsPerRequest: number;
  dynamoCallsPerRequest: {
    steps: StepResult[];
    requests: number;
    missed: { step: string; misses: string[] }[];
    scans: number;
    perWorkflow: { calls: number; reactionCalls: number; readUnits: number; writeUnits: number };
    cost: { workflows: number; usd: number; price: typeof ON_DEMAND_PRICE; capacitySource: string };
  };
  scaleRatio: number;
  scale: Awaited<ReturnType<typeof measureDynamo>>['scale'];
  localThroughput: LocalThroughput;
  console: ConsoleFigures;
  largestInBundle: { name: string; bytes: number }[];
  targets: typeof TARGETS;
  targetsMet: Record<keyof typeof TARGETS | 'dynamoCallsPerRequest' | 'localThroughput' | 'console', boolean>;
  runs: { load: number; warmupRequests: number; throughputMs: number; requests: { api: number; baseline: number } };
}

async function measure(): Promise<Report> {
  for (const name of ['api', 'baseline', ...API_FUNCTION_DOMAINS.map((domain) => `api-${domain}`)])
    rmSync(join(BENCH_DIR, name), { recursive: true, force: true });
  mkdirSync(BENCH_DIR, { recursive: true });
  const env = benchEnv();

  progress('bench: bundling the API functions and the baseline…');
  const [functions, baseline] = await Promise.all([bundleApiFunctions(), bundleBaseline()]);

  progress(`bench: importing each bundle in ${LOAD_RUNS} fresh Node processes, alternating with the baseline…`);
  const figures: FunctionFigures[] = functions.map((fn) => {
    const loads = measureLoad(fn.file, baseline.file, LOAD_RUNS, env);
    const [ms, baseMs] = [median(loads.api.map((l) => l.wall)), median(loads.baseline.map((l) => l.wall))];
    const [cpu, baseCpu] = [median(loads.api.map((l) => l.cpu)), median(loads.baseline.map((l) => l.cpu))];
    return {
      name: fn.domain,
      bundleBytes: fn.bytes,
      bundleGzipBytes: fn.gzipBytes,
      bundleRatio: round(fn.bytes / baseline.bytes, 3),
      loadMs: round(ms),
      loadCpuMs: round(cpu),
      loadRatio: round(ms / baseMs, 3),
      loadCpuRatio: round(cpu / baseCpu, 3),
      baselineLoadMs: baseMs,
      baselineLoadCpuMs: baseCpu,
    };
  });
  const largest = functions.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const slowest = figures.reduce((a, b) => (b.loadRatio > a.loadRatio ? b : a)) as FunctionFigures & { baselineLoadMs: number; baselineLoadCpuMs: number };
  const loadMs = slowest.loadMs;
  const baselineLoadMs = slowest.baselineLoadMs;
  const loadCpuMs = slowest.loadCpuMs;
  const baselineLoadCpuMs = slowest.baselineLoadCpuMs;
  // Warm throughput through the function that serves GET /v1/applicants/me.
  const api = functions.find((fn) => fn.domain === 'people')!;

  progress(`bench: warm throughput, ${THROUGHPUT.warmupRequests} warm-up requests per handler, then ${THROUGHPUT.durationMs / 1000} s taking turns…`);
  const throughput = await measureThroughput({ apiFile: resolve(api.file), baselineFile: resolve(baseline.file), ...THROUGHPUT }, env);
  const perSecond = (t: Tally, ms: number) => (t.requests * 1000) / ms;
  const warmRps = perSecond(throughput.api, throughput.api.wallMs);
  const baselineWarmRps = perSecond(throughput.baseline, throughput.baseline.wallMs);
  const warmCpuRps = perSecond(throughput.api, throughput.api.cpuMs);
  const baselineWarmCpuRps = perSecond(throughput.baseline, throughput.baseline.cpuMs);

  progress('bench: the end-to-end workflow and the scale test on an in-memory DynamoDB Local (fills 100,000 items)…');
  const dynamo = await measureDynamo();
  const local = await measureLocalThroughput(progress);
  const consoleFigures = await measureConsole(progress);
  const steps = dynamo.steps;
  // A workflow costs what the API function and the reactions to its events consume together.
  const readUnits = round(
    steps.reduce((sum, s) => sum + s.readUnits + s.reactions.readUnits, 0),
    1,
  );
  const writeUnits = round(
    steps.reduce((sum, s) => sum + s.writeUnits + s.reactions.writeUnits, 0),
    1,
  );
  const callsOf = (usage: { calls: Record<string, number | undefined> }) => Object.values(usage.calls).reduce((a: number, b) => a + (b ?? 0), 0);
  const missed = steps.filter((s) => s.misses.length > 0).map((s) => ({ step: s.step, misses: s.misses }));
  const scans = steps.reduce((sum, s) => sum + s.scans, 0);
  const unreported = steps.reduce((sum, s) => sum + s.unreported, 0);

  const bundleRatio = round(largest.bytes / baseline.bytes, 3);
  const loadRatio = slowest.loadRatio;
  const warmThroughputRatio = round(warmRps / baselineWarmRps, 3);
  return {
    machine: machine(),
    functions: figures.map(({ name, bundleBytes, bundleGzipBytes, bundleRatio, loadMs, loadCpuMs, loadRatio, loadCpuRatio }) => ({
      name,
      bundleBytes,
      bundleGzipBytes,
      bundleRatio,
      loadMs,
      loadCpuMs,
      loadRatio,
      loadCpuRatio,
    })),
    bundleBytes: largest.bytes,
    bundleGzipBytes: largest.gzipBytes,
    baselineBundleBytes: baseline.bytes,
    baselineBundleGzipBytes: baseline.gzipBytes,
    bundleRatio,
    loadMs: round(loadMs),
    baselineLoadMs: round(baselineLoadMs),
    loadRatio,
    loadCpuMs: round(loadCpuMs),
    baselineLoadCpuMs: round(baselineLoadCpuMs),
    loadCpuRatio: slowest.loadCpuRatio,
    warmRps: Math.round(warmRps),
    baselineWarmRps: Math.round(baselineWarmRps),
    warmThroughputRatio,
    warmThroughputCpuRatio: round(warmCpuRps / baselineWarmCpuRps, 3),
    bareHonoRps: Math.round(perSecond(throughput.bare, throughput.bare.wallMs)),
    warmGetItemCallsPerRequest: throughput.dynamoCallsPerRequest,
    dynamoCallsPerRequest: {
      steps,
      requests: steps.length,
      missed,
      scans,
      perWorkflow: {
        calls: steps.reduce((sum, s) => sum + callsOf(s), 0),
        reactionCalls: steps.reduce((sum, s) => sum + callsOf(s.reactions), 0),
        readUnits,
        writeUnits,
      },
      cost: {
        workflows: WORKFLOWS_PRICED,
        usd: round(onDemandCost(readUnits, writeUnits, WORKFLOWS_PRICED), 4),
        price: ON_DEMAND_PRICE,
        capacitySource:
          unreported === 0
            ? 'ConsumedCapacity as DynamoDB Local reported it for every call'
            : `ConsumedCapacity as DynamoDB Local reported it; ${unreported} calls reported none and count 0`,
      },
    },
    scaleRatio: dynamo.scale.scaleRatio,
    scale: dynamo.scale,
    localThroughput: local,
    console: consoleFigures,
    largestInBundle: largestInputs(largest.metafile),
    targets: TARGETS,
    targetsMet: {
      bundleRatio: bundleRatio <= TARGETS.bundleRatio,
      loadRatio: loadRatio <= TARGETS.loadRatio,
      warmThroughputRatio: warmThroughputRatio >= TARGETS.warmThroughputRatio,
      scaleRatio: dynamo.scale.scaleRatio <= TARGETS.scaleRatio,
      dynamoCallsPerRequest: missed.length === 0 && scans === 0,
      localThroughput: local.errors === 0 && local.timeouts === 0 && local.unexpectedNon2xx === 0 && local.invariants.every((i) => i.ok),
      console: Object.values(consoleFigures.targetsMet).every(Boolean),
    },
    runs: {
      load: LOAD_RUNS,
      warmupRequests: THROUGHPUT.warmupRequests,
      throughputMs: THROUGHPUT.durationMs,
      requests: { api: throughput.api.requests, baseline: throughput.baseline.requests },
    },
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rps = (value: number) => `${value.toLocaleString('en-US')} req/s`;
const verdict = (r: Report, key: keyof typeof TARGETS) =>
  `target ${key === 'warmThroughputRatio' ? '≥' : '≤'} ${r.targets[key]}: ${r.targetsMet[key] ? 'met' : 'MISSED'}`;

function workflowLines(r: Report): string[] {
  const d = r.dynamoCallsPerRequest;
  const calls = (s: StepResult) =>
    Object.entries(s.calls)
      .map(([c, n]) => `${n} ${c}`)
      .join(', ');
  const lines = [
    `DynamoDB per request (an end-to-end workflow through the app in-process, DynamoDB Local in memory;`,
    `targets: reads ≤ 2 calls, writes ≤ 1 transaction + ≤ 2 reads, no Scan)`,
    ...d.steps.map(
      (s) =>
        `  ${s.step.padEnd(20)} ${`${s.method} ${s.path}`.padEnd(50)} ${calls(s).padEnd(60)} ${String(s.readUnits).padStart(4)} RCU ${String(s.writeUnits).padStart(4)} WCU  ${s.misses.length ? `MISSED: ${s.misses.join('; ')}` : 'ok'}${Object.keys(s.reactions.calls).length ? `  (+ reactions: ${calls(s.reactions as StepResult)})` : ''}`,
    ),
    `  ${d.requests} requests, ${d.perWorkflow.calls} calls by the API (+ ${d.perWorkflow.reactionCalls} by reactions), ${d.scans} Scans, ${d.missed.length} requests miss their target; ${d.perWorkflow.readUnits} read and ${d.perWorkflow.writeUnits} write units per workflow`,
    `  ${d.cost.workflows.toLocaleString('en-US')} workflows on demand: $${d.cost.usd} ($${d.cost.price.perMillionReadUnits} per million read units, $${d.cost.price.perMillionWriteUnits} per million write units, ${d.cost.price.region} list price; ${d.cost.capacitySource})`,
  ];
  return lines;
}

function scaleLines(r: Report): string[] {
  const s = r.scale;
  return [
    `Scale (median of ${s.samples} requests each, the in-process app, requests taking turns between a table of`,
    `${s.items.small.toLocaleString('en-US')} items and one of ${s.items.large.toLocaleString('en-US')} in one DynamoDB Local; the large one filled in ${(s.fillMs / 1000).toFixed(1)} s, ${s.fillItemsPerSecond.toLocaleString('en-US')} items/s)`,
    row('review queue', `${s.queueMs.small} → ${s.queueMs.large} ms`, `ratio ${s.queueRatio}`),
    row('occupancy report', `${s.occupancyMs.small} → ${s.occupancyMs.large} ms`, `ratio ${s.occupancyRatio}`),
    row('scaleRatio', String(r.scaleRatio), `${verdict(r, 'scaleRatio')} (the larger of the two)`),
  ];
}

function localLines(r: Report): string[] {
  const l = r.localThroughput;
  return [
    `Local throughput (infra/local/start.ts on 127.0.0.1, autocannon, ${l.connections} connections, ${l.durationSeconds} s, a mix of reads, registrations and allocations)`,
    row('requests', `${l.rps} req/s`, `${l.requests} in all, p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms`),
    row('errors', String(l.errors + l.timeouts), `unexpected non-2xx ${l.unexpectedNon2xx}, expected 409s ${l.expected4xx}`),
    ...l.invariants.map((i) => `  ${i.ok ? 'holds ' : 'BROKEN'}  ${i.name}: ${i.detail}`),
    `  target (zero errors, zero broken invariants): ${r.targetsMet.localThroughput ? 'met' : 'MISSED'}`,
  ];
}
function consoleLines(r: Report): string[] {
  const c = r.console;
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const lazyModules = c.lazyModules.map((m) => `${m.module} ${kb(m.gzipBytes)}`).join(', ');
  return [
    `Console (the minified build as deployed; the founder's home in headless Chromium at 360 × 740, CPU slowed ${c.cpuThrottlingRate}×, median of ${c.runs})`,
    row(
      'JS before render',
      kb(c.initialJsGzipBytes),
      `gzip, ${c.initialJsFiles.length} files   target ≤ ${kb(CONSOLE_TARGETS.initialJsGzipBytes)}: ${met(c.targetsMet.initialJsGzipBytes)}`,
    ),
    row(
      'largest lazy page',
      kb(c.largestLazyChunkGzipBytes),
      `gzip, ${c.lazyPages[0]?.page ?? '-'}   target ≤ ${kb(CONSOLE_TARGETS.largestLazyChunkGzipBytes)}: ${met(c.targetsMet.largestLazyChunkGzipBytes)}`,
    ),
    row(
      'charts',
      c.chartsOnlyWhereShown ? 'lazy' : 'EAGER',
      `Chart.js only through the chart's own import: ${met(c.targetsMet.chartsOnlyWhereShown)} (lazy modules: ${lazyModules})`,
    ),
    row(
      'home API requests',
      String(c.homeApiRequests),
      `target ≤ ${CONSOLE_TARGETS.homeApiRequests}: ${met(c.targetsMet.homeApiRequests)}${c.targetsMet.homeApiRequests ? '' : ` (${c.homeApiPaths.join(', ')})`}`,
    ),
    row('home load', `${c.homeLoadMs} ms`, `the same shell with no data ${c.emptyShellLoadMs} ms   homeLoadRatio ${c.homeLoadRatio}`),
  ];
}

const row = (label: string, value: string, note = '') => `  ${label.padEnd(22)}${value.padStart(14)}   ${note}`.trimEnd();

function summary(r: Report): string {
  const m = r.machine;
  return [
    `Fuhua benchmark: ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.platform}`,
    '',
    'Bundle (the settings of infra/constructs/bundling.ts: minified ESM, source maps, AWS SDK bundled)',
    ...r.functions.map((f) => row(`API ${f.name}`, kb(f.bundleBytes), `gzip ${kb(f.bundleGzipBytes)}   ratio ${f.bundleRatio}`)),
    row('baseline', kb(r.baselineBundleBytes), `gzip ${kb(r.baselineBundleGzipBytes)}`),
    row('bundleRatio', String(r.bundleRatio), `${verdict(r, 'bundleRatio')} (the largest function)`),
    `  largest in the largest API bundle: ${r.largestInBundle
      .slice(0, 6)
      .map((i) => `${i.name} ${kb(i.bytes)}`)
      .join(', ')}`,
    '',
    `Load (import in a fresh Node process; median of ${r.runs.load} runs each, alternating)`,
    ...r.functions.map((f) => row(`API ${f.name}`, `${f.loadMs} ms`, `CPU ${f.loadCpuMs} ms   ratio ${f.loadRatio} (CPU ${f.loadCpuRatio})`)),
    row('baseline', `${r.baselineLoadMs} ms`, `CPU ${r.baselineLoadCpuMs} ms (beside the slowest)`),
    row('loadRatio', String(r.loadRatio), `${verdict(r, 'loadRatio')} (the slowest function; CPU time ratio ${r.loadCpuRatio})`),
    '',
    `Warm throughput (GET /v1/applicants/me through the Lambda handler, one request at a time, DynamoDB`,
    `answered in memory on 127.0.0.1; after ${r.runs.warmupRequests} warm-up requests each, ${r.runs.throughputMs / 1000} s of batches`,
    `of ${THROUGHPUT.batch} requests taking turns)`,
    row('API people', rps(r.warmRps), `${r.warmGetItemCallsPerRequest} GetItem calls per request`),
    row('baseline', rps(r.baselineWarmRps), 'bare Hono, the same two reads'),
    row('warmThroughputRatio', String(r.warmThroughputRatio), `${verdict(r, 'warmThroughputRatio')}   (per CPU second ${r.warmThroughputCpuRatio})`),
    row('bare Hono, no DynamoDB', rps(r.bareHonoRps)),
    '',
    ...workflowLines(r),
    '',
    ...scaleLines(r),
    '',
    ...localLines(r),
    '',
    ...consoleLines(r),
    '',
    'JSON: npm run -s bench -- --json',
    '',
  ].join('\n');
}

async function main() {
  const report = await measure();
  process.stdout.write(asJson ? `${JSON.stringify(report)}\n` : summary(report));
  if (args.has('--check') && !Object.values(report.targetsMet).every(Boolean)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
