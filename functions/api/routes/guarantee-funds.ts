import { createFund, getFund, listFundEntries, listFundLoans, listFunds, recordDeposit, reviewFund } from '../../../shared/loan-desk';
import { CreateGuaranteeFund, FundDeposit, FundEntry, FundLoan, FundReview, GuaranteeFund } from '../../../shared/loan-desk';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';

const tags = ['Guaranteed loan desk'];
const id = idParam('gfd');
const STAFF = ['officer', 'finance', 'auditor'] as const;

export const guaranteeFundRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/guarantee-funds',
    operationId: 'createGuaranteeFund',
    summary: 'Open a guarantee fund (担保基金): its balance bounds the loans it may guarantee',
    tags,
    access: ['finance'],
    body: CreateGuaranteeFund,
    responses: { 201: { description: 'Opened, with a balance of 0', schema: GuaranteeFund } },
    handler: async ({ c, ctx, body }) => {
      const fund = await createFund(ctx, body);
      return reply(c, fund, 201, fund.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/guarantee-funds',
    operationId: 'listGuaranteeFunds',
    summary: 'The guarantee funds',
    tags,
    access: [...STAFF],
    query: listQuery({}),
    responses: { 200: { description: 'A page of funds', schema: pageOf(GuaranteeFund) } },
    handler: async ({ c, query }) => reply(c, await listFunds(query)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/guarantee-funds/{id}',
    operationId: 'getGuaranteeFund',
    summary: 'A guarantee fund: balance, loans outstanding, multiple, headroom, and last year’s on-time repayment rate',
    tags,
    access: [...STAFF],
    params: id,
    responses: { 200: { description: 'The fund', schema: GuaranteeFund } },
    handler: async ({ c, ctx, params }) => {
      const fund = await getFund(ctx, params.id);
      return reply(c, fund, 200, fund.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/guarantee-funds/{id}/deposits',
    operationId: 'recordGuaranteeFundDeposit',
    summary: 'Record money paid into the fund (a ledger entry, audited)',
    tags,
    access: ['finance'],
    params: id,
    body: FundDeposit,
    responses: { 200: { description: 'The fund after the deposit', schema: GuaranteeFund } },
    handler: async ({ c, ctx, params, body }) => reply(c, await recordDeposit(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/guarantee-funds/{id}/review',
    operationId: 'reviewGuaranteeFundMultiple',
    summary: 'Set the fund’s multiple from a past year’s on-time repayment rate (10× at 90 % or more, else 5×: settings)',
    tags,
    access: ['finance'],
    params: id,
    body: FundReview,
    responses: { 200: { description: 'The fund with its new multiple and the rate it was set by', schema: GuaranteeFund } },
    handler: async ({ c, ctx, params, body }) => reply(c, await reviewFund(ctx, params.id, body.year)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/guarantee-funds/{id}/entries',
    operationId: 'listGuaranteeFundEntries',
    summary: 'The fund’s ledger: deposits, compensations and recoveries, by day',
    tags,
    access: [...STAFF],
    params: id,
    query: listQuery({}),
    responses: { 200: { description: 'A page of entries', schema: pageOf(FundEntry) } },
    handler: async ({ c, params, query }) => reply(c, await listFundEntries(params.id, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/guarantee-funds/{id}/loans',
    operationId: 'listGuaranteeFundLoans',
    summary: 'The loan applications the fund guarantees',
    tags,
    access: [...STAFF],
    params: id,
    query: listQuery({}),
    responses: { 200: { description: 'A page of guaranteed applications', schema: pageOf(FundLoan) } },
    handler: async ({ c, params, query }) => reply(c, await listFundLoans(params.id, query)),
  }),
];
