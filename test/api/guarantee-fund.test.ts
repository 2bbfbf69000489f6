import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { runJob } from '../../functions/schedules/jobs';
import { call } from '../support/api';
import { guaranteedApplication, issuedLoan, loanApplication, loanIssue, YUAN } from '../support/loan-desk';
import { auditor, finance, officer, registeredApplicant } from '../support/subsidies';

afterEach(() => useRealClock());

async function fund(depositYuan: number) {
  const opened = await call('POST', '/v1/guarantee-funds', { as: finance, body: { name: '天府新区创业担保基金' } });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  expect(opened.body).toMatchObject({ balanceFen: 0, multiple: 5, headroomFen: 0 });
  const id = opened.body.id as string;
  if (depositYuan > 0) {
    const deposit = await call('POST', `/v1/guarantee-funds/${id}/deposits`, {
      as: finance,
      body: { amountFen: depositYuan * YUAN, depositedOn: '2025-01-10', reference: '区财政注资' },
    });
    expect(deposit.status, JSON.stringify(deposit.body)).toBe(200);
  }
  return id;
}
const byFund = (fundId: string) => ({ guarantorType: 'guarantee_fund', guarantor: '天府新区创业担保基金', fundId });
const read = async (fundId: string) => (await call('GET', `/v1/guarantee-funds/${fundId}`, { as: auditor })).body;

/** An application certified and approved by the bank, ready for its guarantee. */
async function approved(person: Awaited<ReturnType<typeof registeredApplicant>>, amountYuan: number) {
  const submitted = await call('POST', '/v1/loan-applications', { as: person.as, body: loanApplication({ amountFen: amountYuan * YUAN }) });
  const id = submitted.body.id as string;
  expect((await call('POST', `/v1/loan-applications/${id}/certification`, { as: officer })).status).toBe(200);
  const bank = await call('POST', `/v1/loan-applications/${id}/bank-decision`, {
    as: officer,
    body: { approved: true, bank: '成都农商银行', reference: `CDRCB-${id.slice(-6)}`, decidedOn: '2025-03-20' },
  });
  expect(bank.body.status).toBe('bank_approved');
  return id;
}
const guarantee = (id: string, fundId: string) =>
  call('POST', `/v1/loan-applications/${id}/guarantee`, { as: officer, body: { ...byFund(fundId), guaranteedOn: '2025-03-25' } });

