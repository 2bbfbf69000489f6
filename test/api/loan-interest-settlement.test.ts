import { afterEach, describe, expect, it } from 'vitest';
import { useRealClock } from '../../shared/clock';
import { runJob } from '../../functions/schedules/jobs';
import { call } from '../support/api';
import { issuedLoan, YUAN } from '../support/loan-desk';
import { approvedBatch, auditor, finance, idem, officer, openProgramme, passDisclosure, registeredApplicant } from '../support/subsidies';

afterEach(() => useRealClock());

const bank = { bankName: '成都农村商业银行', accountName: '成都农村商业银行股份有限公司', accountNumber: '510100000000000000001' };
const interestProgramme = () =>
  openProgramme({
    kind: 'loan_interest_subsidy',
    name: '创业担保贷款贴息',
    budgetFen: 10_000_000 * YUAN,
    amountRule: { type: 'interest_share', percent: 50, capFen: 10_000_000 },
  });
const settle = (programmeId: string, quarter: string, lines: unknown[]) =>
  call('POST', '/v1/loan-interest-settlements', { as: finance, headers: idem(), body: { programmeId, quarter, bankAccount: bank, lines } });

describe('the quarterly interest settlement with the bank', () => {
  it('subsidises 50 % of the interest on the first 300,000 yuan, and pays it to the bank through a batch of the ledger', async () => {
    const programme = await interestProgramme();
    const big = await issuedLoan(await registeredApplicant(), { principalFen: 500_000 * YUAN, startDate: '2025-04-01' });
    const small = await issuedLoan(await registeredApplicant(), { principalFen: 200_000 * YUAN, startDate: '2025-04-01' });
    const lines = [
      { applicationId: big, interestFen: 431_250, annualRateBp: 345 },
      { applicationId: small, interestFen: 172_500, annualRateBp: 345 },
    ];
    // The bank's CSV, previewed: nothing is written.
    const csv = `applicationId,interestFen,annualRateBp\n${big},431250,345\n${small},172500,345\n`;
    const preview = await call('POST', '/v1/loan-interest-settlements/preview', {
      as: finance,
      body: { programmeId: programme.id, quarter: '2025-Q3', bankAccount: bank, csv },
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    // 431,250 × 300,000 / 500,000 × 50 % = 129,375; the small loan's all of it: 172,500 × 50 %.
    expect(preview.body.lines.map((l: { outcome: string; subsidyFen: number }) => [l.outcome, l.subsidyFen])).toEqual([
      ['ok', 129_375],
      ['ok', 86_250],
    ]);
    expect(preview.body.subsidyFen).toBe(215_625);
    expect(
      (
        await call('POST', '/v1/loan-interest-settlements', {
          as: officer,
          headers: idem(),
          body: { programmeId: programme.id, quarter: '2025-Q3', bankAccount: bank, lines },
        })
      ).status,
    ).toBe(403);

    const entered = await settle(programme.id, '2025-Q3', lines);
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    const claims = await Promise.all(entered.body.claimIds.map(async (id: string) => (await call('GET', `/v1/claims/${id}`, { as: officer })).body));
    expect(claims.map((c) => [c.status, c.amountFen, c.bankAccount.accountName, c.bankSettlement.quarter])).toEqual([
      ['submitted', 129_375, bank.accountName, '2025-Q3'],
      ['submitted', 86_250, bank.accountName, '2025-Q3'],
    ]);
    // The rest is every claim's way: verification, disclosure, a batch by one finance user approved by another, the bank's confirmation.
    for (const claim of claims) {
      const verified = await call('POST', `/v1/claims/${claim.id}/verification`, { as: officer, body: { decision: 'verify' } });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    }
    await passDisclosure(programme.id, claims);
    const batch = await approvedBatch(programme.id, claims);
    const confirmed = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: claims.map((c) => ({ claimId: c.id, status: 'paid', bankReference: `CDRCB-TX-${c.id.slice(-6)}` })) },
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const ledger = await call('GET', `/v1/ledger?programmeId=${programme.id}`, { as: auditor });
    expect(ledger.body.items.map((e: { amountFen: number }) => e.amountFen).sort()).toEqual([129_375, 86_250].sort());
    const audit = await call('GET', `/v1/audit?entityId=${entered.body.settlementId}`, { as: auditor });
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(['loanInterestSettlement.entered']);
  });

  it('subsidises each loan-quarter once, however many entries of it arrive at once', async () => {
    const programme = await interestProgramme();
    const loan = await issuedLoan(await registeredApplicant(), { principalFen: 300_000 * YUAN, startDate: '2025-04-01' });
    const line = { applicationId: loan, interestFen: 258_750, annualRateBp: 345 };
    const results = await Promise.all(Array.from({ length: 6 }, () => settle(programme.id, '2025-Q4', [line])));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 201)) {
      expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.body.code).toBe('ALREADY_SUBSIDISED');
    }
    // The next quarter is its own.
    expect((await settle(programme.id, '2026-Q1', [line])).status).toBe(201);
  });

  it('answers every retry of one entry (one Idempotency-Key, sent 6 times at once) with the one settlement', async () => {
    const programme = await interestProgramme();
    const loan = await issuedLoan(await registeredApplicant(), { principalFen: 300_000 * YUAN, startDate: '2025-04-01' });
    const body = {
      programmeId: programme.id,
      quarter: '2025-Q4',
      bankAccount: bank,
      lines: [{ applicationId: loan, interestFen: 258_750, annualRateBp: 345 }],
    };
    const headers = idem();
    const results = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/v1/loan-interest-settlements', { as: finance, headers, body })));
    // The key is written in the settlement's own transaction: the one that committed answers, the others replay its answer.
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.body.settlementId)).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
  });

  it('refuses a quarter in which the loan was overdue or extended, with a stable code, and a quarter not yet ended', async () => {
    const programme = await interestProgramme();
    const late = await issuedLoan(await registeredApplicant(), { principalFen: 100_000 * YUAN, startDate: '2025-04-01', termMonths: 12 });
    // Due 2025-05-01, 30 days of grace: overdue from 2025-06-01 (the second quarter), and never caught up.
    await runJob('mark-overdue-loans', { requestId: 'test-settlement-overdue', now: new Date('2025-05-31T16:00:00.000Z') });
    const overdue = await settle(programme.id, '2025-Q2', [{ applicationId: late, interestFen: 86_250, annualRateBp: 345 }]);
    expect(overdue.status).toBe(422);
    expect(overdue.body).toMatchObject({ code: 'QUARTER_OVERDUE', applicationId: late });

    const extended = await issuedLoan(await registeredApplicant(), { principalFen: 100_000 * YUAN, startDate: '2024-04-01', termMonths: 24 });
    const extension = await call('POST', `/v1/loan-applications/${extended}/extension`, {
      as: officer,
      body: { newEndDate: '2027-01-01', approvedOn: '2026-03-15', reason: '受灾经营困难，银行同意展期' },
    });
    expect(extension.status, JSON.stringify(extension.body)).toBe(200);
    const line = { applicationId: extended, interestFen: 86_250, annualRateBp: 345 };
    // The loan ran to 2026-04-01: the first quarter of 2026 is its own term, the second is the extension's.
    const preview = await call('POST', '/v1/loan-interest-settlements/preview', {
      as: finance,
      body: { programmeId: programme.id, quarter: '2026-Q2', bankAccount: bank, lines: [line] },
    });
    expect(preview.body.lines[0].outcome).toBe('extended');
    expect((await settle(programme.id, '2026-Q2', [line])).body.code).toBe('QUARTER_EXTENDED');
    expect((await settle(programme.id, '2026-Q1', [line])).status).toBe(201);

    const future = await settle(programme.id, '2099-Q1', [line]);
    expect(future.body.code).toBe('QUARTER_NOT_ENDED');
    const rent = await openProgramme({ kind: 'rent_subsidy', amountRule: { type: 'rent_share', percent: 50, capFenPerMonth: 100_000 } });
    expect((await settle(rent.id, '2025-Q3', [line])).body.code).toBe('NOT_A_LOAN_INTEREST_PROGRAMME');
  });
});
