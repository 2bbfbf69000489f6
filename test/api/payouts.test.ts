import { afterEach, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { call } from '../support/api';
import {
  approvedBatch,
  auditor,
  bankAccount,
  finance,
  finance2,
  finance3,
  idem,
  officer,
  openProgramme,
  ownBankAccount,
  paidClaim,
  passDisclosure,
  payableClaim,
  payableClaims,
  preparedBatch,
  publishedNotice,
  registeredApplicant,
  startupOf,
  verifiedClaim,
} from '../support/subsidies';

afterEach(() => useRealClock());

// Maker-checker of bank confirmations and reversals has its own tests (maker-checker.test.ts): here
// the threshold is out of the way, so confirmations of several lines book at once.
process.env.FUHUA_MAKER_CHECKER_ABOVE_FEN = String(1e12);

const totalsOf = async (programmeId: string) => (await call('GET', `/v1/programmes/${programmeId}`, { as: finance })).body.totals;

async function ledgerOf(programmeId: string) {
  const res = await call('GET', `/v1/ledger?programmeId=${programmeId}&limit=100`, { as: auditor });
  return res.body;
}

describe('payout batches', () => {
  it('takes a claim only once its disclosure notice has closed (24:00 Beijing time of the last working day)', async () => {
    const programme = await openProgramme();
    // Wednesday 1 July 2026, 10:00 in Beijing: five working days are 2, 3, 6, 7 and 8 July.
    useFixedClock('2026-07-01T02:00:00Z');
    const { claim } = await verifiedClaim(programme.id);
    const body = { programmeId: programme.id, claimIds: [claim.id], declaredCount: 1, declaredTotalFen: claim.amountFen };
    useFixedClock('2026-07-20T02:00:00Z');
    expect((await call('POST', '/v1/payout-batches', { as: finance, headers: idem(), body })).body.code).toBe('CLAIM_NOT_PAYABLE');
    useFixedClock('2026-07-01T02:00:00Z');
    const notice = await publishedNotice(programme.id, [claim]);
    expect(notice).toMatchObject({ firstDay: '2026-07-02', lastDay: '2026-07-08', closesAt: '2026-07-08T16:00:00.000Z' });
    useFixedClock('2026-07-08T15:59:59Z');
    const early = await call('POST', '/v1/payout-batches', { as: finance, headers: idem(), body });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('CLAIM_NOT_PAYABLE');
    useFixedClock('2026-07-08T16:00:00Z');
    expect((await call('POST', '/v1/payout-batches', { as: finance, headers: idem(), body })).status).toBe(201);
  });

  it('does not pay a claim with an open objection, even after the window', async () => {
    const programme = await openProgramme();
    useFixedClock('2026-07-01T02:00:00Z');
    const { claim } = await verifiedClaim(programme.id);
    await publishedNotice(programme.id, [claim]);
    expect((await call('POST', `/v1/public/disclosures/${claim.id}/objections`, { body: { reason: '申请材料存在问题' } })).status).toBe(201);
    useFixedClock('2026-07-20T00:00:00Z');
    const res = await call('POST', '/v1/payout-batches', {
      as: finance,
      headers: idem(),
      body: { programmeId: programme.id, claimIds: [claim.id], declaredCount: 1, declaredTotalFen: claim.amountFen },
    });
    expect(res.body.code).toBe('CLAIM_NOT_PAYABLE');
  });

  it('refuses control totals that do not match the claims', async () => {
    const programme = await openProgramme();
    const { claim } = await payableClaim(programme.id);
    const { claim: other } = await payableClaim(programme.id);
    const wrongTotal = await call('POST', '/v1/payout-batches', {
      as: finance,
      headers: idem(),
      body: { programmeId: programme.id, claimIds: [claim.id, other.id], declaredCount: 2, declaredTotalFen: 1_999_999 },
    });
    expect(wrongTotal.status).toBe(422);
    expect(wrongTotal.body.code).toBe('CONTROL_TOTALS_MISMATCH');
    const wrongCount = await call('POST', '/v1/payout-batches', {
      as: finance,
      headers: idem(),
      body: { programmeId: programme.id, claimIds: [claim.id, other.id], declaredCount: 1, declaredTotalFen: 2_000_000 },
    });
    expect(wrongCount.body.code).toBe('CONTROL_TOTALS_MISMATCH');
  });

  it('keeps a claim out of a second open batch, even when two are prepared at once', async () => {
    const programme = await openProgramme();
    const { claim } = await payableClaim(programme.id);
    const body = { programmeId: programme.id, claimIds: [claim.id], declaredCount: 1, declaredTotalFen: claim.amountFen };
    const results = await Promise.all(Array.from({ length: 10 }, () => call('POST', '/v1/payout-batches', { as: finance, headers: idem(), body })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'CLAIM_IN_OPEN_BATCH')).toBe(true);
  });

  it('refuses more than 97 claims in one batch (the transaction limit)', async () => {
    const programme = await openProgramme();
    const ids = Array.from(
      { length: 98 },
      (_, i) =>
        `clm_01JD3Z7K8M9N0P1Q2R3S4T5V${String(i)
          .padStart(2, '0')
          .replace(/\d/g, (d) => 'ABCDEFGHJK'[Number(d)]!)}`,
    );
    const res = await call('POST', '/v1/payout-batches', {
      as: finance,
      headers: idem(),
      body: { programmeId: programme.id, claimIds: ids, declaredCount: 98, declaredTotalFen: 98 },
    });
    expect(res.status).toBe(400);
  });
});

describe('the list of batches as CSV', () => {
  it('gives finance and auditors the batches of one status, one line each, and nobody else', async () => {
    const programme = await openProgramme({ name: `创业担保补贴-${Date.now()}`, amountRule: { type: 'fixed', amountFen: 123_456 } });
    const { claim } = await payableClaim(programme.id);
    const batch = await preparedBatch(programme.id, [claim], finance);
    const exportOf = (status: string, as = auditor) => call('GET', `/v1/payout-batches/export.csv?status=${status}`, { as });
    const pending = await exportOf('pending_approval');
    expect(pending.status).toBe(200);
    expect(pending.headers.get('content-type')).toContain('text/csv');
    expect(pending.headers.get('content-disposition')).toContain('payout-batches-pending_approval.csv');
    const lines = (pending.body as string).replace(/\r\n$/, '').split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFid,programmeId,programmeName,programmeKind,status,claimCount,totalYuan,approvalsRequired,approvalsGiven,approvedBy,approvedAt,confirmedCount,preparedBy,preparedAt,cancelledBy,cancelledAt,cancellationReason',
    );
    const line = lines.find((l) => l.startsWith(`${batch.id},`));
    expect(line).toBeDefined();
    expect(line).toContain(`,${programme.id},${programme.name},`);
    expect(line).toContain(',pending_approval,1,1234.56,1,0,,,0,');
    // Approved, it leaves the pending list and is in the approved one, with its approver.
    expect((await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance2, headers: idem() })).status).toBe(200);
    expect((await exportOf('pending_approval', finance)).body).not.toContain(batch.id);
    const approved = (await exportOf('approved', finance)).body as string;
    expect(approved.split('\r\n').find((l) => l.startsWith(`${batch.id},`))).toContain(`,approved,1,1234.56,1,1,${finance2.sub},`);
    // One status at a time, a known one; staff of other duties and applicants are refused.
    expect((await call('GET', '/v1/payout-batches/export.csv', { as: auditor })).status).toBe(400);
    expect((await exportOf('paid')).status).toBe(400);
    expect((await exportOf('approved', officer)).status).toBe(403);
    expect((await exportOf('approved', { role: 'applicant' })).status).toBe(403);
  });
});

