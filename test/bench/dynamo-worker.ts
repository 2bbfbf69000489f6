/**
 * Forked by run.ts with DYNAMODB_ENDPOINT, TABLE_NAME and FUHUA_SECRETS_FILE pointing at an
 * in-memory DynamoDB Local it started. Runs the real app in-process (`createLocalApp`, as
 * test/support/api.ts does) and measures two things:
 *   - the workflow: every request of one end-to-end path, with the DynamoDB calls it made and the
 *     capacity DynamoDB reported for them (a middleware asks for `ReturnConsumedCapacity: TOTAL`);
 *   - the scale: the review queue and an occupancy report with ~1,000 and then ~100,000 items.
 * Sends its result to the parent over IPC.
 */
import { randomUUID } from 'node:crypto';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dispatch, type DomainEvent } from '../../shared/events/bus';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DynamoDBClient,
  type AttributeValue,
  type BatchGetItemCommandOutput,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { dayOf, monthOf, now, useFixedClock, useRealClock } from '../../shared/clock';
import { db } from '../../shared/db/client';
import { ensureTable } from '../../infra/local/table';
import { tableName } from '../../shared/db/table';
import { call, uniqueSub, type Answer, type As, type CallOptions } from '../support/api';
import { inStaffDirectory } from '../support/staff';
import { applicantInput } from '../support/factories';
import { applicationInput } from '../support/startups';
import { cloneItems } from './clone';
import { emptyUsage, percentile, record, verdict, type Usage, type Verdict } from './recorder';

/**
 * As in the cloud, the API does not run reactions inside the request (FUHUA_EVENTS=stream): the
 * stream worker publishes the events and the reactions function runs them. The bench runs them
 * itself right after each request, and counts their calls apart (`reactions`), so that the
 * request is judged on what the API function does and the reactions' cost is still shown.
 */
process.env.FUHUA_EVENTS = 'stream';

export interface StepResult extends Verdict {
  /** DynamoDB calls of the reactions to this request's events (the reactions function's work in the cloud). */
  reactions: Pick<Usage, 'calls' | 'readUnits' | 'writeUnits'>;
  step: string;
  method: string;
  path: string;
  status: number;
  calls: Usage['calls'];
  readUnits: number;
  writeUnits: number;
  unreported: number;
}

export interface ScaleResult {
  items: { small: number; large: number };
  fillMs: number;
  fillItemsPerSecond: number;
  samples: number;
  queueMs: { small: number; large: number };
  occupancyMs: { small: number; large: number };
  queueRatio: number;
  occupancyRatio: number;
  scaleRatio: number;
}

export interface DynamoWorkerResult {
  steps: StepResult[];
  scale: ScaleResult;
}

// ---- recording: every command of the document client asks for, and is charged, its capacity ----

let current: Usage | undefined;
const outside = emptyUsage();
/** Events found on the audit records the current request wrote. */
let pendingEvents: Array<DomainEvent & { at: string; requestId: string }> = [];
db.middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as Record<string, unknown>;
    input.ReturnConsumedCapacity = 'TOTAL';
    rememberKeys(context.commandName ?? '', input);
    collectEvents(context.commandName ?? '', input);
    const result = await next(args);
    const output = result.output as { ConsumedCapacity?: never };
    record(current ?? outside, context.commandName ?? 'unknown', output.ConsumedCapacity);
    if (process.env.BENCH_DEBUG) progress(`${context.commandName} ${JSON.stringify(output.ConsumedCapacity)}`);
    return result;
  },
  { step: 'initialize', name: 'benchConsumedCapacity' },
);

