import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { Loan, LoanQuery, RecordLoan, RecordRepayment } from '../../../shared/loans';
import { getLoanById, listLoans, markLoanDefaulted, recordLoan, recordRepayment } from '../../../shared/loans';

const tags = ['Guaranteed loans'];

export const loanRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/loans',
    operationId: 'recordLoan',
    summary:
      'Record a small guaranteed loan granted to a startup: held to the loan desk’s caps of its start date, and not counted in the report’s loan counters (the loan desk’s issued loans are)',
    tags,
    access: ['officer'],
    body: RecordLoan,
    responses: { 201: { description: 'Recorded', schema: Loan } },
    handler: async ({ c, ctx, body }) => {
      const loan = await recordLoan(ctx, body);
      return reply(c, loan, 201, loan.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loans/{id}/repayments',
    operationId: 'recordLoanRepayment',
    summary: 'Record a repayment (principal and interest); the loan is repaid with its whole principal',
    tags,
    access: ['officer'],
    params: idParam('lon'),
    body: RecordRepayment,
    responses: { 200: { description: 'The loan after the repayment', schema: Loan } },
    handler: async ({ c, ctx, params, body }) => {
      const loan = await recordRepayment(ctx, params.id, body);
      return reply(c, loan, 200, loan.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loans/{id}/default',
    operationId: 'markLoanDefaulted',
    summary: 'Mark an active loan defaulted',
    tags,
    access: ['officer'],
    params: idParam('lon'),
    responses: { 200: { description: 'Defaulted', schema: Loan } },
    handler: async ({ c, ctx, params }) => {
      const loan = await markLoanDefaulted(ctx, params.id);
      return reply(c, loan, 200, loan.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/loans/{id}',
    operationId: 'getLoan',
    summary: 'One loan',
    tags,
    access: ['officer', 'finance', 'auditor'],
    params: idParam('lon'),
    responses: { 200: { description: 'The loan', schema: Loan } },
    handler: async ({ c, params }) => {
      const loan = await getLoanById(params.id);
      return reply(c, loan, 200, loan.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/loans',
    operationId: 'listLoans',
    summary: 'Loans of a startup',
    tags,
    access: ['officer', 'finance', 'auditor'],
    query: listQuery(LoanQuery.shape),
    responses: { 200: { description: 'A page of loans', schema: pageOf(Loan) } },
    handler: async ({ c, query: { startupId, ...page } }) => reply(c, await listLoans(startupId, page)),
  }),
];
