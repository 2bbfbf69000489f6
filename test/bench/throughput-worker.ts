import { pathToFileURL } from 'node:url';
import { startDynamoStub } from './dynamo-stub';
import { APPLICANT_ITEMS, EXPECTED_APPLICANT_ID, applicantEvent, lambdaContext } from './fixtures';

/**
 * Runs in its own Node process (forked by run.ts, stdout discarded so the API's request log costs
 * what writing it costs, without cluttering the report). It loads both bundles, checks that each
 * really answers the applicant's profile, then measures warm requests per second, one request at
 * a time as a Lambda container serves them, the handlers taking turns in small batches.
 */
export interface ThroughputRequest {
  apiFile: string;
  baselineFile: string;
  /** Requests per handler before measuring: V8 needs a thousand or two to settle. */
  warmupRequests: number;
  /** How long to measure, all handlers together. */
  durationMs: number;
  /** Requests per turn. */
  batch: number;
}

/** Requests served and the wall-clock and CPU time they took, summed over all batches. */
export interface Tally {
  requests: number;
  wallMs: number;
  cpuMs: number;
}

export interface ThroughputResult {
  api: Tally;
  baseline: Tally;
  /** The baseline's `/health`: the Hono adapter alone, no DynamoDB. */
  bare: Tally;
  dynamoCallsPerRequest: number;
}

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;

async function load(file: string): Promise<Handler> {
  const module = (await import(pathToFileURL(file).href)) as { handler: Handler };
  return module.handler;
}

/** Serves `count` requests one after another, adding their time to the tally. */
async function batch(handler: Handler, path: string, count: number, tally: Tally): Promise<void> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await handler(applicantEvent(path), lambdaContext);
  tally.wallMs += performance.now() - started;
  const used = process.cpuUsage(cpu);
  tally.cpuMs += (used.user + used.system) / 1000;
  tally.requests += count;
}

async function main(request: ThroughputRequest): Promise<ThroughputResult> {
  const stub = await startDynamoStub(APPLICANT_ITEMS);
  process.env.DYNAMODB_ENDPOINT = stub.endpoint;
  const api = await load(request.apiFile);
  const baseline = await load(request.baselineFile);

  const cases = [
    { name: 'api', handler: api, path: '/v1/applicants/me' },
    { name: 'baseline', handler: baseline, path: '/v1/applicants/me' },
    { name: 'bare', handler: baseline, path: '/health' },
  ] as const;

  // Measure only the right answer: a 404 or a 500 would be fast and meaningless.
  let dynamoCallsPerRequest = 0;
  for (const { name, handler, path } of cases) {
    const before = stub.calls();
    const response = await handler(applicantEvent(path), lambdaContext);
    const ok = response.statusCode === 200 && (path === '/health' || response.body.includes(EXPECTED_APPLICANT_ID));
    if (!ok) throw new Error(`${name} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    if (name === 'api') dynamoCallsPerRequest = stub.calls() - before;
  }

  for (const { handler, path } of cases) {
    for (let i = 0; i < request.warmupRequests; i += 1) await handler(applicantEvent(path), lambdaContext);
  }

  // Small batches taking turns: whatever else the machine is doing meanwhile hits every handler alike.
  const tallies = { api: newTally(), baseline: newTally(), bare: newTally() };
  const until = performance.now() + request.durationMs;
  for (let turn = 0; performance.now() < until; turn += 1) {
    const order = turn % 2 === 0 ? cases : [...cases].reverse();
    for (const { name, handler, path } of order) await batch(handler, path, name === 'bare' ? request.batch * 10 : request.batch, tallies[name]);
  }
  await stub.close();
  return { ...tallies, dynamoCallsPerRequest };
}

function newTally(): Tally {
  return { requests: 0, wallMs: 0, cpuMs: 0 };
}

process.once('message', (request: ThroughputRequest) => {
  main(request).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: Error) => process.send?.({ ok: false, error: error.stack ?? String(error) }, () => process.exit(1)),
  );
});