const steps: StepResult[] = [];
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** The keys of every item the app wrote, so the scale part can copy them without a Scan. */
const written = new Map<string, { pk: string; sk: string }>();
function rememberKeys(command: string, input: Record<string, unknown>): void {
  type Key = { pk: unknown; sk: unknown };
  type Op = { Item?: Key; Key?: Key };
  const ops: Op[] = [];
  if (command === 'PutItemCommand' || command === 'UpdateItemCommand') ops.push(input as Op);
  if (command === 'TransactWriteItemsCommand') for (const t of input.TransactItems as Array<Record<string, Op>>) ops.push(t.Put ?? t.Update ?? {});
  // Before or after the document client's marshalling: plain strings or { S: string }.
  const text = (v: unknown) => (typeof v === 'string' ? v : (v as { S?: string } | undefined)?.S);
  for (const op of ops) {
    const key = op.Item ?? op.Key;
    const pk = text(key?.pk);
    const sk = text(key?.sk);
    if (pk && sk) written.set(`${pk} ${sk}`, { pk, sk });
  }
}

/** The domain events carried by audit records in a transaction (plain or marshalled items). */
function collectEvents(command: string, input: Record<string, unknown>): void {
  if (command !== 'TransactWriteItemsCommand') return;
  for (const t of input.TransactItems as Array<{ Put?: { Item?: Record<string, unknown> } }>) {
    const raw = t.Put?.Item;
    if (!raw) continue;
    const item = (raw.entity as { S?: string } | undefined)?.S ? unmarshall(raw as Record<string, AttributeValue>) : raw;
    if (item.entity !== 'audit' || !item.event) continue;
    pendingEvents.push({ ...(item.event as DomainEvent), at: item.at as string, requestId: item.requestId as string });
  }
}