describe('approval', () => {
  it('forbids the preparer to approve their own batch', async () => {
    const programme = await openProgramme();
    const { claim } = await payableClaim(programme.id);
    const batch = await preparedBatch(programme.id, [claim], finance);
    const self = await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance, headers: idem() });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SELF_APPROVAL');
    const other = await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance2, headers: idem() });
    expect(other.status).toBe(200);
    expect(other.body.status).toBe('approved');
    const trail = await call('GET', `/v1/audit?entityId=${batch.id}`, { as: auditor });
    expect(trail.body.items[0].event).toEqual({
      type: 'PayoutBatchApproved',
      data: { batchId: batch.id, programmeId: programme.id, totalFen: claim.amountFen, claimCount: 1 },
    });
    expect((await totalsOf(programme.id)).committedFen).toBe(claim.amountFen);
  });

  it('needs two distinct approvers above 500,000 yuan, one at exactly 500,000', async () => {
    const at = await openProgramme({ budgetFen: 200_000_000, amountRule: { type: 'fixed', amountFen: 50_000_000 } });
    const { claim } = await payableClaim(at.id);
    const atLimit = await preparedBatch(at.id, [claim]);
    expect(atLimit.approvalsRequired).toBe(1);
    const above = await openProgramme({ budgetFen: 200_000_000, amountRule: { type: 'fixed', amountFen: 50_000_001 } });
    const { claim: big } = await payableClaim(above.id);
    const batch = await preparedBatch(above.id, [big]);
    expect(batch.approvalsRequired).toBe(2);
    const first = await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance2, headers: idem() });
    expect(first.body.status).toBe('pending_approval');
    expect((await totalsOf(above.id)).committedFen).toBe(0);
    const twice = await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance2, headers: idem() });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_APPROVED');
    const second = await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance3, headers: idem() });
    expect(second.body.status).toBe('approved');
    expect((await totalsOf(above.id)).committedFen).toBe(50_000_001);
  });

  it('approves a batch that uses the budget to the last fen, and refuses one fen more', async () => {
    const programme = await openProgramme({ budgetFen: 2_000_000 });
    const claims = await payableClaims(programme.id, 3);
    const first = await approvedBatch(programme.id, [claims[0]!.claim, claims[1]!.claim]);
    expect(first.status).toBe('approved');
    expect((await totalsOf(programme.id)).remainingFen).toBe(0);
    const over = await preparedBatch(programme.id, [claims[2]!.claim]);
    const refused = await call('POST', `/v1/payout-batches/${over.id}/approval`, { as: finance2, headers: idem() });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('BUDGET_EXCEEDED');
  });

  it('approves exactly what fits in the budget when 50 batches are approved at once', async () => {
    // 50 batches of 1,000,000 fen against a budget of 20,500,000: 20 fit, 30 do not.
    const programme = await openProgramme({ budgetFen: 20_500_000 });
    const claims = await payableClaims(programme.id, 50);
    const batches = await Promise.all(claims.map(({ claim }) => preparedBatch(programme.id, [claim])));
    const results = await Promise.all(batches.map((b) => call('POST', `/v1/payout-batches/${b.id}/approval`, { as: finance2, headers: idem() })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(20);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.map((r) => r.body.code)).toEqual(Array(30).fill('BUDGET_EXCEEDED'));
    const totals = await totalsOf(programme.id);
    expect(totals.committedFen).toBe(20_000_000);
    expect(totals.remainingFen).toBe(500_000);
  });
});

