import { afterEach, describe, expect, it } from 'vitest';
import { useRealClock } from '../../shared/clock';
import { call, type As } from '../support/api';
import {
  approvedBatch,
  auditor,
  finance,
  finance2,
  finance3,
  idem,
  officer,
  openProgramme,
  paidClaim,
  payableClaims,
  preparedBatch,
} from '../support/subsidies';

afterEach(() => useRealClock());

/**
 * The finance workspace's queues: batches by status, bank confirmations and reversal requests
 * waiting for a second finance user. Each is one Query on its status's partition, newest first;
 * an item moves from one list to the next as its status changes.
 */
const ids = async (path: string, as: As = finance) => {
  const res = await call('GET', `${path}&limit=100`, { as });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as Array<{ id: string }>).map((item) => item.id);
};

describe('payout batches by status', () => {
  it('lists a batch under pending_approval, approved, then settled, and never under two statuses', async () => {
    const programme = await openProgramme();
    const [a, b] = await payableClaims(programme.id, 2);
    const pending = await preparedBatch(programme.id, [a!.claim]);
    const approved = await approvedBatch(programme.id, [b!.claim]);
    expect(await ids('/v1/payout-batches?status=pending_approval')).toContain(pending.id);
    expect(await ids('/v1/payout-batches?status=pending_approval')).not.toContain(approved.id);
    expect(await ids('/v1/payout-batches?status=approved', auditor)).toContain(approved.id);
    // The two-approver threshold comes with the list, for the approver to see (500,000 yuan by default).
    expect((await call('GET', '/v1/payout-batches?status=approved', { as: finance })).body.dualApprovalAboveFen).toBe(50_000_000);

    const listed = (await call('GET', '/v1/payout-batches?status=pending_approval&limit=100', { as: finance })).body.items.find(
      (batch: { id: string }) => batch.id === pending.id,
    );
    expect(listed).toEqual((await call('GET', `/v1/payout-batches/${pending.id}`, { as: finance })).body);

    // Settled by the bank's answer (an update of the status alone): the batch moves lists.
    const confirmed = await call('POST', `/v1/payout-batches/${approved.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: [{ claimId: b!.claim.id, status: 'paid', bankReference: 'Q-1' }] },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.batch.status).toBe('settled');
    expect(await ids('/v1/payout-batches?status=settled')).toContain(approved.id);
    expect(await ids('/v1/payout-batches?status=approved')).not.toContain(approved.id);

    const cancelled = await call('POST', `/v1/payout-batches/${pending.id}/cancellation`, { as: finance2, body: { reason: '预算不足' } });
    expect(cancelled.status).toBe(200);
    expect(await ids('/v1/payout-batches?status=cancelled')).toContain(pending.id);
    expect(await ids('/v1/payout-batches?status=pending_approval')).not.toContain(pending.id);
  });

  it("lists one programme's batches, of every status or of one, and nobody else's", async () => {
    const programme = await openProgramme();
    const other = await openProgramme();
    const [a, b] = await payableClaims(programme.id, 2);
    const [c] = await payableClaims(other.id, 1);
    const pending = await preparedBatch(programme.id, [a!.claim]);
    const approved = await approvedBatch(programme.id, [b!.claim]);
    const elsewhere = await preparedBatch(other.id, [c!.claim]);
    expect((await ids(`/v1/payout-batches?programmeId=${programme.id}`)).sort()).toEqual([pending.id, approved.id].sort());
    expect(await ids(`/v1/payout-batches?programmeId=${programme.id}&status=pending_approval`)).toEqual([pending.id]);
    expect(await ids(`/v1/payout-batches?programmeId=${other.id}&status=pending_approval`, auditor)).toEqual([elsewhere.id]);
    // Settled: it moves from the programme's approved list to its settled one.
    await call('POST', `/v1/payout-batches/${approved.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: [{ claimId: b!.claim.id, status: 'paid', bankReference: 'Q-2' }] },
    });
    expect(await ids(`/v1/payout-batches?programmeId=${programme.id}&status=settled`)).toEqual([approved.id]);
    expect(await ids(`/v1/payout-batches?programmeId=${programme.id}&status=approved`)).toEqual([]);
    expect((await call('GET', '/v1/payout-batches?programmeId=nope', { as: finance })).status).toBe(400);
  });

  it('is for finance and auditors, and asks for a known status', async () => {
    expect((await call('GET', '/v1/payout-batches?status=approved', { as: officer })).status).toBe(403);
    expect((await call('GET', '/v1/payout-batches?status=approved', { as: { role: 'applicant', sub: 'queue-applicant' } })).status).toBe(403);
    expect((await call('GET', '/v1/payout-batches?status=approved')).status).toBe(401);
    const missing = await call('GET', '/v1/payout-batches', { as: finance });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', '/v1/payout-batches?status=paid', { as: finance })).status).toBe(400);
  });

  it('pages with a cursor that only this list accepts', async () => {
    const programme = await openProgramme();
    const claims = await payableClaims(programme.id, 2);
    for (const { claim } of claims) await preparedBatch(programme.id, [claim]);
    const first = await call('GET', '/v1/payout-batches?status=pending_approval&limit=1', { as: finance });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call('GET', `/v1/payout-batches?status=pending_approval&limit=1&cursor=${first.body.nextCursor}`, { as: finance });
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const elsewhere = await call('GET', `/v1/payout-batches?status=approved&limit=1&cursor=${first.body.nextCursor}`, { as: finance });
    expect(elsewhere.status).toBe(400);
  });
});