async function step(name: string, method: string, path: string, options: CallOptions & { expect: number }): Promise<Answer> {
  const usage = emptyUsage();
  const reactions = emptyUsage();
  current = usage;
  pendingEvents = [];
  let answer: Answer;
  try {
    answer = await call(method, path, options);
    current = reactions;
    await dispatch(pendingEvents.splice(0), { rethrow: true });
  } finally {
    current = undefined;
  }
  if (answer.status !== options.expect) throw new Error(`${name}: expected ${options.expect}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  steps.push({
    step: name,
    method,
    path: path.replace(/[a-z]{3}_[0-9A-HJKMNP-TV-Z]{26}/g, (id) => `{${id.slice(0, 3)}}`),
    status: answer.status,
    ...usage,
    ...verdict(method, usage),
    reactions: { calls: reactions.calls, readUnits: reactions.readUnits, writeUnits: reactions.writeUnits },
  });
  return answer;
}

const idem = () => ({ 'idempotency-key': `bench-${randomUUID()}` });

/** Register, apply, review, approve, allocate, assign, log, claim, verify, publish, batch, approve, confirm, report. */
async function workflow(): Promise<{ communityId: string; month: string }> {
  const officer: As = { role: 'officer', sub: 'bench-officer' };
  const finance: As = { role: 'finance', sub: 'bench-finance-1' };
  const finance2: As = { role: 'finance', sub: 'bench-finance-2' };
  const manager: As = { role: 'park_manager', sub: uniqueSub('bench-manager') };
  const founder: As = { role: 'applicant', sub: uniqueSub('bench-founder') };
  const month = monthOf(now());

  // Arrangement the path needs, not measured: a community with a unit, a mentor, a programme.
  const community = (
    await call('POST', '/v1/communities', {
      as: officer,
      body: { kind: 'startup_park', name: '天府青年创业社区', address: '天府大道 1 号', district: '天府新区', managerIds: [manager.sub] },
    })
  ).body;
  const unit = (
    await call('POST', `/v1/communities/${community.id}/units`, {
      as: manager,
      body: { code: 'A-101', kind: 'desk', seats: 1, areaM2: 4, monthlyRentFen: 30_000, floor: 2 },
    })
  ).body;
  const mentorUser = uniqueSub('bench-mentor');
  const mentor = (
    await call('POST', '/v1/mentors', {
      as: officer,
      body: { userId: mentorUser, name: '导师', organisation: '天府创业服务中心', sectors: ['elderly_care_home_services'], expertise: ['融资'] },
    })
  ).body;
  const programme = (
    await call('POST', '/v1/programmes', {
      as: finance,
      body: {
        kind: 'startup_subsidy',
        name: '一次性创业补贴',
        budgetFen: 10_000_000,
        opensOn: '2020-01-01',
        closesOn: '2099-12-31',
        amountRule: { type: 'fixed', amountFen: 1_000_000 },
        eligibility: {},
      },
    })
  ).body;
  if (!community?.id || !unit?.id || !mentor?.id || !programme?.id)
    throw new Error(`arrangement failed: ${JSON.stringify({ community, unit, mentor, programme })}`);

  await step('register applicant', 'POST', '/v1/applicants', { as: founder, body: applicantInput(), expect: 201 });
  const draft = await step('create application', 'POST', '/v1/applications', {
    as: founder,
    body: applicationInput({ preferredCommunityId: community.id }),
    expect: 201,
  });
  const appId = draft.body.id as string;
  await step('submit application', 'POST', `/v1/applications/${appId}/submit`, { as: founder, expect: 200 });
  await step('review queue', 'GET', '/v1/applications?status=submitted', { as: officer, expect: 200 });
  const reviewers: As[] = [
    { role: 'officer', sub: uniqueSub('bench-reviewer') },
    { role: 'mentor', sub: uniqueSub('bench-reviewer') },
  ];
  // Reviewers are chosen from the staff directory: they recorded their names (not a measured step).
  for (const reviewer of reviewers) await inStaffDirectory(reviewer, '评审人');
  for (const [i, reviewer] of reviewers.entries()) {
    await step(`assign reviewer ${i + 1}`, 'POST', `/v1/applications/${appId}/reviewers`, { as: officer, body: { reviewerId: reviewer.sub }, expect: 200 });
  }
  for (const [i, reviewer] of reviewers.entries()) {
    const score = { innovation: 8, feasibility: 7, team: 8, jobCreation: 7, socialValue: 8, comment: 'Sound plan.' };
    await step(`score ${i + 1}`, 'POST', `/v1/applications/${appId}/scores`, { as: reviewer, body: score, expect: 201 });
  }
  await step('read application', 'GET', `/v1/applications/${appId}`, { as: officer, expect: 200 });
  const decided = await step('approve application', 'POST', `/v1/applications/${appId}/decision`, {
    as: officer,
    body: { decision: 'approve', reason: 'Meets every criterion.' },
    expect: 200,
  });
  const startupId = decided.body.startupId as string;
  await step('allocate unit', 'POST', '/v1/allocations', { as: manager, body: { startupId, unitId: unit.id, fromMonth: month, toMonth: month }, expect: 201 });
  await step('occupancy report', 'GET', `/v1/communities/${community.id}/occupancy?month=${month}`, { as: manager, expect: 200 });
  const assignment = await step('assign mentor', 'POST', '/v1/assignments', { as: officer, body: { mentorId: mentor.id, startupId }, expect: 201 });
  const session = {
    date: dayOf(now()),
    minutes: 60,
    mode: 'in_person',
    topics: ['商业计划'],
    notes: '讨论了融资计划。',
    followUps: ['完善财务预测'],
  };
  await step('log session', 'POST', `/v1/assignments/${assignment.body.id}/sessions`, { as: { role: 'mentor', sub: mentorUser }, body: session, expect: 201 });
  const bankAccount = { bankName: '中国农业银行成都分行', accountName: '测试人', accountNumber: '6228480402564890018' };
  const claim = await step('claim subsidy', 'POST', '/v1/claims', { as: founder, body: { programmeId: programme.id, startupId, bankAccount }, expect: 201 });
  const verified = await step('verify claim', 'POST', `/v1/claims/${claim.body.id}/verification`, { as: officer, body: { decision: 'verify' }, expect: 200 });
  const notice = await step('publish notice', 'POST', '/v1/disclosure-notices', {
    as: officer,
    body: { programmeId: programme.id, claimIds: [claim.body.id] },
    expect: 201,
  });
  // Payment waits for the notice's working days to pass: the app's clock moves past its close.
  useFixedClock(new Date(Date.parse(notice.body.closesAt) + 60_000));
  const batch = await step('prepare batch', 'POST', '/v1/payout-batches', {
    as: finance,
    headers: idem(),
    body: { programmeId: programme.id, claimIds: [claim.body.id], declaredCount: 1, declaredTotalFen: verified.body.amountFen },
    expect: 201,
  });
  await step('approve batch', 'POST', `/v1/payout-batches/${batch.body.id}/approval`, { as: finance2, headers: idem(), expect: 200 });
  await step('confirm payment', 'POST', `/v1/payout-batches/${batch.body.id}/confirmations`, {
    as: finance,
    headers: idem(),
    body: { lines: [{ claimId: claim.body.id, status: 'paid', bankReference: 'BANK-000001' }] },
    expect: 200,
  });
  await step('summary report', 'GET', `/v1/reports/summary?from=${month}&to=${month}`, { as: officer, expect: 200 });
  useRealClock();
  return { communityId: community.id, month };
}

// ---- scale: the same two reads over a small and a large table ----

const raw = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 8,
});
/** Every item the app wrote so far, as stored now (read by key, 100 at a time). */
async function writtenItems(): Promise<Record<string, AttributeValue>[]> {
  const keys = [...written.values()].map((k) => marshall(k));
  const items: Record<string, AttributeValue>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let request: KeysAndAttributes | undefined = { Keys: keys.slice(i, i + 100) };
    while (request?.Keys?.length) {
      const res: BatchGetItemCommandOutput = await raw.send(new BatchGetItemCommand({ RequestItems: { [tableName()]: request } }));
      items.push(...(res.Responses?.[tableName()] ?? []));
      request = res.UnprocessedKeys?.[tableName()];
    }
  }
  return items;
}

async function writeAll(items: Record<string, AttributeValue>[], parallel = 12): Promise<void> {
  const batches: Record<string, AttributeValue>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const res = await raw.send(new BatchWriteItemCommand({ RequestItems: { [tableName()]: requests } }));
        requests = (res.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Fills the table with copies of `templates` until it holds `target` items; returns the count written. */
async function fillTo(
  have: number,
  target: number,
  templates: Record<string, AttributeValue>[],
  firstCopy: number,
): Promise<{ written: number; copies: number }> {
  let written = 0;
  let copy = firstCopy;
  const chunk: Record<string, AttributeValue>[] = [];
  while (have + written + chunk.length < target) {
    const clones = cloneItems(templates, copy++);
    if (clones.length === 0) throw new Error('no item to copy: the workflow wrote nothing the bench saw');
    chunk.push(...clones.slice(0, target - have - written - chunk.length));
    if (chunk.length >= 5000) {
      await writeAll(chunk);
      written += chunk.length;
      chunk.length = 0;
    }
  }
  await writeAll(chunk);
  written += chunk.length;
  return { written, copies: copy - firstCopy };
}

/** The table the app (and the fill) uses: `tableName()` reads TABLE_NAME on every call. */
const useTable = (name: string) => (process.env.TABLE_NAME = name);

/**
 * Median latency of `path` on each of two tables, the requests taking turns between them (so both
 * see the same warm JVM, the same neighbours on the machine, the same compiled code), after a
 * warm-up on each.
 */
async function interleavedMedians(path: string, as: As, tables: [string, string], samples: number): Promise<[number, number]> {
  const times: [number[], number[]] = [[], []];
  const warmup = 20;
  for (let i = 0; i < samples + warmup; i++) {
    for (const t of [0, 1] as const) {
      useTable(tables[t]);
      const started = performance.now();
      const res = await call('GET', path, { as });
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`${path} on ${tables[t]}: ${res.status} ${JSON.stringify(res.body)}`);
      if (i >= warmup) times[t].push(ms);
    }
  }
  return [percentile(times[0], 50), percentile(times[1], 50)];
}

async function scale(communityId: string, month: string): Promise<ScaleResult> {
  const officer: As = { role: 'officer', sub: 'bench-officer' };
  // The review queue the list reads: 30 submitted applications, the same in both measurements.
  for (let i = 0; i < 30; i++) {
    const founder: As = { role: 'applicant', sub: uniqueSub('bench-queue') };
    await call('POST', '/v1/applicants', { as: founder, body: applicantInput() });
    const draft = await call('POST', '/v1/applications', { as: founder, body: applicationInput() });
    const submitted = await call('POST', `/v1/applications/${draft.body.id}/submit`, { as: founder });
    if (submitted.status !== 200) throw new Error(`queue arrangement: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  }
  // Templates: the workflow's items with the queue's applications left out (their copies would
  // join the measured queue partition).
  const items = await writtenItems();
  const queued = new Set(
    items.filter((i) => i.gsi1pk?.S?.startsWith('APPLICATION_QUEUE#') || i.gsi2pk?.S?.startsWith('APPLICATION_QUEUE#')).map((i) => i.pk!.S!),
  );
  const templates = items.filter((i) => !queued.has(i.pk?.S ?? '') && !JSON.stringify(i).includes('APPLICATION_QUEUE#submitted'));
  const samples = 60;
  const queuePath = '/v1/applications?status=submitted';
  const occupancyPath = `/v1/communities/${communityId}/occupancy?month=${month}`;

  // Two tables in the same DynamoDB Local: the small one is the app's, the large one starts as a
  // copy of everything the app wrote; both are then filled with copies in other partitions.
  const smallTable = process.env.TABLE_NAME!;
  const largeTable = `${smallTable}-large`;
  await ensureTable(raw, largeTable);
  useTable(largeTable);
  await writeAll(items);
  useTable(smallTable);
  progress(`scale: ${items.length} items written by the app, filling to 1,000…`);
  const small = await fillTo(items.length, 1_000, templates, 1);
  const smallItems = items.length + small.written;

  progress('scale: filling another table to 100,000 items…');
  useTable(largeTable);
  const started = performance.now();
  const large = await fillTo(items.length, 100_000, templates, 1);
  const fillMs = performance.now() - started;
  progress(`scale: filled in ${(fillMs / 1000).toFixed(1)} s`);
  const largeItems = items.length + large.written;

  const [queueSmall, queueLarge] = await interleavedMedians(queuePath, officer, [smallTable, largeTable], samples);
  const [occupancySmall, occupancyLarge] = await interleavedMedians(occupancyPath, officer, [smallTable, largeTable], samples);
  useTable(smallTable);

  const r2 = (v: number) => Math.round(v * 100) / 100;
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  const queueRatio = r3(queueLarge / queueSmall);
  const occupancyRatio = r3(occupancyLarge / occupancySmall);
  return {
    items: { small: smallItems, large: largeItems },
    fillMs: Math.round(fillMs),
    fillItemsPerSecond: Math.round((large.written * 1000) / fillMs),
    samples,
    queueMs: { small: r2(queueSmall), large: r2(queueLarge) },
    occupancyMs: { small: r2(occupancySmall), large: r2(occupancyLarge) },
    queueRatio,
    occupancyRatio,
    scaleRatio: Math.max(queueRatio, occupancyRatio),
  };
}

async function main(): Promise<DynamoWorkerResult> {
  progress('workflow…');
  const { communityId, month } = await workflow();
  progress('scale: 30 submitted applications for the review queue…');
  const result = { steps, scale: await scale(communityId, month) };
  return result;
}

if (process.send) {
  main().then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
  );
}
