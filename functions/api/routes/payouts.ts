import * as z from 'zod';
import { Id } from '../../../shared/ids';
import { csvHeaders } from '../../../shared/csv';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import {
  BANK_CONFIRMATION_STATUSES,
  BATCH_STATUSES,
  REVERSAL_REQUEST_STATUSES,
  BankConfirmation,
  CancelBatch,
  ConfirmPayouts,
  LedgerEntry,
  LedgerQuery,
  PayoutBatch,
  PrepareBatch,
  RefuseReversal,
  ReversalRequest,
  ReverseEntry,
} from '../../../shared/payouts';
import { ProgrammeTotals } from '../../../shared/programmes';
import { approveBatch, cancelBatch, dualApprovalAboveFen, exportBatchCsv, exportBatchesCsv, prepareBatch, requireBatch } from '../../../shared/payouts';
import { makerCheckerAboveFen } from '../../../shared/payouts';
import { approveBankConfirmation, confirmPayouts, exportLedgerCsv, readLedger, requireBankConfirmation } from '../../../shared/payouts';
import { listBankConfirmationsIn, listBatchesIn, listReversalRequestsIn } from '../../../shared/payouts';
import { confirmReversal, refuseReversal, requireReversalRequest, reverseEntry } from '../../../shared/payouts';

const tags = ['Payouts and ledger'];

const Confirmation = z
  .object({
    batch: PayoutBatch,
    lines: z.array(z.object({ claimId: z.string(), outcome: z.enum(['paid', 'failed']), ledgerEntryId: z.string().optional(), alreadyRecorded: z.boolean() })),
  })
  .meta({ id: 'PayoutConfirmation' });