describe('cancellation', () => {
  it('cancels a batch refused for budget and frees its claims for another batch', async () => {
    const programme = await openProgramme({ budgetFen: 1_500_000 });
    const { claim: a } = await payableClaim(programme.id);
    const { claim: b } = await payableClaim(programme.id);
    const both = await preparedBatch(programme.id, [a, b]);
    const refused = await call('POST', `/v1/payout-batches/${both.id}/approval`, { as: finance2, headers: idem() });
    expect(refused.body.code).toBe('BUDGET_EXCEEDED');
    // The body is strict even where it is optional: an unknown field is refused, not dropped.
    const unknown = await call('POST', `/v1/payout-batches/${both.id}/cancellation`, { as: finance, body: { reason: 'over budget', note: 'x' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'body' })]));
    const cancelled = await call('POST', `/v1/payout-batches/${both.id}/cancellation`, { as: finance, body: { reason: '预算不足 over budget' } });
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body).toMatchObject({ cancellationReason: '预算不足 over budget', cancelledBy: finance.sub ?? expect.any(String) });
    expect((await call('GET', `/v1/payout-batches/${both.id}`, { as: auditor })).body.cancellationReason).toBe('预算不足 over budget');
    const trail = await call('GET', `/v1/audit?entityId=${both.id}`, { as: auditor });
    const entry = trail.body.items.find((item: { action: string }) => item.action === 'payoutBatch.cancelled');
    expect(JSON.stringify(entry)).toContain('预算不足 over budget');
    expect((await call('GET', `/v1/claims/${a.id}`, { as: officer })).body.status).toBe('verified');
    expect((await call('POST', `/v1/payout-batches/${both.id}/approval`, { as: finance2, headers: idem() })).body.code).toBe('BATCH_NOT_PENDING');
    const one = await approvedBatch(programme.id, [a]);
    expect(one.status).toBe('approved');
    expect((await call('POST', `/v1/payout-batches/${one.id}/cancellation`, { as: finance })).body.code).toBe('BATCH_NOT_PENDING');
  });

  it('accepts a cancellation with no body or an empty one', async () => {
    const programme = await openProgramme();
    const { claim: a } = await payableClaim(programme.id);
    const first = await preparedBatch(programme.id, [a]);
    expect((await call('POST', `/v1/payout-batches/${first.id}/cancellation`, { as: finance, body: {} })).body.status).toBe('cancelled');
    const second = await preparedBatch(programme.id, [a]);
    const bare = await call('POST', `/v1/payout-batches/${second.id}/cancellation`, { as: finance });
    expect(bare.status).toBe(200);
    expect(bare.body.cancellationReason).toBeUndefined();
  });
});

