import { afterEach, describe, expect, it, vi } from 'vitest';
import { useRealClock } from '../../shared/clock';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { idempotencyKeys, IDEMPOTENCY_TTL_SECONDS } from '../../shared/http/idempotency';
import { routes } from '../../functions/api/routes';
import { call } from '../support/api';
import { finance, finance2, idem, openProgramme, payableClaim, preparedBatch } from '../support/subsidies';

afterEach(() => useRealClock());

async function batchBody() {
  const programme = await openProgramme();
  const { claim } = await payableClaim(programme.id);
  return { programme, claim, body: { programmeId: programme.id, claimIds: [claim.id], declaredCount: 1, declaredTotalFen: claim.amountFen } };
}

describe('Idempotency-Key on money-moving POSTs', () => {
  it('is required (400) on every route flagged idempotent', async () => {
    const { body } = await batchBody();
    const res = await call('POST', '/v1/payout-batches', { as: finance, body });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('header.Idempotency-Key');
    expect((await call('POST', '/v1/payout-batches', { as: finance, body, headers: { 'idempotency-key': 'short' } })).status).toBe(400);
    const someId = (prefix: string) => `${prefix}_01JD3Z7K8M9N0P1Q2R3S4T5V6W`;
    const others: Array<[string, unknown]> = [
      [`/v1/payout-batches/${someId('pbt')}/approval`, undefined],
      [`/v1/payout-batches/${someId('pbt')}/confirmations`, { lines: [{ claimId: someId('clm'), status: 'paid', bankReference: 'B' }] }],
      [`/v1/ledger/${someId('led')}/reversal`, { amountFen: 1, reason: '冲销' }],
      [`/v1/bank-confirmations/${someId('bcf')}/approval`, undefined],
      [`/v1/reversal-requests/${someId('rvr')}/confirmation`, undefined],
    ];
    for (const [path, payload] of others) {
      const answer = await call('POST', path, { as: finance, body: payload });
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].field).toBe('header.Idempotency-Key');
    }
    const flagged = routes
      .filter((r) => r.idempotent)
      .map((r) => r.path)
      .sort();
    expect(flagged).toEqual([
      '/v1/bank-confirmations/{id}/approval',
      '/v1/ledger/{id}/reversal',
      '/v1/loan-interest-settlements',
      '/v1/payout-batches',
      '/v1/payout-batches/{id}/approval',
      '/v1/payout-batches/{id}/confirmations',
      '/v1/reversal-requests/{id}/confirmation',
    ]);
  });

  it('answers a replay with the same body with the first answer, without doing it again', async () => {
    const { body } = await batchBody();
    const headers = idem();
    const first = await call('POST', '/v1/payout-batches', { as: finance, headers, body });
    expect(first.status).toBe(201);
    const replay = await call('POST', '/v1/payout-batches', {
      as: finance,
      headers,
      body: { declaredTotalFen: body.declaredTotalFen, declaredCount: 1, claimIds: body.claimIds, programmeId: body.programmeId },
    });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses the same key with a different body (422)', async () => {
    const { body } = await batchBody();
    const headers = idem();
    expect((await call('POST', '/v1/payout-batches', { as: finance, headers, body })).status).toBe(201);
    const reused = await call('POST', '/v1/payout-batches', { as: finance, headers, body: { ...body, declaredCount: 2 } });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('scopes keys to the caller', async () => {
    const { body } = await batchBody();
    const headers = idem();
    expect((await call('POST', '/v1/payout-batches', { as: finance, headers, body })).status).toBe(201);
    const other = await call('POST', '/v1/payout-batches', { as: finance2, headers, body });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('CLAIM_IN_OPEN_BATCH');
  });

  it('answers 20 parallel requests with one key with one change and the same stored answer', async () => {
    const { programme, body } = await batchBody();
    const headers = idem();
    const results = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/v1/payout-batches', { as: finance, headers, body })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(new Set(results.map((r) => r.headers.get('etag'))).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    const batches = await call('GET', `/v1/payout-batches?programmeId=${programme.id}`, { as: finance });
    expect(batches.body.items.map((b: { id: string }) => b.id)).toEqual([results[0]!.body.id]);
  });

  it('approves a batch once for 20 parallel approvals with one key, each answered with the stored approval', async () => {
    const { programme, claim } = await batchBody();
    const batch = await preparedBatch(programme.id, [claim]);
    const headers = idem();
    const results = await Promise.all(Array.from({ length: 20 }, () => call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance2, headers })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(results[0]!.body).toMatchObject({ status: 'approved', approvals: [{ by: 'finance-2' }] });
    const stored = await call('GET', `/v1/payout-batches/${batch.id}`, { as: finance });
    expect(stored.body.version).toBe(results[0]!.body.version);
  });

  it('writes the key in the change’s own transaction, storing the answer given', async () => {
    const { body } = await batchBody();
    const headers = idem();
    const spy = vi.spyOn(db, 'send');
    try {
      const res = await call('POST', '/v1/payout-batches', { as: finance, headers, body });
      expect(res.status).toBe(201);
      const sent = spy.mock.calls.map(([command]) => ({ name: command.constructor.name, input: command.input as Record<string, unknown> }));
      const writes = sent.filter((s) => /Put|Update|Delete|Transact/.test(s.name));
      expect(writes.map((w) => w.name)).toEqual(['TransactWriteCommand']);
      const items = writes[0]!.input.TransactItems as Array<{ Put?: { Item: Record<string, unknown> } }>;
      const keyItem = items[0]!.Put!.Item;
      expect(keyItem.pk).toBe(idempotencyKeys.record('finance-1', headers['idempotency-key']).pk);
      expect(JSON.parse((keyItem.response as { body: string }).body)).toEqual(res.body);
    } finally {
      spy.mockRestore();
    }
  });

  it('forgets a key whose request failed, so the client can retry with it', async () => {
    const { programme, claim } = await batchBody();
    const batch = await preparedBatch(programme.id, [claim]);
    const headers = idem();
    const self = await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance, headers });
    expect(self.status).toBe(403);
    const stored = await db.send(new GetCommand({ TableName: tableName(), Key: idempotencyKeys.record('finance-1', headers['idempotency-key']) }));
    expect(stored.Item).toBeUndefined();
  });

  it('takes a retry with the same key once the cause of the failure is gone', async () => {
    const { programme, claim, body } = await batchBody();
    const other = await preparedBatch(programme.id, [claim], finance2);
    const headers = idem();
    const refused = await call('POST', '/v1/payout-batches', { as: finance, headers, body });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CLAIM_IN_OPEN_BATCH');
    const stored = await db.send(new GetCommand({ TableName: tableName(), Key: idempotencyKeys.record('finance-1', headers['idempotency-key']) }));
    expect(stored.Item).toBeUndefined();
    expect((await call('POST', `/v1/payout-batches/${other.id}/cancellation`, { as: finance2, body: {} })).status).toBe(200);
    const retried = await call('POST', '/v1/payout-batches', { as: finance, headers, body });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keeps a key for at least 24 hours (TTL attribute)', async () => {
    const { body } = await batchBody();
    const headers = idem();
    await call('POST', '/v1/payout-batches', { as: finance, headers, body });
    const stored = (await db.send(new GetCommand({ TableName: tableName(), Key: idempotencyKeys.record('finance-1', headers['idempotency-key']) }))).Item!;
    expect(stored.status).toBe('done');
    expect(stored.expiresAt - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(IDEMPOTENCY_TTL_SECONDS - 60);
  });
});