describe('what waits for a second finance user', () => {
  it('lists a bank confirmation above the threshold as pending until a second person confirms it', async () => {
    const programme = await openProgramme({ budgetFen: 100_000_000, amountRule: { type: 'fixed', amountFen: 2_000_000 } });
    const claim = (await payableClaims(programme.id, 1))[0]!.claim;
    const batch = await approvedBatch(programme.id, [claim]);
    const recorded = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: [{ claimId: claim.id, status: 'paid', bankReference: 'Q-2' }] },
    });
    expect(recorded.status).toBe(202);
    expect(await ids('/v1/bank-confirmations?status=pending')).toContain(recorded.body.id);
    expect(await ids('/v1/bank-confirmations?status=pending', auditor)).toContain(recorded.body.id);
    expect((await call('GET', '/v1/bank-confirmations?status=pending', { as: finance })).body.makerCheckerAboveFen).toBe(1_000_000);
    expect((await call('GET', '/v1/bank-confirmations?status=pending', { as: officer })).status).toBe(403);

    expect((await call('POST', `/v1/bank-confirmations/${recorded.body.id}/approval`, { as: finance3, headers: idem() })).status).toBe(200);
    expect(await ids('/v1/bank-confirmations?status=pending')).not.toContain(recorded.body.id);
    expect(await ids('/v1/bank-confirmations?status=approved')).toContain(recorded.body.id);
    expect((await call('GET', '/v1/bank-confirmations?status=refused', { as: finance })).status).toBe(400);

    // The reversal of that payment above the threshold: pending, then refused by a second person.
    const entryId = (await call('GET', `/v1/ledger?programmeId=${programme.id}`, { as: finance })).body.items[0].id;
    const requested = await call('POST', `/v1/ledger/${entryId}/reversal`, {
      as: finance,
      headers: idem(),
      body: { amountFen: 1_500_000, reason: '多付追回' },
    });
    expect(requested.status).toBe(202);
    expect(await ids('/v1/reversal-requests?status=pending')).toContain(requested.body.id);
    expect((await call('GET', '/v1/reversal-requests?status=pending', { as: officer })).status).toBe(403);
    const refused = await call('POST', `/v1/reversal-requests/${requested.body.id}/refusal`, { as: finance2, body: { reason: '金额有误' } });
    expect(refused.status).toBe(200);
    expect(await ids('/v1/reversal-requests?status=pending')).not.toContain(requested.body.id);
    expect(await ids('/v1/reversal-requests?status=refused', auditor)).toContain(requested.body.id);

    const again = await call('POST', `/v1/ledger/${entryId}/reversal`, { as: finance, headers: idem(), body: { amountFen: 1_200_000, reason: '多付追回' } });
    expect((await call('POST', `/v1/reversal-requests/${again.body.id}/confirmation`, { as: finance2, headers: idem() })).status).toBe(200);
    expect(await ids('/v1/reversal-requests?status=confirmed')).toContain(again.body.id);
    expect(await ids('/v1/reversal-requests?status=pending')).not.toContain(again.body.id);
  });
});

describe('the ledger as CSV', () => {
  it('holds every entry of the programme in order, with its running totals, for finance and auditors', async () => {
    const programme = await openProgramme({ amountRule: { type: 'fixed', amountFen: 250_050 } });
    const first = await paidClaim(programme.id);
    await paidClaim(programme.id);
    const reversed = await call('POST', `/v1/ledger/${first.entryId}/reversal`, {
      as: finance,
      headers: idem(),
      body: { amountFen: 50_000, reason: '=多付追回' },
    });
    expect(reversed.status).toBe(201);
    const res = await call('GET', `/v1/ledger/export.csv?programmeId=${programme.id}`, { as: auditor });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(`ledger-${programme.id}.csv`);
    const [header, ...rows] = (res.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe(
      'sequence,at,kind,claimId,batchId,amountYuan,bankReference,reversesEntryId,reason,runningPaidYuan,runningReversedYuan,runningNetYuan,entryId,by',
    );
    expect(rows.map((row) => row.split(',').slice(0, 1).concat(row.split(',').slice(2, 3), row.split(',').slice(5, 6), row.split(',').slice(9, 12)))).toEqual([
      ['1', 'payment', '2500.50', '2500.50', '0.00', '2500.50'],
      ['2', 'payment', '2500.50', '5001.00', '0.00', '5001.00'],
      ['3', 'reversal', '-500.00', '5001.00', '500.00', '4501.00'],
    ]);
    // A reason that looks like a formula is defused for spreadsheets.
    expect(rows[2]).toContain(",'=多付追回,");
    expect(rows[0]).toContain(first.entryId);

    const json = await call('GET', `/v1/ledger?programmeId=${programme.id}&limit=100`, { as: finance });
    expect(json.body.items.map((e: { id: string }) => e.id)).toEqual(rows.map((row) => row.split(',')[12]));
  });

  it('takes the period in Beijing-time days, and refuses other roles and an unknown programme', async () => {
    const programme = await openProgramme();
    await paidClaim(programme.id);
    const none = await call('GET', `/v1/ledger/export.csv?programmeId=${programme.id}&to=2000-01-01`, { as: finance });
    expect(none.status).toBe(200);
    expect((none.body as string).trim().split('\r\n')).toHaveLength(1);
    expect((await call('GET', `/v1/ledger/export.csv?programmeId=${programme.id}`, { as: officer })).status).toBe(403);
    expect((await call('GET', '/v1/ledger/export.csv?programmeId=prg_00000000000000000000000000', { as: finance })).status).toBe(404);
    expect((await call('GET', '/v1/ledger/export.csv', { as: finance })).status).toBe(400);
  });
});