describe('confirmations and the ledger', () => {
  it('writes one ledger entry per paid line; a failed line releases its commitment and waits for a corrected account', async () => {
    const programme = await openProgramme();
    const { claim: a } = await payableClaim(programme.id);
    const { claim: b } = await payableClaim(programme.id);
    const batch = await approvedBatch(programme.id, [a, b]);
    // In a batch, the account is what the bank file carries: the claimant cannot change it now.
    const batched = await call('GET', `/v1/claims/${b.id}`, { as: officer });
    const inBatch = await call('PUT', `/v1/claims/${b.id}/bank-account`, {
      as: { role: 'applicant', sub: batched.body.applicantUserId },
      body: ownBankAccount(),
      headers: { 'if-match': batched.headers.get('etag')! },
    });
    expect(inBatch.status).toBe(409);
    expect(inBatch.body).toMatchObject({ code: 'ACCOUNT_NOT_CORRECTABLE', currentStatus: 'batched' });
    expect(
      (
        await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
          as: finance,
          body: { lines: [{ claimId: a.id, status: 'paid', bankReference: 'X1' }] },
        })
      ).status,
    ).toBe(400);
    const res = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: {
        lines: [
          { claimId: a.id, status: 'paid', bankReference: 'BK-001' },
          { claimId: b.id, status: 'failed', bankReference: 'BK-002' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.batch.status).toBe('settled');
    expect(res.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['paid', 'failed']);
    expect(await totalsOf(programme.id)).toEqual({ budgetFen: 10_000_000, committedFen: 0, paidFen: 1_000_000, reversedFen: 0, remainingFen: 9_000_000 });
    expect((await call('GET', `/v1/claims/${a.id}`, { as: officer })).body).toMatchObject({ status: 'paid', ledgerEntryId: res.body.lines[0].ledgerEntryId });
    const failed = await call('GET', `/v1/claims/${b.id}`, { as: officer });
    expect(failed.body).toMatchObject({ status: 'payment_failed', paymentFailure: { bankReference: 'BK-002', batchId: batch.id } });
    expect(failed.body.batchId).toBeUndefined();
    const ledger = await ledgerOf(programme.id);
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0]).toMatchObject({
      kind: 'payment',
      amountFen: 1_000_000,
      claimId: a.id,
      sequence: 1,
      runningPaidFen: 1_000_000,
      runningNetFen: 1_000_000,
    });
    const trail = await call('GET', `/v1/audit?entityId=${ledger.items[0].id}`, { as: auditor });
    expect(trail.body.items[0].event).toEqual({
      type: 'LedgerEntryWritten',
      data: { entryId: ledger.items[0].id, programmeId: programme.id, claimId: a.id, kind: 'payment', amountFen: 1_000_000 },
    });
    // Not batched again until the claimant corrects the account; then it goes into a new batch.
    const refused = await call('POST', '/v1/payout-batches', {
      as: finance,
      headers: idem(),
      body: { programmeId: programme.id, claimIds: [b.id], declaredCount: 1, declaredTotalFen: b.amountFen },
    });
    expect(refused.body).toMatchObject({ code: 'CLAIM_NOT_PAYABLE', currentStatus: 'payment_failed' });
    const claimant = (await call('GET', `/v1/claims/${b.id}`, { as: officer })).body.applicantUserId;
    const corrected = await call('PUT', `/v1/claims/${b.id}/bank-account`, {
      as: { role: 'applicant', sub: claimant },
      body: { ...bankAccount, accountNumber: '6228480402564899999' },
      headers: { 'if-match': failed.headers.get('etag')! },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ status: 'verified', bankAccount: { accountNumberMasked: '****9999' } });
    const retry = await approvedBatch(programme.id, [b]);
    expect(retry.status).toBe('approved');
  });

  it('counts payments in the month’s report counters, by programme kind', async () => {
    const startupProgramme = await openProgramme();
    useFixedClock('2031-03-15T10:00:00Z');
    const { entryId } = await paidClaim(startupProgramme.id);
    await call('POST', `/v1/ledger/${entryId}/reversal`, { as: finance, headers: idem(), body: { amountFen: 250_000, reason: '重复发放部分追回' } });
    const stats = (
      await db.send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk = :sk',
          ExpressionAttributeValues: { ':pk': 'STATS#ALL', ':sk': '2031-03' },
        }),
      )
    ).Items![0]!;
    expect(stats).toMatchObject({
      payments: 1,
      paid_fen: 1_000_000,
      payments__startup_subsidy: 1,
      paid_fen__startup_subsidy: 1_000_000,
      reversed_fen: 250_000,
      reversed_fen__startup_subsidy: 250_000,
    });
  });

  it('counts the founder of a business paid an entity subsidy once in founders_supported', async () => {
    const programme = await openProgramme({ kind: 'entity_subsidy', name: '创业实体补贴', eligibility: { requiresCreditCode: true } });
    const founder = await registeredApplicant();
    const business = await startupOf(founder, { status: 'graduated', creditCode: '91510100MA6CTEST01' });
    useFixedClock('2033-09-10T10:00:00Z');
    const submitted = await call('POST', '/v1/claims', { as: founder.as, body: { programmeId: programme.id, bankAccount, startupId: business.id } });
    expect(submitted.status).toBe(201);
    const claim = (await call('POST', `/v1/claims/${submitted.body.id}/verification`, { as: officer, body: { decision: 'verify' } })).body;
    await passDisclosure(programme.id, [claim]);
    const batch = await approvedBatch(programme.id, [claim]);
    const res = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: [{ claimId: claim.id, status: 'paid', bankReference: 'ENT-1' }] },
    });
    expect(res.status).toBe(200);
    const stats = (
      await db.send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk = :sk',
          ExpressionAttributeValues: { ':pk': 'STATS#ALL', ':sk': '2033-09' },
        }),
      )
    ).Items![0]!;
    expect(stats).toMatchObject({ founders_supported: 1, payments__entity_subsidy: 1, paid_fen__entity_subsidy: 1_000_000 });
  });

  it('gives 20 replays of one confirmation exactly one ledger entry', async () => {
    const programme = await openProgramme();
    const { claim } = await payableClaim(programme.id);
    const batch = await approvedBatch(programme.id, [claim]);
    const headers = idem();
    const body = { lines: [{ claimId: claim.id, status: 'paid', bankReference: 'BK-REPLAY' }] };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call('POST', `/v1/payout-batches/${batch.id}/confirmations`, { as: finance, headers, body })),
    );
    // One confirmation is booked and its answer stored with the key; every other request is answered with it.
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    // And 20 more with fresh keys: the ledger itself refuses to pay twice.
    const fresh = await Promise.all(
      Array.from({ length: 20 }, () => call('POST', `/v1/payout-batches/${batch.id}/confirmations`, { as: finance, headers: idem(), body })),
    );
    expect(fresh.every((r) => r.status === 200 && r.body.lines[0].alreadyRecorded === true)).toBe(true);
    const ledger = await ledgerOf(programme.id);
    expect(ledger.items).toHaveLength(1);
    expect(ledger.totals).toMatchObject({ paidFen: 1_000_000, committedFen: 0 });
  });

  it('pays once when 20 confirmations with different keys arrive at the same moment', async () => {
    const programme = await openProgramme();
    const { claim } = await payableClaim(programme.id);
    const batch = await approvedBatch(programme.id, [claim]);
    const body = { lines: [{ claimId: claim.id, status: 'paid', bankReference: 'BK-PARALLEL' }] };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call('POST', `/v1/payout-batches/${batch.id}/confirmations`, { as: finance, headers: idem(), body })),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok.filter((r) => r.body.lines[0].alreadyRecorded === false)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.code === 'CONCURRENT_UPDATE')).toBe(true);
    const ledger = await ledgerOf(programme.id);
    expect(ledger.items).toHaveLength(1);
    expect(ledger.totals).toMatchObject({ paidFen: 1_000_000, committedFen: 0 });
  });

  it('refuses confirmations of a batch that is not approved, and lines of claims not in it', async () => {
    const programme = await openProgramme();
    const { claim } = await payableClaim(programme.id);
    const { claim: outsider } = await payableClaim(programme.id);
    const batch = await preparedBatch(programme.id, [claim]);
    const early = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: [{ claimId: claim.id, status: 'paid', bankReference: 'B' }] },
    });
    expect(early.body.code).toBe('BATCH_NOT_APPROVED');
    await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance2, headers: idem() });
    const stranger = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: [{ claimId: outsider.id, status: 'paid', bankReference: 'B' }] },
    });
    expect(stranger.body.code).toBe('CLAIM_NOT_IN_BATCH');
    await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: [{ claimId: claim.id, status: 'paid', bankReference: 'B' }] },
    });
    const contradict = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: [{ claimId: claim.id, status: 'failed', bankReference: 'B' }] },
    });
    expect(contradict.body.code).toBe('LINE_ALREADY_CONFIRMED');
  });

  it('exports the bank file of an approved batch: the full account number in the bank’s column only, yuan amounts', async () => {
    const programme = await openProgramme({ amountRule: { type: 'fixed', amountFen: 123_456 } });
    const account = ownBankAccount();
    const { claim } = await payableClaim(programme.id, { bankAccount: account });
    const batch = await preparedBatch(programme.id, [claim]);
    expect((await call('GET', `/v1/payout-batches/${batch.id}/export.csv`, { as: finance })).body.code).toBe('BATCH_NOT_APPROVED');
    await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance2, headers: idem() });
    const res = await call('GET', `/v1/payout-batches/${batch.id}/export.csv`, { as: finance });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (res.body as string).replace(/\r\n$/, '').split('\r\n');
    expect(lines[0]).toBe('\uFEFFclaimId,bankName,accountName,accountNumber,amountYuan');
    expect(lines[1]).toBe(`${claim.id},${account.bankName},${account.accountName},${account.accountNumber},1234.56`);
    expect((res.body as string).split(account.accountNumber)).toHaveLength(2);
    expect((await call('GET', `/v1/payout-batches/${batch.id}/export.csv`, { as: auditor })).status).toBe(403);
  });
});

