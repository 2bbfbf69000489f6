import { expect } from 'vitest';
import { call } from './api';
import { officer, type registeredApplicant } from './subsidies';

export const YUAN = 100;

export const loanApplication = (overrides: Record<string, unknown> = {}) => ({
  priorityGroup: 'returning_migrant_worker',
  amountFen: 500_000 * YUAN,
  termMonths: 36,
  purpose: '开办农家乐，购置厨房设备',
  otherLoans: { borrower: [], spouse: [{ lender: '成都农商银行', outstandingFen: 2_000_000 }] },
  ...overrides,
});

export const loanIssue = (overrides: Record<string, unknown> = {}) => ({
  principalFen: 300_000 * YUAN,
  annualRateBp: 345,
  startDate: '2025-04-01',
  termMonths: 36,
  schedule: 'interest_monthly_principal_at_end',
  ...overrides,
});

/** An application taken through certification, the bank and the guarantee: ready to issue. */
export async function guaranteedApplication(
  person: Awaited<ReturnType<typeof registeredApplicant>>,
  overrides: Record<string, unknown> = {},
  guarantee: Record<string, unknown> = { guarantorType: 'government_guarantor', guarantor: '四川省农业融资担保有限公司' },
): Promise<string> {
  const submitted = await call('POST', '/v1/loan-applications', { as: person.as, body: loanApplication(overrides) });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const id = submitted.body.id as string;
  const certified = await call('POST', `/v1/loan-applications/${id}/certification`, { as: officer });
  expect(certified.status, JSON.stringify(certified.body)).toBe(200);
  const bank = await call('POST', `/v1/loan-applications/${id}/bank-decision`, {
    as: officer,
    body: { approved: true, bank: '成都农商银行', reference: `CDRCB-${id.slice(-6)}`, decidedOn: '2025-03-20' },
  });
  expect(bank.body.status).toBe('bank_approved');
  const guaranteed = await call('POST', `/v1/loan-applications/${id}/guarantee`, {
    as: officer,
    body: { counterGuarantee: '自然人保证', guaranteedOn: '2025-03-25', ...guarantee },
  });
  expect(guaranteed.body.status, JSON.stringify(guaranteed.body)).toBe('guaranteed');
  return id;
}

/** An application issued with these loan terms. */
export async function issuedLoan(
  person: Awaited<ReturnType<typeof registeredApplicant>>,
  terms: Record<string, unknown> = {},
  guarantee?: Record<string, unknown>,
) {
  const id = await guaranteedApplication(person, {}, guarantee);
  const issued = await call('POST', `/v1/loan-applications/${id}/issue`, { as: officer, body: loanIssue(terms) });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return id;
}
