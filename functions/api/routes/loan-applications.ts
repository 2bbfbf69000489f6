import { operatingMonthsOf } from '../../../shared/businesses';
import { dayOf, now } from '../../../shared/clock';
import { defineRoute, reply } from '../../../shared/http/route';
import type { BusinessLookup } from '../../../shared/loan-desk';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { getLoanPolicy, putLoanPolicy } from '../../../shared/loan-desk';
import {
  BankDecision,
  Guarantee,
  IssueLoan,
  LoanApplication,
  LoanApplicationQuery,
  LoanDefault,
  LoanExtension,
  LoanPolicy,
  LoanRecovery,
  LoanRepayment,
  PutLoanPolicy,
  SubmitLoanApplication,
} from '../../../shared/loan-desk';
import {
  certify,
  extendLoan,
  getApplication,
  issueLoan,
  listApplications,
  recordBankDecision,
  recordDefault,
  recordGuarantee,
  recordRecovery,
  recordRepayment,
  submitApplication,
} from '../../../shared/loan-desk';

const tags = ['Guaranteed loan desk'];
/** A startup's registered business, for a small enterprise's loan (the businesses module sits above the loan desk). */
const businessOf: BusinessLookup = async (startupId) => (await operatingMonthsOf(startupId, dayOf(now()))).business;
const id = idParam('lap');

export const loanApplicationRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/settings/loan-policy',
    operationId: 'getLoanPolicy',
    summary: 'The guaranteed-loan policy: caps, terms, priority groups and loans per person, versioned by the issue date they apply from',
    tags,
    access: 'signed-in',
    responses: { 200: { description: 'The policy (version 0: the defaults, Sichuan’s rules)', schema: LoanPolicy } },
    handler: async ({ c }) => {
      const policy = await getLoanPolicy();
      return reply(c, policy, 200, policy.version);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/v1/settings/loan-policy',
    operationId: 'putLoanPolicy',
    summary: 'Replace the versions of the loan policy (If-Match the version read), audited',
    tags,
    access: ['finance'],
    ifMatch: true,
    body: PutLoanPolicy,
    responses: { 200: { description: 'The policy', schema: LoanPolicy } },
    handler: async ({ c, ctx, body, expectedVersion }) => {
      const policy = await putLoanPolicy(ctx, body, expectedVersion);
      return reply(c, policy, 200, policy.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loan-applications',
    operationId: 'submitLoanApplication',
    summary: 'Apply for a guaranteed startup loan as an individual (an applicant themselves, or an officer for them)',
    tags,
    access: ['applicant', 'officer'],
    body: SubmitLoanApplication,
    responses: { 201: { description: 'Submitted', schema: LoanApplication } },
    handler: async ({ c, ctx, body }) => {
      const application = await submitApplication(ctx, body);
      return reply(c, application, 201, application.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/loan-applications',
    operationId: 'listLoanApplications',
    summary: 'Loan applications of a person or in a state (applicants: their own)',
    tags,
    access: ['applicant', 'officer', 'finance', 'auditor'],
    query: listQuery(LoanApplicationQuery.shape),
    responses: { 200: { description: 'A page of applications', schema: pageOf(LoanApplication) } },
    handler: async ({ c, ctx, query: { applicantId, status, ...page } }) => reply(c, await listApplications(ctx, { applicantId, status }, page)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/loan-applications/{id}',
    operationId: 'getLoanApplication',
    summary: 'One loan application (applicants: their own)',
    tags,
    access: ['applicant', 'officer', 'finance', 'auditor'],
    params: id,
    responses: { 200: { description: 'The application', schema: LoanApplication } },
    handler: async ({ c, ctx, params }) => {
      const application = await getApplication(ctx, params.id);
      return reply(c, application, 200, application.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loan-applications/{id}/certification',
    operationId: 'certifyLoanApplication',
    summary: 'The centre certifies eligibility: priority group, caps and loans per person under today’s policy',
    tags,
    access: ['officer'],
    params: id,
    responses: { 200: { description: 'Certified', schema: LoanApplication } },
    handler: async ({ c, ctx, params }) => reply(c, await certify(ctx, params.id, businessOf)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loan-applications/{id}/bank-decision',
    operationId: 'recordLoanBankDecision',
    summary: 'Record the bank’s decision and reference',
    tags,
    access: ['officer'],
    params: id,
    body: BankDecision,
    responses: { 200: { description: 'Recorded', schema: LoanApplication } },
    handler: async ({ c, ctx, params, body }) => reply(c, await recordBankDecision(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loan-applications/{id}/guarantee',
    operationId: 'recordLoanGuarantee',
    summary: 'Record the guarantee (the guarantee fund or a government guarantor, with any counter-guarantee)',
    tags,
    access: ['officer'],
    params: id,
    body: Guarantee,
    responses: { 200: { description: 'Guaranteed', schema: LoanApplication } },
    handler: async ({ c, ctx, params, body }) => reply(c, await recordGuarantee(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loan-applications/{id}/issue',
    operationId: 'issueGuaranteedLoan',
    summary: 'Record the loan issued (principal, rate, start date, term, schedule); caps of the issue date, loans per person counted',
    tags,
    access: ['officer'],
    params: id,
    body: IssueLoan,
    responses: { 200: { description: 'Issued', schema: LoanApplication } },
    handler: async ({ c, ctx, params, body }) => reply(c, await issueLoan(ctx, params.id, body, businessOf)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loan-applications/{id}/repayments',
    operationId: 'recordGuaranteedLoanRepayment',
    summary: 'Record a repayment; the loan is closed with its whole principal',
    tags,
    access: ['officer', 'finance'],
    params: id,
    body: LoanRepayment,
    responses: { 200: { description: 'The application after the repayment', schema: LoanApplication } },
    handler: async ({ c, ctx, params, body }) => reply(c, await recordRepayment(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loan-applications/{id}/extension',
    operationId: 'extendGuaranteedLoan',
    summary: 'Record an extension (展期) of an issued or overdue loan with its new end: once, within the policy’s months',
    tags,
    access: ['officer'],
    params: id,
    body: LoanExtension,
    responses: { 200: { description: 'Extended', schema: LoanApplication } },
    handler: async ({ c, ctx, params, body }) => reply(c, await extendLoan(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loan-applications/{id}/default',
    operationId: 'recordGuaranteedLoanDefault',
    summary: 'An overdue loan defaults: record the guarantor’s compensation (代偿) to the bank',
    tags,
    access: ['officer'],
    params: id,
    body: LoanDefault,
    responses: { 200: { description: 'Defaulted', schema: LoanApplication } },
    handler: async ({ c, ctx, params, body }) => reply(c, await recordDefault(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loan-applications/{id}/recoveries',
    operationId: 'recordGuaranteedLoanRecovery',
    summary: 'Record what was recovered (追偿) against a defaulted loan’s compensation; all of it makes the loan recovered',
    tags,
    access: ['officer', 'finance'],
    params: id,
    body: LoanRecovery,
    responses: { 200: { description: 'The application after the recovery', schema: LoanApplication } },
    handler: async ({ c, ctx, params, body }) => reply(c, await recordRecovery(ctx, params.id, body)),
  }),
];
