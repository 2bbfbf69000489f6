import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { runJob } from '../../functions/schedules/jobs';
import { call } from '../support/api';
import { issuedLoan } from '../support/loan-desk';
import { auditor, finance, officer, registeredApplicant } from '../support/subsidies';

afterEach(() => useRealClock());

const job = (at: string) => runJob('mark-overdue-loans', { requestId: `test-overdue-${at}-${Math.random()}`, now: new Date(at) });
const read = async (id: string) => (await call('GET', `/v1/loan-applications/${id}`, { as: officer })).body;
const repay = (id: string, paidOn: string, principalFen = 0) =>
  call('POST', `/v1/loan-applications/${id}/repayments`, { as: finance, body: { paidOn, principalFen, interestFen: 86_250 } });

describe('an issued guaranteed loan', () => {
  it('falls due monthly and is overdue only the day after the last day of grace (30 days, Beijing time)', async () => {
    const id = await issuedLoan(await registeredApplicant(), { startDate: '2025-04-01', termMonths: 12 });
    expect(await read(id)).toMatchObject({ status: 'issued', nextDueDate: '2025-05-01', graceEndsOn: '2025-05-31', instalmentsSettled: 0 });
    // 23:59 on 2025-05-31 in Beijing: the last day of grace.
    await job('2025-05-31T15:59:00.000Z');
    expect((await read(id)).status).toBe('issued');
    // 00:00 on 2025-06-01 in Beijing: the day after.
    const summary = await job('2025-05-31T16:00:00.000Z');
    expect(summary.marked).toBeGreaterThanOrEqual(1);
    expect(await read(id)).toMatchObject({ status: 'overdue', overduePeriods: [{ dueDate: '2025-05-01', from: '2025-06-01' }] });
    // Running again changes nothing.
    expect(await job('2025-06-01T16:30:00.000Z')).toEqual({ marked: 0 });
    const audit = await call('GET', `/v1/audit?entityId=${id}&limit=50`, { as: auditor });
    expect(audit.body.items.filter((r: { action: string }) => r.action === 'loanApplication.overdue')).toHaveLength(1);

    // A repayment catches up: the next instalment (2025-06-01) is still within its grace, so the loan is issued again.
    useFixedClock('2025-06-05T02:00:00.000Z');
    const caught = await repay(id, '2025-06-05');
    expect(caught.status, JSON.stringify(caught.body)).toBe(200);
    expect(caught.body).toMatchObject({
      status: 'issued',
      nextDueDate: '2025-06-01',
      graceEndsOn: '2025-07-01',
      overduePeriods: [{ dueDate: '2025-05-01', from: '2025-06-01', to: '2025-06-05' }],
    });
  });

  it('paid on time is never overdue; the instalment after is due a month later', async () => {
    const id = await issuedLoan(await registeredApplicant(), { startDate: '2025-04-01', termMonths: 12 });
    useFixedClock('2025-05-01T02:00:00.000Z');
    expect((await repay(id, '2025-05-01')).body).toMatchObject({ status: 'issued', nextDueDate: '2025-06-01', graceEndsOn: '2025-07-01' });
    useRealClock();
    await job('2025-06-30T16:00:00.000Z');
    expect((await read(id)).status).toBe('issued');
    await job('2025-07-01T16:00:00.000Z');
    expect((await read(id)).status).toBe('overdue');
  });

  it('is extended once, by at most the policy’s 12 months, with its new end recorded', async () => {
    const id = await issuedLoan(await registeredApplicant(), { startDate: '2025-04-01', termMonths: 12 });
    const extend = (newEndDate: string) =>
      call('POST', `/v1/loan-applications/${id}/extension`, {
        as: officer,
        body: { newEndDate, approvedOn: '2026-03-01', reason: '受灾经营困难，银行同意展期' },
      });
    expect((await call('POST', `/v1/loan-applications/${id}/extension`, { as: finance, body: {} })).status).toBe(403);
    expect((await extend('2026-04-01')).body.code).toBe('EXTENSION_NOT_LATER');
    const tooLong = await extend('2027-04-02');
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.rule).toBe('maxExtensionMonths');
    const extended = await extend('2027-04-01');
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    expect(extended.body).toMatchObject({
      loan: { endDate: '2027-04-01' },
      extension: { previousEndDate: '2026-04-01', newEndDate: '2027-04-01', by: officer.sub },
    });
    expect((await extend('2027-03-01')).body.code).toBe('LOAN_ALREADY_EXTENDED');
  });

  it('defaults only when overdue: the guarantor’s compensation, then recoveries up to it', async () => {
    const id = await issuedLoan(await registeredApplicant(), { startDate: '2025-04-01', termMonths: 12, principalFen: 100_000_00 });
    const defaultBody = (principalFen: number) => ({ compensatedOn: '2025-09-01', principalFen, interestFen: 20_000, reason: '借款人失联，担保基金代偿' });
    const early = await call('POST', `/v1/loan-applications/${id}/default`, { as: officer, body: defaultBody(100_000_00) });
    expect(early.body.code).toBe('LOAN_APPLICATION_STATE');
    await job('2025-06-01T16:00:00.000Z');
    expect((await call('POST', `/v1/loan-applications/${id}/default`, { as: officer, body: defaultBody(100_000_01) })).body.code).toBe(
      'COMPENSATION_EXCEEDS_PRINCIPAL',
    );
    const defaulted = await call('POST', `/v1/loan-applications/${id}/default`, { as: officer, body: defaultBody(100_000_00) });
    expect(defaulted.status, JSON.stringify(defaulted.body)).toBe(200);
    expect(defaulted.body).toMatchObject({ status: 'defaulted', compensation: { principalFen: 100_000_00, interestFen: 20_000 }, recoveredFen: 0 });
    expect((await repay(id, '2025-09-02')).body.code).toBe('LOAN_APPLICATION_STATE');
    const recover = (amountFen: number) =>
      call('POST', `/v1/loan-applications/${id}/recoveries`, { as: finance, body: { recoveredOn: '2025-12-01', amountFen, source: '反担保人代为清偿' } });
    expect((await recover(50_000_00)).body).toMatchObject({ status: 'defaulted', recoveredFen: 50_000_00 });
    expect((await recover(50_200_01)).body.code).toBe('RECOVERY_EXCEEDS_COMPENSATION');
    expect((await recover(50_200_00)).body).toMatchObject({ status: 'recovered', recoveredFen: 100_200_00 });
    const audit = await call('GET', `/v1/audit?entityId=${id}&limit=50`, { as: auditor });
    const actions = audit.body.items.map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['loanApplication.overdue', 'loanApplication.defaulted', 'loanApplication.recovery_recorded']));
  });
});
