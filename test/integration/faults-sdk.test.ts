import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { startDynamoProxy } from '../support/dynamo-proxy';

/**
 * Faults met by the real SDK client (its HTTP stack, retry strategy and error parsing), not a
 * mock: the app's DynamoDB client is pointed at a small HTTP server on 127.0.0.1 that stands
 * where DynamoDB would, forwards to DynamoDB Local, and injects throttling, server errors,
 * dropped connections and silent answers on demand. test/unit/faults.test.ts covers the mapping
 * of each SDK error with aws-sdk-client-mock.
 */

// Before anything imports shared/db/client: the app's client talks to the proxy.
const proxy = await startDynamoProxy(process.env.DYNAMODB_ENDPOINT!);
process.env.DYNAMODB_ENDPOINT = proxy.endpoint;
process.env.DYNAMODB_MAX_ATTEMPTS = '4';
process.env.DYNAMODB_REQUEST_TIMEOUT_MS = '1000';

const { call, uniqueSub } = await import('../support/api');
const { applicantInput } = await import('../support/factories');
const { db } = await import('../../shared/db/client');
const { tableName } = await import('../../shared/db/table');
const { transact } = await import('../../shared/db/write');
const { GetCommand, TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
const { ConflictError } = await import('../../shared/errors');

afterEach(() => {
  proxy.reset();
  vi.restoreAllMocks();
});
afterAll(() => proxy.close());

const applicant = () => ({ role: 'applicant' as const, sub: uniqueSub('faults') });
const attemptsOf = (operation: string) => proxy.attempts.filter((a) => a.operation === operation);
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);
const tokenOf = (attempt: { body: string }) => (JSON.parse(attempt.body) as { ClientRequestToken?: string }).ClientRequestToken;

async function auditRecordsOf(sub: string) {
  const res = await call('GET', `/v1/audit?actorId=${encodeURIComponent(sub)}&limit=100`, { as: { role: 'auditor' } });
  expect(res.status).toBe(200);
  return res.body.items as Array<{ action: string; entityId: string }>;
}

describe('throttling and transient errors', () => {
  it('are retried with growing backoff, then answered 503 with Retry-After', async () => {
    // The SDK's backoff is `random × base × 2^retry` (full jitter); fixing the random factor at 0.1
    // makes the schedule readable: 100, 200, 400 ms for throttling (base 1,000 ms).
    vi.spyOn(Math, 'random').mockReturnValue(0.1);
    proxy.arm('GetItem', { kind: 'error', name: 'ProvisionedThroughputExceededException' }, 100);
    const res = await call('GET', '/v1/applicants/me', { as: applicant() });

    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    const tries = attemptsOf('GetItem');
    expect(tries).toHaveLength(4);
    const waits = gaps(tries.map((t) => t.at));
    console.info(`throttled GetItem: 4 attempts, waits between them ${waits.map((w) => w.toFixed(0)).join(', ')} ms`);
    expect(waits[0]).toBeGreaterThanOrEqual(95);
    expect(waits[1]).toBeGreaterThanOrEqual(195);
    expect(waits[2]).toBeGreaterThanOrEqual(395);
    expect(waits[1]! > waits[0]! && waits[2]! > waits[1]!).toBe(true);
  });

  it('are absorbed when they pass: two ThrottlingExceptions on a transaction, then the write succeeds once', async () => {
    const as = applicant();
    proxy.arm('TransactWriteItems', { kind: 'error', name: 'ThrottlingException' }, 2);
    const res = await call('POST', '/v1/applicants', { as, body: applicantInput() });

    expect(res.status).toBe(201);
    const tries = attemptsOf('TransactWriteItems');
    expect(tries.map((t) => t.answered)).toEqual(['ThrottlingException', 'ThrottlingException', 'forwarded']);
    expect(new Set(tries.map(tokenOf)).size).toBe(1);
    expect((await call('GET', '/v1/applicants/me', { as })).status).toBe(200);
    expect((await auditRecordsOf(as.sub)).filter((r) => r.action === 'applicant.registered')).toHaveLength(1);
  });

  it('retries a 500 InternalServerError from DynamoDB and answers normally', async () => {
    const as = applicant();
    expect((await call('POST', '/v1/applicants', { as, body: applicantInput() })).status).toBe(201);
    proxy.reset();
    proxy.arm('GetItem', { kind: 'error', name: 'InternalServerError' }, 2);
    const res = await call('GET', '/v1/applicants/me', { as });
    expect(res.status).toBe(200);
    const tries = attemptsOf('GetItem').map((t) => t.answered);
    expect(tries.slice(0, 3)).toEqual(['InternalServerError', 'InternalServerError', 'forwarded']);
    expect(tries.filter((t) => t === 'InternalServerError')).toHaveLength(2);
  });
});

