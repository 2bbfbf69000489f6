import { afterEach, describe, expect, it } from 'vitest';
import { useRealClock } from '../../shared/clock';
import fc from 'fast-check';
import { call, type As } from '../support/api';
import { auditor, finance, finance2, idem, openProgramme, ownBankAccount, payableClaim } from '../support/subsidies';

afterEach(() => useRealClock());

/**
 * Whatever finance does, in whatever order — batches, approvals, paid and failed confirmations,
 * reversals — the ledger adds up to the programme's totals and the budget is never exceeded.
 */
type Op =
  | { type: 'claim' }
  | { type: 'batch'; size: number }
  | { type: 'approve'; pick: number }
  | { type: 'confirm'; pick: number; paid: boolean }
  | { type: 'reverse'; pick: number; share: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ type: 'claim' as const }),
  fc.record({ type: fc.constant('batch' as const), size: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ type: fc.constant('approve' as const), pick: fc.nat() }),
  fc.record({ type: fc.constant('confirm' as const), pick: fc.nat(), paid: fc.boolean() }),
  fc.record({ type: fc.constant('reverse' as const), pick: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
);

async function run(ops: Op[]) {
  // Claims of 1,000,000 fen against 2,500,000: batches of 1–3 claims often do not fit.
  const programme = await openProgramme({ budgetFen: 2_500_000 });
  const payable: Array<{ id: string; amountFen: number }> = [];
  const pending: string[] = [];
  const approved: Array<{ id: string; open: string[] }> = [];
  const payments: Array<{ id: string; amountFen: number }> = [];
  const claimants = new Map<string, As>();
  for (const o of ops) {
    if (o.type === 'claim') {
      const { claim, claimant } = await payableClaim(programme.id);
      claimants.set(claim.id, claimant.as);
      payable.push(claim);
    } else if (o.type === 'batch' && payable.length > 0) {
      const claims = payable.splice(0, o.size);
      const res = await call('POST', '/v1/payout-batches', {
        as: finance,
        headers: idem(),
        body: {
          programmeId: programme.id,
          claimIds: claims.map((c) => c.id),
          declaredCount: claims.length,
          declaredTotalFen: claims.reduce((s, c) => s + c.amountFen, 0),
        },
      });
      expect(res.status).toBe(201);
      pending.push(res.body.id);
    } else if (o.type === 'approve' && pending.length > 0) {
      const id = pending[o.pick % pending.length]!;
      const res = await call('POST', `/v1/payout-batches/${id}/approval`, { as: finance2, headers: idem() });
      expect([200, 409]).toContain(res.status);
      if (res.status === 200) {
        pending.splice(pending.indexOf(id), 1);
        approved.push({ id, open: res.body.lines.map((l: { claimId: string }) => l.claimId) });
      } else expect(res.body.code).toBe('BUDGET_EXCEEDED');
    } else if (o.type === 'confirm') {
      const batch = approved.filter((b) => b.open.length > 0)[o.pick % Math.max(1, approved.length)];
      if (!batch) continue;
      const claimId = batch.open.shift()!;
      const res = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
        as: finance,
        headers: idem(),
        body: { lines: [{ claimId, status: o.paid ? 'paid' : 'failed', bankReference: 'PROP' }] },
      });
      expect(res.status).toBe(200);
      if (o.paid)
        payments.push({
          id: res.body.lines[0].ledgerEntryId,
          amountFen: res.body.batch.lines.find((l: { claimId: string }) => l.claimId === claimId).amountFen,
        });
      else {
        // A returned payment waits for the claimant's corrected account, then is payable again.
        const failed = await call('GET', `/v1/claims/${claimId}`, { as: claimants.get(claimId)! });
        expect(failed.body.status).toBe('payment_failed');
        const corrected = await call('PUT', `/v1/claims/${claimId}/bank-account`, {
          as: claimants.get(claimId)!,
          body: ownBankAccount(),
          headers: { 'if-match': failed.headers.get('etag')! },
        });
        expect(corrected.status).toBe(200);
        payable.push({ id: claimId, amountFen: res.body.batch.lines.find((l: { claimId: string }) => l.claimId === claimId).amountFen });
      }
    } else if (o.type === 'reverse' && payments.length > 0) {
      const entry = payments[o.pick % payments.length]!;
      const amountFen = Math.max(1, Math.floor((entry.amountFen * o.share) / 100));
      const res = await call('POST', `/v1/ledger/${entry.id}/reversal`, { as: finance, headers: idem(), body: { amountFen, reason: '属性测试冲销' } });
      expect([201, 422]).toContain(res.status);
    }
  }
  return programme.id;
}

async function check(programmeId: string) {
  const ledger = await call('GET', `/v1/ledger?programmeId=${programmeId}&limit=100`, { as: auditor });
  const entries: Array<{ kind: string; amountFen: number; sequence: number; runningNetFen: number }> = ledger.body.items;
  const totals = ledger.body.totals;
  const paid = entries.filter((e) => e.kind === 'payment').reduce((s, e) => s + e.amountFen, 0);
  const reversed = entries.filter((e) => e.kind === 'reversal').reduce((s, e) => s - e.amountFen, 0);
  expect(totals.paidFen).toBe(paid);
  expect(totals.reversedFen).toBe(reversed);
  expect(totals.committedFen).toBeGreaterThanOrEqual(0);
  expect(totals.committedFen + totals.paidFen - totals.reversedFen).toBeLessThanOrEqual(totals.budgetFen);
  expect(totals.remainingFen).toBe(totals.budgetFen - totals.committedFen - totals.paidFen + totals.reversedFen);
  expect(entries.map((e) => e.sequence)).toEqual(entries.map((_, i) => i + 1));
  if (entries.length > 0) expect(entries.at(-1)!.runningNetFen).toBe(paid - reversed);
}

describe('the disbursement ledger, under any sequence of operations', () => {
  it('always equals the programme totals and never exceeds the budget', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        // Make sure every run has something to pay: a few claims first.
        const programmeId = await run([{ type: 'claim' }, { type: 'claim' }, { type: 'claim' }, ...ops]);
        await check(programmeId);
      }),
      { numRuns: 12 },
    );
  });
});