describe('the guarantee fund', () => {
  it('guarantees at most 5 times its balance, however many guarantees arrive at once', async () => {
    // 1,000,000 yuan paid in: 5,000,000 of loans; twelve of 500,000 asked at once, ten fit.
    const fundId = await fund(1_000_000);
    expect(await read(fundId)).toMatchObject({ balanceFen: 1_000_000 * YUAN, multiple: 5, headroomFen: 5_000_000 * YUAN, outstandingFen: 0 });
    const person = await registeredApplicant();
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await approved(person, 500_000));
    const results = await Promise.all(ids.map((id) => guarantee(id, fundId)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    for (const r of results.filter((r) => r.status !== 200)) {
      expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.body.code).toBe('GUARANTEE_FUND_MULTIPLE');
    }
    expect(await read(fundId)).toMatchObject({ outstandingFen: 5_000_000 * YUAN, headroomFen: 0 });
    const loans = await call('GET', `/v1/guarantee-funds/${fundId}/loans?limit=100`, { as: auditor });
    expect(loans.body.items).toHaveLength(10);

    // One yuan more in the fund is five yuan more of guarantees: not yet a 500,000 one.
    await call('POST', `/v1/guarantee-funds/${fundId}/deposits`, {
      as: finance,
      body: { amountFen: 99_999_99, depositedOn: '2025-03-26', reference: '追加注资' },
    });
    const refused = results.findIndex((r) => r.status !== 200);
    expect((await guarantee(ids[refused]!, fundId)).body.code).toBe('GUARANTEE_FUND_MULTIPLE');
    await call('POST', `/v1/guarantee-funds/${fundId}/deposits`, { as: finance, body: { amountFen: 1, depositedOn: '2025-03-26', reference: '追加注资' } });
    expect((await guarantee(ids[refused]!, fundId)).status).toBe(200);
  });

  it('frees headroom as principal is repaid or less is issued, and pays compensation out of its balance, recoveries back in', async () => {
    const fundId = await fund(200_000);
    const person = await registeredApplicant();
    const id = await guaranteedApplication(person, { amountFen: 300_000 * YUAN }, byFund(fundId));
    expect(await read(fundId)).toMatchObject({ outstandingFen: 300_000 * YUAN, headroomFen: 700_000 * YUAN });
    // Issued for less than guaranteed: the difference is released.
    expect(
      (await call('POST', `/v1/loan-applications/${id}/issue`, { as: officer, body: loanIssue({ principalFen: 200_000 * YUAN, termMonths: 12 }) })).status,
    ).toBe(200);
    expect(await read(fundId)).toMatchObject({ outstandingFen: 200_000 * YUAN, headroomFen: 800_000 * YUAN });
    useFixedClock('2025-05-01T02:00:00.000Z');
    await call('POST', `/v1/loan-applications/${id}/repayments`, {
      as: finance,
      body: { paidOn: '2025-05-01', principalFen: 50_000 * YUAN, interestFen: 57_500 },
    });
    expect(await read(fundId)).toMatchObject({ outstandingFen: 150_000 * YUAN, headroomFen: 850_000 * YUAN });
    useRealClock();
    await runJob('mark-overdue-loans', { requestId: 'test-fund-overdue', now: new Date('2025-07-01T16:00:00.000Z') });
    // The guarantor pays the bank the 150,000 owed and 5,000 of interest.
    const defaulted = await call('POST', `/v1/loan-applications/${id}/default`, {
      as: officer,
      body: { compensatedOn: '2025-09-01', principalFen: 150_000 * YUAN, interestFen: 5_000 * YUAN, reason: '借款人经营失败，基金代偿' },
    });
    expect(defaulted.status, JSON.stringify(defaulted.body)).toBe(200);
    // Balance 200,000 − 155,000 = 45,000; nothing outstanding; headroom 5 × 45,000.
    expect(await read(fundId)).toMatchObject({ balanceFen: 45_000 * YUAN, outstandingFen: 0, headroomFen: 225_000 * YUAN });
    await call('POST', `/v1/loan-applications/${id}/recoveries`, {
      as: finance,
      body: { recoveredOn: '2025-12-01', amountFen: 55_000 * YUAN, source: '处置反担保抵押物' },
    });
    expect(await read(fundId)).toMatchObject({ balanceFen: 100_000 * YUAN, headroomFen: 500_000 * YUAN });
    const entries = await call('GET', `/v1/guarantee-funds/${fundId}/entries`, { as: auditor });
    expect(entries.body.items.map((e: { kind: string; amountFen: number }) => [e.kind, e.amountFen])).toEqual([
      ['deposit', 200_000 * YUAN],
      ['compensation', -155_000 * YUAN],
      ['recovery', 55_000 * YUAN],
    ]);
    const audit = await call('GET', `/v1/audit?entityId=${fundId}&limit=50`, { as: auditor });
    expect(audit.body.items.map((r: { action: string }) => r.action).sort()).toEqual(
      ['guaranteeFund.created', 'guaranteeFund.deposit', 'guaranteeFund.compensation', 'guaranteeFund.recovery'].sort(),
    );
  });

  it('refuses a compensation larger than its balance', async () => {
    const fundId = await fund(10_000);
    const id = await guaranteedApplication(await registeredApplicant(), { amountFen: 50_000 * YUAN }, byFund(fundId));
    await call('POST', `/v1/loan-applications/${id}/issue`, { as: officer, body: loanIssue({ principalFen: 50_000 * YUAN, termMonths: 12 }) });
    await runJob('mark-overdue-loans', { requestId: 'test-fund-overdue-2', now: new Date('2025-06-01T16:00:00.000Z') });
    const refused = await call('POST', `/v1/loan-applications/${id}/default`, {
      as: officer,
      body: { compensatedOn: '2025-09-01', principalFen: 50_000 * YUAN, interestFen: 0, reason: '借款人失联，基金代偿' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('GUARANTEE_FUND_BALANCE');
    expect((await call('GET', `/v1/loan-applications/${id}`, { as: officer })).body.status).toBe('overdue');
  });

  it('reports last year’s on-time repayment rate and takes 10× at 90 %, 5× below it', async () => {
    // Ten instalments due in 2024: nine paid on their due date, one a day late (within grace).
    const good = await fund(100_000);
    const goodLoan = await issuedLoan(await registeredApplicant(), { startDate: '2024-01-15', termMonths: 12, principalFen: 100_000 * YUAN }, byFund(good));
    const below = await fund(100_000);
    const belowLoan = await issuedLoan(await registeredApplicant(), { startDate: '2024-01-15', termMonths: 12, principalFen: 100_000 * YUAN }, byFund(below));
    const pay = (id: string, paidOn: string) => {
      useFixedClock(`${paidOn}T02:00:00.000Z`);
      return call('POST', `/v1/loan-applications/${id}/repayments`, { as: finance, body: { paidOn, principalFen: 0, interestFen: 28_750 } });
    };
    for (let month = 2; month <= 11; month++) {
      const due = `2024-${String(month).padStart(2, '0')}-15`;
      const late = `2024-${String(month).padStart(2, '0')}-16`;
      expect((await pay(goodLoan, month === 6 ? late : due)).status).toBe(200);
      // The other fund's loan is late twice: 8 of 10.
      expect((await pay(belowLoan, month === 6 || month === 7 ? late : due)).status).toBe(200);
    }
    useFixedClock('2025-01-05T02:00:00.000Z');
    expect((await read(good)).lastYear).toEqual({ year: 2024, instalments: 10, onTime: 9, rateBp: 9000 });
    expect((await call('POST', `/v1/guarantee-funds/${good}/review`, { as: officer, body: { year: 2024 } })).status).toBe(403);
    expect((await call('POST', `/v1/guarantee-funds/${good}/review`, { as: finance, body: { year: 2025 } })).status).toBe(400);
    const reviewed = await call('POST', `/v1/guarantee-funds/${good}/review`, { as: finance, body: { year: 2024 } });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    // Balance 100,000 × 10 less the 100,000 outstanding.
    expect(reviewed.body).toMatchObject({ multiple: 10, headroomFen: 900_000 * YUAN, review: { year: 2024, rateBp: 9000 } });
    const stays = await call('POST', `/v1/guarantee-funds/${below}/review`, { as: finance, body: { year: 2024 } });
    expect(stays.body).toMatchObject({ multiple: 5, headroomFen: 400_000 * YUAN, review: { instalments: 10, onTime: 8, rateBp: 8000 } });
  });

  it('needs a fund named with guarantee_fund', async () => {
    const id = await approved(await registeredApplicant(), 100_000);
    const missing = await call('POST', `/v1/loan-applications/${id}/guarantee`, {
      as: officer,
      body: { guarantorType: 'guarantee_fund', guarantor: '天府新区创业担保基金', guaranteedOn: '2025-03-25' },
    });
    expect(missing.status).toBe(400);
    const unknown = await guarantee(id, 'gfd_01JD3Z7K8M9N0P1Q2R3S4T5V6W');
    expect(unknown.status).toBe(404);
  });
});
