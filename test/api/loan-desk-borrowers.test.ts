import { describe, expect, it } from 'vitest';
import { submitBusinessWrite } from '../../shared/businesses/repository';
import type { Business } from '../../shared/businesses/schema';
import { transact } from '../../shared/db/write';
import { createJobReportWrite } from '../../shared/startups/repository';
import { businessRecord } from '../support/businesses';
import { call } from '../support/api';
import { loanApplication, loanIssue, YUAN } from '../support/loan-desk';
import { officer, registeredApplicant, startupOf } from '../support/subsidies';

/** A founder's startup with a registered enterprise and a verified job report (employees, of whom priority-group hires). */
async function enterprise(employees: number, priorityGroupEmployed: number, overrides: Partial<Business> = {}) {
  const founder = await registeredApplicant();
  const startup = await startupOf(founder, { creditCode: undefined });
  const at = new Date().toISOString();
  await transact([
    submitBusinessWrite(
      businessRecord(startup.id, { entityType: 'enterprise', name: '成都测试科技有限公司', registeredOn: '2024-06-15', ...overrides }),
      undefined,
    ),
    createJobReportWrite({
      startupId: startup.id,
      month: '2025-02',
      employees,
      collegeGraduatesEmployed: 0,
      priorityGroupEmployed,
      status: 'verified',
      evidenceReference: '2025年2月社保缴费清单',
      verifiedBy: 'officer-2',
      verifiedAt: at,
      reportedBy: founder.as.sub!,
      createdAt: at,
      updatedAt: at,
      version: 1,
    }),
  ]);
  return { founder, startup };
}

/** Submitted, certified, approved by the bank and guaranteed; the issue is the test's. */
async function readyToIssue(as: import('../support/api').As, body: Record<string, unknown>) {
  const submitted = await call('POST', '/v1/loan-applications', { as, body: loanApplication(body) });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const id = submitted.body.id as string;
  const certified = await call('POST', `/v1/loan-applications/${id}/certification`, { as: officer });
  if (certified.status !== 200) return { id, refused: certified };
  await call('POST', `/v1/loan-applications/${id}/bank-decision`, {
    as: officer,
    body: { approved: true, bank: '成都银行', reference: `CDB-${id.slice(-6)}`, decidedOn: '2025-03-20' },
  });
  const guaranteed = await call('POST', `/v1/loan-applications/${id}/guarantee`, {
    as: officer,
    body: { guarantorType: 'government_guarantor', guarantor: '成都中小企业融资担保有限责任公司', guaranteedOn: '2025-03-25' },
  });
  expect(guaranteed.status, JSON.stringify(guaranteed.body)).toBe(200);
  return { id };
}
const issue = (id: string, terms: Record<string, unknown>) => call('POST', `/v1/loan-applications/${id}/issue`, { as: officer, body: loanIssue(terms) });

