import { afterEach, describe, expect, it } from 'vitest';
import { now, useFixedClock, useRealClock } from '../../shared/clock';
import { call, type As } from '../support/api';
import { approvedBatch, auditor, finance, finance2, finance3, idem, openProgramme, payableClaims, preparedBatch } from '../support/subsidies';

afterEach(() => useRealClock());

/**
 * Above 10,000 yuan (1,000,000 fen) a reversal and a bank confirmation are maker-checker: one
 * finance user records, a second confirms. The two-approver threshold of batches (500,000 yuan)
 * counts every batch of the programme approved that Beijing day.
 */
const ledgerOf = async (programmeId: string) => (await call('GET', `/v1/ledger?programmeId=${programmeId}&limit=100`, { as: auditor })).body;
const approve = (batchId: string, as: As) => call('POST', `/v1/payout-batches/${batchId}/approval`, { as, headers: idem() });

/** A claim of `amountFen` paid through the chain (one line, booked at once when within the threshold). */
async function payment(amountFen: number) {
  const programme = await openProgramme({ budgetFen: 100_000_000, amountRule: { type: 'fixed', amountFen } });
  const claim = (await payableClaims(programme.id, 1))[0]!.claim;
  const batch = await approvedBatch(programme.id, [claim]);
  let confirmed = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
    as: finance,
    headers: idem(),
    body: { lines: [{ claimId: claim.id, status: 'paid', bankReference: 'MC-1' }] },
  });
  // Above the threshold the bank's answer waits for a second finance user.
  if (confirmed.status === 202) confirmed = await call('POST', `/v1/bank-confirmations/${confirmed.body.id}/approval`, { as: finance3, headers: idem() });
  return { programme, claim, batch, confirmed };
}

const reverse = (entryId: string, amountFen: number, as: As = finance) =>
  call('POST', `/v1/ledger/${entryId}/reversal`, { as, headers: idem(), body: { amountFen, reason: '多付追回' } });

describe('reversals above the threshold', () => {
  it('writes 10,000 yuan at once and requests 10,000.01 yuan, which the requester cannot confirm', async () => {
    const { programme, confirmed } = await payment(2_000_000);
    const entryId = confirmed.body.lines[0].ledgerEntryId;
    expect((await reverse(entryId, 1_000_000)).status).toBe(201);
    const { programme: other, confirmed: paid } = await payment(2_000_000);
    const requested = await reverse(paid.body.lines[0].ledgerEntryId, 1_000_001);
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ status: 'pending', amountFen: 1_000_001, requestedBy: finance.sub });
    expect((await ledgerOf(other.id)).items.filter((e: { kind: string }) => e.kind === 'reversal')).toHaveLength(0);
    const self = await call('POST', `/v1/reversal-requests/${requested.body.id}/confirmation`, { as: finance, headers: idem() });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SELF_APPROVAL');
    const checked = await call('POST', `/v1/reversal-requests/${requested.body.id}/confirmation`, { as: finance2, headers: idem() });
    expect(checked.body).toMatchObject({ status: 'confirmed', decidedBy: finance2.sub });
    const ledger = await ledgerOf(other.id);
    expect(ledger.items.find((e: { id: string }) => e.id === checked.body.ledgerEntryId)).toMatchObject({ kind: 'reversal', amountFen: -1_000_001 });
    expect(ledger.totals.reversedFen).toBe(1_000_001);
    expect((await call('POST', `/v1/reversal-requests/${requested.body.id}/confirmation`, { as: finance3, headers: idem() })).body.code).toBe(
      'REVERSAL_DECIDED',
    );
    expect((await ledgerOf(programme.id)).totals.reversedFen).toBe(1_000_000);
  });

  it('sets a pending request’s amount aside, and gives it back when refused', async () => {
    const { confirmed } = await payment(2_000_000);
    const entryId = confirmed.body.lines[0].ledgerEntryId;
    const requested = await reverse(entryId, 1_500_000);
    expect(requested.status).toBe(202);
    expect((await reverse(entryId, 600_000)).body.code).toBe('REVERSAL_EXCEEDS_ENTRY');
    expect((await reverse(entryId, 500_000)).status).toBe(201);
    expect((await reverse(entryId, 1)).body.code).toBe('REVERSAL_EXCEEDS_ENTRY');
    const refused = await call('POST', `/v1/reversal-requests/${requested.body.id}/refusal`, { as: finance2, body: { reason: '核实后无需追回' } });
    expect(refused.body).toMatchObject({ status: 'refused', refusalReason: '核实后无需追回' });
    expect((await reverse(entryId, 1_500_000)).status).toBe(202);
  });

  it('reverses nothing twice when maker and checkers act on one payment at the same moment', async () => {
    const { programme, claim, confirmed } = await payment(2_000_000);
    const entryId = confirmed.body.lines[0].ledgerEntryId;
    const requested = await reverse(entryId, 1_200_000);
    expect(requested.status).toBe(202);
    const confirm = (as: As) => call('POST', `/v1/reversal-requests/${requested.body.id}/confirmation`, { as, headers: idem() });
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => confirm(finance2)),
      ...Array.from({ length: 8 }, () => confirm(finance3)),
      ...Array.from({ length: 8 }, () => reverse(entryId, 400_000)),
      ...Array.from({ length: 4 }, () => reverse(entryId, 1_200_000)),
    ]);
    const confirmations = results.slice(0, 16);
    expect(confirmations.filter((r) => r.status === 200)).toHaveLength(1);
    expect(confirmations.filter((r) => r.status !== 200).every((r) => r.body.code === 'REVERSAL_DECIDED')).toBe(true);
    const direct = results.slice(16, 24);
    expect(direct.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.slice(24).every((r) => r.status === 422 && r.body.code === 'REVERSAL_EXCEEDS_ENTRY')).toBe(true);
    const ledger = await ledgerOf(programme.id);
    const reversals = ledger.items.filter((e: { kind: string }) => e.kind === 'reversal');
    expect(reversals.reduce((sum: number, e: { amountFen: number }) => sum - e.amountFen, 0)).toBe(2_000_000);
    expect(reversals).toHaveLength(3);
    expect(ledger.totals).toMatchObject({ paidFen: 2_000_000, reversedFen: 2_000_000 });
    expect(ledger.items.map((e: { sequence: number }) => e.sequence)).toEqual([1, 2, 3, 4]);
    expect((await call('GET', `/v1/claims/${claim.id}`, { as: finance })).body.status).toBe('reversed');
  });
});

