import * as z from 'zod';
import { csvHeaders } from '../../../shared/csv';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { ConfirmPayouts, LedgerEntry, LedgerQuery, PayoutBatch, PrepareBatch, ReverseEntry } from '../../../shared/subsidies/payout-schema';
import { ProgrammeTotals } from '../../../shared/subsidies/schema';
import { approveBatch, cancelBatch, exportBatchCsv, prepareBatch, requireBatch } from '../../../shared/subsidies/batches';
import { confirmPayouts, readLedger, reverseEntry } from '../../../shared/subsidies/ledger';

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
    summary: 'Prepare a payout batch of payable claims, with control totals',
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
    path: '/v1/payout-batches/{id}',
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
    summary: 'Approve a batch (never your own; two approvers above the threshold); commits the budget',
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
    summary: 'Cancel a batch that is not approved yet (e.g. refused for budget); its claims are payable again',
    tags,
    access: ['finance'],
    params: idParam('pbt'),
    responses: { 200: { description: 'Cancelled', schema: PayoutBatch } },
    handler: async ({ c, ctx, params }) => {
      const batch = await cancelBatch(ctx, params.id);
      return reply(c, batch, 200, batch.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/payout-batches/{id}/export.csv',
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
    summary: 'Record the bank’s confirmations: paid lines write one ledger entry each, failed lines release their commitment',
    tags,
    access: ['finance'],
    idempotent: true,
    params: idParam('pbt'),
    body: ConfirmPayouts,
    responses: { 200: { description: 'Recorded', schema: Confirmation } },
    handler: async ({ c, ctx, params, body }) => reply(c, await confirmPayouts(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/ledger/{id}/reversal',
    summary: 'Reverse (part of) a payment with a negative entry; reversals never exceed the payment',
    tags,
    access: ['finance'],
    idempotent: true,
    params: idParam('led'),
    body: ReverseEntry,
    responses: { 201: { description: 'The reversing entry', schema: LedgerEntry } },
    handler: async ({ c, ctx, params, body }) => reply(c, await reverseEntry(ctx, params.id, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/ledger',
    summary: 'The disbursement ledger of a programme, in order, with running totals',
    tags,
    access: ['finance', 'auditor'],
    query: listQuery(LedgerQuery.shape),
    responses: { 200: { description: 'A page of entries and the programme totals', schema: pageOf(LedgerEntry).extend({ totals: ProgrammeTotals }) } },
    handler: async ({ c, query: { programmeId, from, to, ...page } }) => reply(c, await readLedger(programmeId, from, to, page)),
  }),
];