describe('small-enterprise borrowers', () => {
  it('borrow up to 6,000,000 yuan for 2 years from 2025-04-01, and 4,000,000 before', async () => {
    const { founder, startup } = await enterprise(20, 3);
    const asked = { borrowerType: 'small_enterprise', startupId: startup.id, amountFen: 6_000_000 * YUAN, termMonths: 24 };
    const before = await readyToIssue(founder.as, asked);
    const over = await issue(before.id, { startDate: '2025-03-31', principalFen: 4_000_000 * YUAN + 1, termMonths: 24 });
    expect(over.status).toBe(422);
    expect(over.body.rule).toBe('smallEnterpriseCap');
    expect((await issue(before.id, { startDate: '2025-03-31', principalFen: 4_000_000 * YUAN, termMonths: 24 })).status).toBe(200);

    const from = await readyToIssue(founder.as, asked);
    expect((await issue(from.id, { startDate: '2025-04-01', principalFen: 6_000_000 * YUAN, termMonths: 25 })).body.rule).toBe('smallEnterpriseTerm');
    const issued = await issue(from.id, { startDate: '2025-04-01', principalFen: 6_000_000 * YUAN, termMonths: 24 });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.borrowerType).toBe('small_enterprise');
    const tooMuch = await readyToIssue(founder.as, { ...asked, amountFen: 6_000_000 * YUAN + 1 });
    expect(tooMuch.refused?.body.rule).toBe('smallEnterpriseCap');
  });

  it('must have hired people of the priority groups for 15 % of its staff (8 % above 100 staff), as verified', async () => {
    const asked = (startupId: string) => ({ borrowerType: 'small_enterprise', startupId, amountFen: 1_000_000 * YUAN, termMonths: 24 });
    // 3 of 20 is 15 %: enough; 2 of 20 is not.
    const enough = await enterprise(20, 3);
    expect((await readyToIssue(enough.founder.as, asked(enough.startup.id))).refused).toBeUndefined();
    const short = await enterprise(20, 2);
    expect((await readyToIssue(short.founder.as, asked(short.startup.id))).refused?.body.rule).toBe('priorityHires');
    // 120 staff: 10 (8.3 %) is enough, 9 (7.5 %) is not.
    const large = await enterprise(120, 10);
    expect((await readyToIssue(large.founder.as, asked(large.startup.id))).refused).toBeUndefined();
    const largeShort = await enterprise(120, 9);
    expect((await readyToIssue(largeShort.founder.as, asked(largeShort.startup.id))).refused?.body.rule).toBe('priorityHires');
    // A business not yet verified, or not an enterprise, does not borrow as one.
    const pending = await enterprise(20, 5, { status: 'submitted' });
    expect((await readyToIssue(pending.founder.as, asked(pending.startup.id))).refused?.body.rule).toBe('verifiedEnterprise');
    const shop = await enterprise(20, 5, { entityType: 'individual_business' });
    expect((await readyToIssue(shop.founder.as, asked(shop.startup.id))).refused?.body.rule).toBe('verifiedEnterprise');
    // Naming no startup is refused outright.
    expect((await call('POST', '/v1/loan-applications', { as: enough.founder.as, body: loanApplication({ borrowerType: 'small_enterprise' }) })).status).toBe(
      400,
    );
  });
});

describe('partnerships', () => {
  it('borrow up to 10 % above the sum of their partners’ individual caps, on each side of 2025-04-01', async () => {
    const founder = await registeredApplicant();
    const partner = await registeredApplicant();
    const startup = await startupOf(founder, {
      coFounders: [{ userId: partner.as.sub!, applicantId: partner.applicantId, addedBy: 'officer-1', addedAt: new Date().toISOString() }],
    });
    const asked = { borrowerType: 'partnership', startupId: startup.id, amountFen: 1_100_000 * YUAN, termMonths: 36 };
    // Two partners: 2 × 300,000 × 1.1 = 660,000 before; 2 × 500,000 × 1.1 = 1,100,000 from 2025-04-01.
    const before = await readyToIssue(founder.as, asked);
    expect((await issue(before.id, { startDate: '2025-03-31', principalFen: 660_000 * YUAN + 1 })).body.rule).toBe('partnershipCap');
    expect((await issue(before.id, { startDate: '2025-03-31', principalFen: 660_000 * YUAN })).status).toBe(200);
    const from = await readyToIssue(founder.as, asked);
    expect((await issue(from.id, { startDate: '2025-04-01', principalFen: 1_100_000 * YUAN })).status).toBe(200);
    const over = await readyToIssue(founder.as, { ...asked, amountFen: 1_100_000 * YUAN + 1 });
    expect(over.refused?.body.rule).toBe('partnershipCap');
    // One founder alone is no partnership.
    const alone = await registeredApplicant();
    const solo = await startupOf(alone);
    expect((await readyToIssue(alone.as, { ...asked, startupId: solo.id, amountFen: 100_000 * YUAN })).refused?.body.rule).toBe('partnership');
  });
});