describe('bank confirmations above the threshold', () => {
  it('books 10,000 yuan at once, and records more for a second finance user to confirm', async () => {
    const small = await payment(1_000_000);
    expect(small.confirmed.status).toBe(200);
    expect(small.confirmed.body.lines[0].outcome).toBe('paid');

    const programme = await openProgramme({ budgetFen: 100_000_000 });
    const claims = (await payableClaims(programme.id, 2)).map((c) => c.claim);
    const batch = await approvedBatch(programme.id, claims);
    const recorded = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: claims.map((c, i) => ({ claimId: c.id, status: 'paid', bankReference: `BK-${i}` })) },
    });
    expect(recorded.status).toBe(202);
    expect(recorded.body).toMatchObject({ status: 'pending', paidFen: 2_000_000, recordedBy: finance.sub });
    expect((await ledgerOf(programme.id)).items).toHaveLength(0);
    const self = await call('POST', `/v1/bank-confirmations/${recorded.body.id}/approval`, { as: finance, headers: idem() });
    expect(self.body.code).toBe('SELF_APPROVAL');
    const results = await Promise.all([
      call('POST', `/v1/bank-confirmations/${recorded.body.id}/approval`, { as: finance2, headers: idem() }),
      call('POST', `/v1/bank-confirmations/${recorded.body.id}/approval`, { as: finance3, headers: idem() }),
    ]);
    const booked = results.find((r) => r.status === 200)!;
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(['ALREADY_APPROVED']);
    expect(booked.body.batch.status).toBe('settled');
    const ledger = await ledgerOf(programme.id);
    expect(ledger.items).toHaveLength(2);
    expect(ledger.totals).toMatchObject({ paidFen: 2_000_000, committedFen: 0 });
    const trail = await call('GET', `/v1/audit?entityId=${batch.id}`, { as: auditor });
    expect(trail.body.items.map((r: { action: string }) => r.action)).toContain('payoutBatch.settled');
  });
});

describe('the two-approver threshold, by the Beijing day', () => {
  it('counts every batch of the programme approved that day, so splitting a batch does not avoid a second approver', async () => {
    // Batches of 250,000 yuan against a threshold of 500,000.
    const programme = await openProgramme({ budgetFen: 500_000_000, amountRule: { type: 'fixed', amountFen: 25_000_000 } });
    const claims = (await payableClaims(programme.id, 4)).map((c) => c.claim);
    const day = now();
    const batches = [];
    for (const claim of claims) batches.push(await preparedBatch(programme.id, [claim]));
    expect(batches.every((b) => b.approvalsRequired === 1)).toBe(true);
    expect((await approve(batches[0].id, finance2)).body.status).toBe('approved');
    expect((await approve(batches[1].id, finance2)).body.status).toBe('approved');
    const third = await approve(batches[2].id, finance2);
    expect(third.body).toMatchObject({ status: 'pending_approval', approvalsRequired: 2 });
    expect((await approve(batches[2].id, finance3)).body.status).toBe('approved');
    // The next day in Beijing starts afresh.
    const nextDay = new Date(day);
    nextDay.setUTCDate(nextDay.getUTCDate() + 1);
    useFixedClock(nextDay);
    expect((await approve(batches[3].id, finance2)).body.status).toBe('approved');
  });

  it('lets no more single approvals through than fit under the threshold when approved at the same moment', async () => {
    const programme = await openProgramme({ budgetFen: 500_000_000, amountRule: { type: 'fixed', amountFen: 10_000_000 } });
    const claims = (await payableClaims(programme.id, 10)).map((c) => c.claim);
    const batches = await Promise.all(claims.map((claim) => preparedBatch(programme.id, [claim])));
    const results = await Promise.all(batches.map((b) => approve(b.id, finance2)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.status === 'approved')).toHaveLength(5);
    expect(results.filter((r) => r.body.status === 'pending_approval').every((r) => r.body.approvalsRequired === 2)).toBe(true);
    expect((await call('GET', `/v1/programmes/${programme.id}`, { as: finance })).body.totals.committedFen).toBe(50_000_000);
  });
});