describe('a cancelled transaction', () => {
  it('writes none of its items when the last condition fails (DynamoDB Local)', async () => {
    const pk = `FAULTS#${uniqueSub('tx')}`;
    const put = (sk: string) => ({ Put: { TableName: tableName(), Item: { pk, sk, entity: 'faultTest' }, ConditionExpression: 'attribute_not_exists(pk)' } });
    const refused = new ConflictError('The last condition failed.', 'TEST_LAST_CONDITION');
    await expect(
      transact([
        put('A'),
        put('B'),
        put('C'),
        {
          Update: {
            TableName: tableName(),
            Key: { pk, sk: 'COUNTER' },
            UpdateExpression: 'SET #n = #n + :one',
            ConditionExpression: 'attribute_exists(pk) AND #n < :max',
            ExpressionAttributeNames: { '#n': 'n' },
            ExpressionAttributeValues: { ':one': 1, ':max': 10 },
          },
          onConditionFailed: () => refused,
        },
      ]),
    ).rejects.toBe(refused);
    for (const sk of ['A', 'B', 'C', 'COUNTER']) {
      const read = await db.send(new GetCommand({ TableName: tableName(), Key: { pk, sk }, ConsistentRead: true }));
      expect(read.Item, sk).toBeUndefined();
    }
  });

  it('leaves no half-made profile and no audit record when a rule refuses the change', async () => {
    const input = applicantInput();
    expect((await call('POST', '/v1/applicants', { as: applicant(), body: input })).status).toBe(201);
    const second = applicant();
    const res = await call('POST', '/v1/applicants', { as: second, body: { ...input, name: '第二人' } });
    expect(res.status).toBe(409);
    expect((await call('GET', '/v1/applicants/me', { as: second })).status).toBe(404);
    expect(await auditRecordsOf(second.sub)).toEqual([]);
  });
});

describe('a timeout or a dropped connection after DynamoDB committed', () => {
  it('is retried with the same ClientRequestToken: the client gets success and one write', async () => {
    const as = applicant();
    proxy.arm('TransactWriteItems', { kind: 'drop-after-forward' });
    const res = await call('POST', '/v1/applicants', { as, body: applicantInput() });

    const tries = attemptsOf('TransactWriteItems');
    expect(tries).toHaveLength(2);
    expect(tries[0]!.answered).toBe('dropped after DynamoDB answered 200');
    expect(tokenOf(tries[0]!)).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokenOf(tries[1]!)).toBe(tokenOf(tries[0]!));
    // DynamoDB Local honours the token: the retry of the committed transaction is answered 200.
    expect(tries[1]!.answered).toBe('forwarded');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const me = await call('GET', '/v1/applicants/me', { as });
    expect(me.body.id).toBe(res.body.id);
    expect((await auditRecordsOf(as.sub)).filter((r) => r.action === 'applicant.registered')).toHaveLength(1);
  });

  it('is retried after the request timeout with the same token: success, one write', async () => {
    const as = applicant();
    proxy.arm('TransactWriteItems', { kind: 'delay-after-forward', ms: 2_500 });
    const res = await call('POST', '/v1/applicants', { as, body: applicantInput() });

    const tries = attemptsOf('TransactWriteItems');
    expect(tries).toHaveLength(2);
    expect(tokenOf(tries[1]!)).toBe(tokenOf(tries[0]!));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await auditRecordsOf(as.sub)).filter((r) => r.action === 'applicant.registered')).toHaveLength(1);
  });

  it('is a success only because of the token: the same transaction under a new token is refused by its own conditions', async () => {
    const pk = `FAULTS#${uniqueSub('token')}`;
    const command = (token?: string) =>
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName: tableName(), Item: { pk, sk: 'ONE' }, ConditionExpression: 'attribute_not_exists(pk)' } }],
        ...(token ? { ClientRequestToken: token } : {}),
      });

    // The SDK itself fills ClientRequestToken when a command has none (an idempotency-token field
    // of the DynamoDB model), and re-sends it unchanged on retry.
    proxy.arm('TransactWriteItems', { kind: 'drop-after-forward' });
    await expect(db.send(command())).resolves.toBeDefined();
    const tries = attemptsOf('TransactWriteItems');
    expect(tries).toHaveLength(2);
    expect(tokenOf(tries[0]!)).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokenOf(tries[1]!)).toBe(tokenOf(tries[0]!));

    // A retry that carried a fresh token (what a naive re-send would be) meets the item it wrote.
    await expect(db.send(command('7c0d5a7e-1f7e-4b0e-9a53-0d6c2f9b1a11'))).rejects.toMatchObject({ name: 'TransactionCanceledException' });
  });
});
