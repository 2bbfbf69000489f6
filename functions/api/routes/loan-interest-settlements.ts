import { defineRoute, reply } from '../../../shared/http/route';
import { EnterSettlement, enterSettlement, previewSettlement, SettlementPreview } from '../../../shared/claims';

const tags = ['Guaranteed loan desk'];

export const loanInterestSettlementRoutes = [
  // Before any `{id}` route of the same prefix, so `preview` is not read as an id.
  defineRoute({
    method: 'post',
    path: '/v1/loan-interest-settlements/preview',
    operationId: 'previewLoanInterestSettlement',
    summary: 'What the bank’s quarterly interest list (JSON lines or CSV) would subsidise, line by line, without writing anything',
    tags,
    access: ['finance'],
    body: EnterSettlement,
    responses: { 200: { description: 'Each line’s outcome and subsidy', schema: SettlementPreview } },
    handler: async ({ c, ctx, body }) => reply(c, await previewSettlement(ctx, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/loan-interest-settlements',
    operationId: 'enterLoanInterestSettlement',
    summary:
      'Enter the bank’s quarterly interest list: one loan-interest claim per loan, paid to the bank through the programme’s payout batches; a quarter overdue or extended is refused, each loan-quarter subsidised once',
    tags,
    access: ['finance'],
    idempotent: true,
    body: EnterSettlement,
    responses: { 201: { description: 'The claims entered (submitted: an officer verifies them, then disclosure and a batch)', schema: SettlementPreview } },
    handler: async ({ c, ctx, body }) => reply(c, await enterSettlement(ctx, body), 201),
  }),
];
