import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { guaranteedApplication, loanApplication, loanIssue, YUAN } from '../support/loan-desk';
import { getItem } from '../../shared/db/items';
import { statsKeys } from '../../shared/reports/counters';
import { auditor, finance, officer, registeredApplicant, startupOf } from '../support/subsidies';

const application = loanApplication;
const issue = loanIssue;
const guaranteed = (person: Awaited<ReturnType<typeof registeredApplicant>>, overrides: Record<string, unknown> = {}) =>
  guaranteedApplication(person, overrides);

describe('the guaranteed-loan desk', () => {
  it('takes an individual loan through every step to closed, each step audited', async () => {
    const person = await registeredApplicant();
    const id = await guaranteed(person);
    const issued = await call('POST', `/v1/loan-applications/${id}/issue`, { as: officer, body: issue() });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body).toMatchObject({ status: 'issued', loan: { principalFen: 30_000_000, endDate: '2028-04-01' } });
    const part = await call('POST', `/v1/loan-applications/${id}/repayments`, {
      as: finance,
      body: { paidOn: '2025-05-01', principalFen: 0, interestFen: 86_250 },
    });
    expect(part.body).toMatchObject({ status: 'issued', interestPaidFen: 86_250 });
    const over = await call('POST', `/v1/loan-applications/${id}/repayments`, {
      as: finance,
      body: { paidOn: '2028-04-01', principalFen: 30_000_001, interestFen: 0 },
    });
    expect(over.body.code).toBe('REPAYMENT_EXCEEDS_PRINCIPAL');
    const last = await call('POST', `/v1/loan-applications/${id}/repayments`, {
      as: finance,
      body: { paidOn: '2028-04-01', principalFen: 30_000_000, interestFen: 86_250 },
    });
    expect(last.body.status).toBe('closed');
    const after = await call('POST', `/v1/loan-applications/${id}/repayments`, {
      as: finance,
      body: { paidOn: '2028-04-02', principalFen: 0, interestFen: 1 },
    });
    expect(after.body.code).toBe('LOAN_APPLICATION_STATE');
    const audit = await call('GET', `/v1/audit?entityId=${id}&limit=50`, { as: auditor });
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    expect(audit.body.items.map((r: { action: string }) => r.action).sort()).toEqual(
      [
        'loanApplication.submitted',
        'loanApplication.certified',
        'loanApplication.bank_approved',
        'loanApplication.guaranteed',
        'loanApplication.issued',
        'loanApplication.repayment_recorded',
        'loanApplication.repayment_recorded',
      ].sort(),
    );
    // The borrower sees their own application; another applicant does not.
    expect((await call('GET', `/v1/loan-applications/${id}`, { as: person.as })).status).toBe(200);
    const stranger = await registeredApplicant();
    expect((await call('GET', `/v1/loan-applications/${id}`, { as: stranger.as })).status).toBe(404);
    expect((await call('GET', '/v1/loan-applications', { as: person.as })).body.items).toHaveLength(1);
  });

  it('keeps each step to its state and its role', async () => {
    const person = await registeredApplicant();
    const id = (await call('POST', '/v1/loan-applications', { as: person.as, body: application() })).body.id;
    expect((await call('POST', `/v1/loan-applications/${id}/certification`, { as: person.as })).status).toBe(403);
    expect((await call('POST', `/v1/loan-applications/${id}/issue`, { as: officer, body: issue() })).body.code).toBe('LOAN_APPLICATION_STATE');
    await call('POST', `/v1/loan-applications/${id}/certification`, { as: officer });
    const declined = await call('POST', `/v1/loan-applications/${id}/bank-decision`, {
      as: officer,
      body: { approved: false, bank: '成都农商银行', reference: 'CDRCB-NO-1', decidedOn: '2025-03-20' },
    });
    expect(declined.body.status).toBe('bank_declined');
    expect(
      (
        await call('POST', `/v1/loan-applications/${id}/guarantee`, {
          as: officer,
          body: { guarantorType: 'government_guarantor', guarantor: '四川省农业融资担保有限公司', guaranteedOn: '2025-03-25' },
        })
      ).body.code,
    ).toBe('LOAN_APPLICATION_STATE');
  });

  it('caps an individual loan by its issue date: 300,000 yuan before 2025-04-01, 500,000 and 3 years from it', async () => {
    const person = await registeredApplicant();
    const before = await guaranteed(person);
    const tooMuchBefore = await call('POST', `/v1/loan-applications/${before}/issue`, {
      as: officer,
      body: issue({ startDate: '2025-03-31', principalFen: 30_000_001 }),
    });
    expect(tooMuchBefore.status).toBe(422);
    expect(tooMuchBefore.body.rule).toBe('individualCap');
    expect(
      (await call('POST', `/v1/loan-applications/${before}/issue`, { as: officer, body: issue({ startDate: '2025-03-31', principalFen: 30_000_000 }) })).status,
    ).toBe(200);

    const from = await guaranteed(person);
    const tooLong = await call('POST', `/v1/loan-applications/${from}/issue`, { as: officer, body: issue({ principalFen: 50_000_000, termMonths: 37 }) });
    expect(tooLong.body.rule).toBe('individualTerm');
    const tooMuch = await call('POST', `/v1/loan-applications/${from}/issue`, { as: officer, body: issue({ principalFen: 50_000_001 }) });
    expect(tooMuch.body.code).toBe('PRINCIPAL_ABOVE_CERTIFIED');
    expect((await call('POST', `/v1/loan-applications/${from}/issue`, { as: officer, body: issue({ principalFen: 50_000_000 }) })).status).toBe(200);

    const asked = await call('POST', '/v1/loan-applications', { as: person.as, body: application({ amountFen: 50_000_001 }) });
    const refused = await call('POST', `/v1/loan-applications/${asked.body.id}/certification`, { as: officer });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('individualCap');
  });

  it('refuses a priority group the borrower is not registered in', async () => {
    const person = await registeredApplicant();
    const asked = await call('POST', '/v1/loan-applications', { as: person.as, body: application({ priorityGroup: 'college_graduate' }) });
    const refused = await call('POST', `/v1/loan-applications/${asked.body.id}/certification`, { as: officer });
    expect(refused.body.rule).toBe('priorityGroup');
  });

  it('issues at most 3 loans to a person over time, however many are issued at once; the fourth is refused at certification', async () => {
    const person = await registeredApplicant();
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await guaranteed(person, { amountFen: 100_000 * YUAN }));
    const results = await Promise.all(
      ids.map((id) => call('POST', `/v1/loan-applications/${id}/issue`, { as: officer, body: issue({ principalFen: 100_000 * YUAN }) })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    for (const r of results.filter((r) => r.status !== 200)) expect(r.body.rule, JSON.stringify(r.body)).toBe('maxLoansPerPerson');
    const fourth = await call('POST', '/v1/loan-applications', { as: person.as, body: application() });
    const refused = await call('POST', `/v1/loan-applications/${fourth.body.id}/certification`, { as: officer });
    expect(refused.body.rule).toBe('maxLoansPerPerson');
  });

  it('keeps the loan policy as date-versioned settings, changed by finance with If-Match and audited', async () => {
    const read = await call('GET', '/v1/settings/loan-policy', { as: officer });
    expect(read.body.version).toBe(0);
    expect(read.body.versions.map((v: { appliesFrom: string; individualCapFen: number }) => [v.appliesFrom, v.individualCapFen])).toEqual([
      ['2000-01-01', 30_000_000],
      ['2025-04-01', 50_000_000],
    ]);
    const versions = [
      ...read.body.versions,
      { ...read.body.versions[1], appliesFrom: '2028-01-01', individualCapFen: 20_000_000, requiresTrainingCertificate: true },
    ];
    expect((await call('PUT', '/v1/settings/loan-policy', { as: officer, body: { versions }, headers: { 'if-match': '"0"' } })).status).toBe(403);
    expect((await call('PUT', '/v1/settings/loan-policy', { as: finance, body: { versions } })).status).toBe(428);
    const put = await call('PUT', '/v1/settings/loan-policy', { as: finance, body: { versions }, headers: { 'if-match': '"0"' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await call('PUT', '/v1/settings/loan-policy', { as: finance, body: { versions }, headers: { 'if-match': '"0"' } })).status).toBe(412);
    const audit = await call('GET', '/v1/audit?entityId=loan-policy', { as: auditor });
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(['settings.loan_policy_updated']);

    // A loan issued under the 2028 version: the lower cap and the training certificate apply.
    const person = await registeredApplicant();
    const id = await guaranteed(person);
    const refused = await call('POST', `/v1/loan-applications/${id}/issue`, {
      as: officer,
      body: issue({ startDate: '2028-01-01', principalFen: 20_000_000 }),
    });
    expect(refused.body.rule).toBe('requiresTrainingCertificate');
    const capped = await call('POST', `/v1/loan-applications/${id}/issue`, { as: officer, body: issue({ startDate: '2028-01-01', principalFen: 20_000_001 }) });
    expect(capped.body.rule).toBe('individualCap');
  });
});

describe('a loan of the desk and the older loan records', () => {
  it('counts a loan once in the report: issued through the desk, not again when typed in as a startup’s loan', async () => {
    const person = await registeredApplicant();
    const startup = await startupOf(person);
    const stranger = await startupOf(await registeredApplicant());
    expect((await call('POST', '/v1/loan-applications', { as: person.as, body: application({ startupId: stranger.id }) })).status).toBe(404);
    const asked = await call('POST', '/v1/loan-applications', { as: person.as, body: application({ startupId: startup.id, amountFen: 200_000 * YUAN }) });
    expect(asked.body.startupId).toBe(startup.id);
    const id = asked.body.id as string;
    await call('POST', `/v1/loan-applications/${id}/certification`, { as: officer });
    await call('POST', `/v1/loan-applications/${id}/bank-decision`, {
      as: officer,
      body: { approved: true, bank: '成都农商银行', reference: 'CDRCB-ONCE-1', decidedOn: '2027-06-20' },
    });
    await call('POST', `/v1/loan-applications/${id}/guarantee`, {
      as: officer,
      body: { guarantorType: 'government_guarantor', guarantor: '四川省农业融资担保有限公司', guaranteedOn: '2027-06-25' },
    });
    const issued = await call('POST', `/v1/loan-applications/${id}/issue`, {
      as: officer,
      body: issue({ startDate: '2027-07-01', principalFen: 200_000 * YUAN, termMonths: 24 }),
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const typedIn = await call('POST', '/v1/loans', {
      as: officer,
      body: {
        startupId: startup.id,
        bank: '成都农商银行',
        guarantor: '四川省农业融资担保有限公司',
        principalFen: 200_000 * YUAN,
        annualRateBp: 345,
        termMonths: 24,
        startDate: '2027-07-01',
      },
    });
    expect(typedIn.status).toBe(201);
    const stats = await getItem<Record<string, number>>(statsKeys.item('2027-07'));
    expect(stats).toMatchObject({ loans_issued: 1, loans_principal_fen: 200_000 * YUAN });
  });
});