export const payoutRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/payout-batches',
    operationId: 'preparePayoutBatch',
    summary: 'Prepare a payout batch of payable claims, with control totals (no claim with an open risk alert, none that pays you)',
    tags,
    access: ['finance'],
    idempotent: true,
    body: PrepareBatch,
    responses: { 201: { description: 'Prepared', schema: PayoutBatch } },
    handler: async ({ c, ctx, body }) => {
      const batch = await prepareBatch(ctx, body);
      return reply(c, batch, 201, batch.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/payout-batches',
    operationId: 'listPayoutBatches',
    summary: 'Payout batches in one status (pending_approval: waiting for an approver), of one programme, or both; newest first',
    description: 'Give `status`, `programmeId` or both.',
    tags,
    access: ['finance', 'auditor'],
    query: listQuery({
      status: z.enum(BATCH_STATUSES).optional(),
      programmeId: Id('prg').optional(),
    }).refine((q) => q.status !== undefined || q.programmeId !== undefined, { message: 'give status, programmeId or both', path: ['status'] }),
    responses: {
      200: {
        description: 'A page of batches, and the two-approver threshold (fen) of a programme’s batches approved in one Beijing day',
        schema: pageOf(PayoutBatch).extend({ dualApprovalAboveFen: z.number().int() }),
      },
    },
    handler: async ({ c, query: { status, programmeId, ...page } }) =>
      reply(c, { ...(await listBatchesIn({ status, programmeId }, page)), dualApprovalAboveFen: dualApprovalAboveFen() }),
  }),
  // Before `/v1/payout-batches/{id}`, so `export.csv` is not read as a batch's id.
  defineRoute({
    method: 'get',
    path: '/v1/payout-batches/export.csv',
    operationId: 'exportPayoutBatches',
    summary: 'Payout batches of every programme in one status as CSV, newest first (UTF-8 with BOM, formulas defused; amounts in yuan)',
    tags,
    access: ['finance', 'auditor'],
    query: z.strictObject({ status: z.enum(BATCH_STATUSES) }),
    responses: {
      200: {
        description: 'CSV with a header row, one line per batch (its totals and approvals; the claim lines are in its bank file)',
        contentType: 'text/csv',
        schema: z.string(),
      },
    },
    handler: async ({ c, query }) => c.body(await exportBatchesCsv(query.status), 200, csvHeaders(`payout-batches-${query.status}.csv`)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/payout-batches/{id}',
    operationId: 'getPayoutBatch',
    summary: 'One payout batch with its lines',
    tags,
    access: ['finance', 'auditor'],
    params: idParam('pbt'),
    responses: { 200: { description: 'The batch', schema: PayoutBatch } },
    handler: async ({ c, params }) => {
      const batch = await requireBatch(params.id);
      return reply(c, batch, 200, batch.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/payout-batches/{id}/approval',
    operationId: 'approvePayoutBatch',
    summary:
      'Approve a batch (never your own, nor one that pays you; two approvers when the programme’s batches approved today go over the threshold); commits the budget',
    tags,
    access: ['finance'],
    idempotent: true,
    params: idParam('pbt'),
    responses: { 200: { description: 'Approved (or first of two approvals)', schema: PayoutBatch } },
    handler: async ({ c, ctx, params }) => {
      const batch = await approveBatch(ctx, params.id);
      return reply(c, batch, 200, batch.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/payout-batches/{id}/cancellation',
    operationId: 'cancelPayoutBatch',
    summary: 'Cancel a batch that is not approved yet (e.g. refused for budget); its claims are payable again',
    tags,
    access: ['finance'],
    params: idParam('pbt'),
    body: CancelBatch,
    bodyOptional: true,
    responses: { 200: { description: 'Cancelled', schema: PayoutBatch } },
    handler: async ({ c, ctx, params, body }) => {
      const batch = await cancelBatch(ctx, params.id, body);
      return reply(c, batch, 200, batch.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/payout-batches/{id}/export.csv',
    operationId: 'exportPayoutBatchBankFile',
    summary: 'The bank file of an approved batch (full account numbers in the bank’s column only; the export is audited)',
    tags,
    access: ['finance'],
    params: idParam('pbt'),
    responses: { 200: { description: 'CSV, one line per claim', contentType: 'text/csv' } },
    handler: async ({ c, ctx, params }) => c.body(await exportBatchCsv(ctx, params.id), 200, csvHeaders(`${params.id}.csv`)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/payout-batches/{id}/confirmations',
    operationId: 'recordBankConfirmations',
    summary:
      'Record the bank’s confirmations: paid lines write one ledger entry each, failed lines become payment_failed and release their commitment; above the maker-checker threshold a second finance user confirms (202)',
    tags,
    access: ['finance'],
    idempotent: true,
    params: idParam('pbt'),
    body: ConfirmPayouts,
    responses: {
      200: { description: 'Booked', schema: Confirmation },
      202: { description: 'Recorded, waiting for a second finance user (POST /v1/bank-confirmations/{id}/approval)', schema: BankConfirmation },
    },
    handler: async ({ c, ctx, params, body }) => {
      const outcome = await confirmPayouts(ctx, params.id, body);
      return 'pending' in outcome ? reply(c, outcome.pending, 202, outcome.pending.version) : reply(c, outcome.applied);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/bank-confirmations',
    operationId: 'listBankConfirmations',
    summary: 'Recorded bank confirmations in one status, newest first (pending: waiting for a second finance user)',
    tags,
    access: ['finance', 'auditor'],
    query: listQuery({ status: z.enum(BANK_CONFIRMATION_STATUSES) }),
    responses: {
      200: {
        description: 'A page of bank confirmations, and the maker-checker threshold (fen) above which a confirmation or a reversal waits for a second person',
        schema: pageOf(BankConfirmation).extend({ makerCheckerAboveFen: z.number().int() }),
      },
    },
    handler: async ({ c, query: { status, ...page } }) =>
      reply(c, { ...(await listBankConfirmationsIn(status, page)), makerCheckerAboveFen: makerCheckerAboveFen() }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/bank-confirmations/{id}',
    operationId: 'getBankConfirmation',
    summary: 'A recorded bank confirmation waiting for (or given) its second finance user',
    tags,
    access: ['finance', 'auditor'],
    params: idParam('bcf'),
    responses: { 200: { description: 'The confirmation', schema: BankConfirmation } },
    handler: async ({ c, params }) => {
      const confirmation = await requireBankConfirmation(params.id);
      return reply(c, confirmation, 200, confirmation.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/bank-confirmations/{id}/approval',
    operationId: 'approveBankConfirmation',
    summary: 'Confirm a recorded bank confirmation (a second finance user, never the recorder or anyone it pays): its lines are booked once',
    tags,
    access: ['finance'],
    idempotent: true,
    params: idParam('bcf'),
    responses: { 200: { description: 'Booked', schema: Confirmation } },
    handler: async ({ c, ctx, params }) => reply(c, await approveBankConfirmation(ctx, params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/ledger/{id}/reversal',
    operationId: 'requestLedgerReversal',
    summary:
      'Reverse (part of) a payment with a negative entry; reversals never exceed the payment. Above the maker-checker threshold it is requested (202) and a second finance user confirms it',
    tags,
    access: ['finance'],
    idempotent: true,
    params: idParam('led'),
    body: ReverseEntry,
    responses: {
      201: { description: 'The reversing entry', schema: LedgerEntry },
      202: { description: 'Requested, waiting for a second finance user', schema: ReversalRequest },
    },
    handler: async ({ c, ctx, params, body }) => {
      const outcome = await reverseEntry(ctx, params.id, body);
      return 'pending' in outcome ? reply(c, outcome.pending, 202, outcome.pending.version) : reply(c, outcome.entry, 201);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/reversal-requests',
    operationId: 'listReversalRequests',
    summary: 'Reversal requests in one status, newest first (pending: waiting for a second finance user)',
    tags,
    access: ['finance', 'auditor'],
    query: listQuery({ status: z.enum(REVERSAL_REQUEST_STATUSES) }),
    responses: { 200: { description: 'A page of reversal requests', schema: pageOf(ReversalRequest) } },
    handler: async ({ c, query: { status, ...page } }) => reply(c, await listReversalRequestsIn(status, page)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/reversal-requests/{id}',
    operationId: 'getReversalRequest',
    summary: 'A reversal request and its decision',
    tags,
    access: ['finance', 'auditor'],
    params: idParam('rvr'),
    responses: { 200: { description: 'The request', schema: ReversalRequest } },
    handler: async ({ c, params }) => {
      const request = await requireReversalRequest(params.id);
      return reply(c, request, 200, request.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/reversal-requests/{id}/confirmation',
    operationId: 'confirmReversal',
    summary: 'Confirm a requested reversal (a second finance user, never the requester): the reversing entry is written once',
    tags,
    access: ['finance'],
    idempotent: true,
    params: idParam('rvr'),
    responses: { 200: { description: 'Confirmed, with the reversing entry’s id', schema: ReversalRequest } },
    handler: async ({ c, ctx, params }) => {
      const request = await confirmReversal(ctx, params.id);
      return reply(c, request, 200, request.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/reversal-requests/{id}/refusal',
    operationId: 'refuseReversal',
    summary: 'Refuse (or, as the requester, withdraw) a requested reversal; the amount it set aside is free again',
    tags,
    access: ['finance'],
    params: idParam('rvr'),
    body: RefuseReversal,
    responses: { 200: { description: 'Refused', schema: ReversalRequest } },
    handler: async ({ c, ctx, params, body }) => {
      const request = await refuseReversal(ctx, params.id, body);
      return reply(c, request, 200, request.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/ledger',
    operationId: 'getLedger',
    summary: 'The disbursement ledger of a programme, in order, with running totals',
    tags,
    access: ['finance', 'auditor'],
    query: listQuery(LedgerQuery.shape),
    responses: { 200: { description: 'A page of entries and the programme totals', schema: pageOf(LedgerEntry).extend({ totals: ProgrammeTotals }) } },
    handler: async ({ c, query: { programmeId, from, to, ...page } }) => reply(c, await readLedger(programmeId, from, to, page)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/ledger/export.csv',
    operationId: 'exportLedger',
    summary: 'The disbursement ledger of a programme as CSV (UTF-8 with BOM, formulas defused), in order, with running totals; from/to are Beijing-time days',
    tags,
    access: ['finance', 'auditor'],
    query: LedgerQuery,
    responses: { 200: { description: 'CSV with a header row, one line per entry', contentType: 'text/csv', schema: z.string() } },
    handler: async ({ c, query: { programmeId, from, to } }) =>
      c.body(await exportLedgerCsv(programmeId, from, to), 200, csvHeaders(`ledger-${programmeId}${from ? `-${from}` : ''}${to ? `-${to}` : ''}.csv`)),
  }),
];