describe('reversals', () => {
  it('writes a negative entry, frees budget, and never reverses more than was paid', async () => {
    const programme = await openProgramme();
    const { entryId } = await paidClaim(programme.id);
    const part = await call('POST', `/v1/ledger/${entryId}/reversal`, { as: finance, headers: idem(), body: { amountFen: 400_000, reason: '部分追回' } });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ kind: 'reversal', amountFen: -400_000, reversesEntryId: entryId, runningNetFen: 600_000 });
    const over = await call('POST', `/v1/ledger/${entryId}/reversal`, { as: finance, headers: idem(), body: { amountFen: 600_001, reason: '超额追回' } });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('REVERSAL_EXCEEDS_ENTRY');
    expect(
      (await call('POST', `/v1/ledger/${entryId}/reversal`, { as: finance, headers: idem(), body: { amountFen: 600_000, reason: '余额追回' } })).status,
    ).toBe(201);
    const ofReversal = await call('POST', `/v1/ledger/${part.body.id}/reversal`, {
      as: finance,
      headers: idem(),
      body: { amountFen: 1, reason: '冲销的冲销' },
    });
    expect(ofReversal.body.code).toBe('NOT_REVERSIBLE');
    expect(await totalsOf(programme.id)).toMatchObject({ paidFen: 1_000_000, reversedFen: 1_000_000, remainingFen: 10_000_000 });
  });

  it('lets 50 parallel reversals take no more than the original in total', async () => {
    const programme = await openProgramme();
    const { entryId } = await paidClaim(programme.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call('POST', `/v1/ledger/${entryId}/reversal`, { as: finance, headers: idem(), body: { amountFen: 30_000, reason: '并发追回' } }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(33);
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.code === 'REVERSAL_EXCEEDS_ENTRY')).toBe(true);
    const ledger = await ledgerOf(programme.id);
    const reversed = ledger.items.filter((e: { kind: string }) => e.kind === 'reversal').reduce((s: number, e: { amountFen: number }) => s - e.amountFen, 0);
    expect(reversed).toBe(990_000);
    expect(ledger.totals.reversedFen).toBe(990_000);
    expect(ledger.items.map((e: { sequence: number }) => e.sequence)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
  });

  it('has no route that edits or deletes a ledger entry', async () => {
    const programme = await openProgramme();
    const { entryId } = await paidClaim(programme.id);
    for (const method of ['PATCH', 'PUT', 'DELETE']) expect((await call(method, `/v1/ledger/${entryId}`, { as: finance, body: {} })).status).toBe(404);
  });
});
