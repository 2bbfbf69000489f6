import { describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { call } from '../support/api';
import { auditor, finance, officer, registeredApplicant, startupOf } from '../support/subsidies';

const loanInput = (startupId: string, overrides: Record<string, unknown> = {}) => ({
  startupId,
  bank: '成都农商银行',
  guarantor: '天府新区创业担保中心',
  principalFen: 5_000_000,
  annualRateBp: 435,
  termMonths: 24,
  startDate: '2032-04-02',
  ...overrides,
});

describe('small guaranteed loans', () => {
  it('records a loan and lists it by startup, without counting it in the report (the loan desk’s issued loans are the one source)', async () => {
    const startup = await startupOf(await registeredApplicant());
    const res = await call('POST', '/v1/loans', { as: officer, body: loanInput(startup.id) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'active', repaidPrincipalFen: 0, interestPaidFen: 0 });
    const list = await call('GET', `/v1/loans?startupId=${startup.id}`, { as: auditor });
    expect(list.body.items.map((l: { id: string }) => l.id)).toEqual([res.body.id]);
    const stats = (
      await db.send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk = :sk',
          ExpressionAttributeValues: { ':pk': 'STATS#ALL', ':sk': '2032-04' },
        }),
      )
    ).Items![0];
    expect(stats?.loans_issued).toBeUndefined();
    expect(stats?.loans_principal_fen).toBeUndefined();
  });

  it('refuses a loan above the loan desk’s caps of its start date: 300,000 yuan before 2025-04-01, 500,000 and 36 months from it', async () => {
    const startup = await startupOf(await registeredApplicant());
    const record = (overrides: Record<string, unknown>) => call('POST', '/v1/loans', { as: officer, body: loanInput(startup.id, overrides) });
    const before = await record({ startDate: '2025-03-31', principalFen: 30_000_001 });
    expect(before.status).toBe(422);
    expect(before.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'individualCap' });
    expect((await record({ startDate: '2025-03-31', principalFen: 30_000_000 })).status).toBe(201);
    expect((await record({ startDate: '2025-04-01', principalFen: 50_000_001 })).body.rule).toBe('individualCap');
    expect((await record({ startDate: '2025-04-01', principalFen: 50_000_000, termMonths: 37 })).body.rule).toBe('individualTerm');
    expect((await record({ startDate: '2025-04-01', principalFen: 50_000_000, termMonths: 36 })).status).toBe(201);
  });

  it('is recorded by officers only, for a startup that exists', async () => {
    const startup = await startupOf(await registeredApplicant());
    expect((await call('POST', '/v1/loans', { as: finance, body: loanInput(startup.id) })).status).toBe(403);
    expect((await call('POST', '/v1/loans', { as: officer, body: loanInput('stp_01JD3Z7K8M9N0P1Q2R3S4T5V6W') })).status).toBe(404);
  });

  it('becomes repaid with its whole principal, and refuses over-repayment and later repayments', async () => {
    const startup = await startupOf(await registeredApplicant());
    const loan = (await call('POST', '/v1/loans', { as: officer, body: loanInput(startup.id) })).body;
    const part = await call('POST', `/v1/loans/${loan.id}/repayments`, {
      as: officer,
      body: { paidOn: '2032-05-02', principalFen: 4_999_999, interestFen: 18_000 },
    });
    expect(part.body).toMatchObject({ status: 'active', repaidPrincipalFen: 4_999_999, interestPaidFen: 18_000 });
    const over = await call('POST', `/v1/loans/${loan.id}/repayments`, { as: officer, body: { paidOn: '2032-06-02', principalFen: 2, interestFen: 0 } });
    expect(over.body.code).toBe('REPAYMENT_EXCEEDS_PRINCIPAL');
    const last = await call('POST', `/v1/loans/${loan.id}/repayments`, { as: officer, body: { paidOn: '2032-06-02', principalFen: 1, interestFen: 100 } });
    expect(last.body.status).toBe('repaid');
    expect(
      (await call('POST', `/v1/loans/${loan.id}/repayments`, { as: officer, body: { paidOn: '2032-07-02', principalFen: 0, interestFen: 1 } })).body.code,
    ).toBe('LOAN_NOT_ACTIVE');
    expect((await call('POST', `/v1/loans/${loan.id}/default`, { as: officer })).body.code).toBe('LOAN_NOT_ACTIVE');
  });

  it('keeps parallel repayments within the principal', async () => {
    const startup = await startupOf(await registeredApplicant());
    const loan = (await call('POST', '/v1/loans', { as: officer, body: loanInput(startup.id, { principalFen: 1_000_000 }) })).body;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call('POST', `/v1/loans/${loan.id}/repayments`, { as: officer, body: { paidOn: '2032-05-02', principalFen: 30_000, interestFen: 10 } }),
      ),
    );
    const ok = results.filter((r) => r.status === 200).length;
    expect(ok).toBe(33);
    const after = (await call('GET', `/v1/loans/${loan.id}`, { as: auditor })).body;
    expect(after.repaidPrincipalFen).toBe(990_000);
    expect(after.interestPaidFen).toBe(330);
  });

  it('marks an active loan defaulted', async () => {
    const startup = await startupOf(await registeredApplicant());
    const loan = (await call('POST', '/v1/loans', { as: officer, body: loanInput(startup.id) })).body;
    const res = await call('POST', `/v1/loans/${loan.id}/default`, { as: officer });
    expect(res.body.status).toBe('defaulted');
  });
});
