import * as z from 'zod';
import { Id } from '../ids';
import { Day } from '../clock';
import { ProgrammeKind } from '../programmes';

/** DynamoDB takes at most 100 items per transaction: the claims, the batch, its beneficiaries and its audit record. */
export const MAX_BATCH_CLAIMS = 97;

export const PrepareBatch = z
  .strictObject({
    programmeId: Id('prg'),
    claimIds: z.array(Id('clm')).min(1).max(MAX_BATCH_CLAIMS),
    /** Control totals typed by the preparer from their own count: refused unless they match. */
    declaredCount: z.number().int().min(1),
    declaredTotalFen: z.number().int().min(1),
  })
  .refine((b) => new Set(b.claimIds).size === b.claimIds.length, { path: ['claimIds'], message: 'a claim is listed twice' })
  .meta({ id: 'PrepareBatch' });
export type PrepareBatch = z.infer<typeof PrepareBatch>;

export const BatchLine = z.object({
  claimId: z.string(),
  amountFen: z.number().int(),
  outcome: z.enum(['paid', 'failed']).optional(),
  bankReference: z.string().optional(),
  ledgerEntryId: z.string().optional(),
});
export type BatchLine = z.infer<typeof BatchLine>;

/** A batch not yet approved may be cancelled (e.g. refused for budget), which frees its claims. */
export const BATCH_STATUSES = ['pending_approval', 'approved', 'settled', 'cancelled'] as const;

export const PayoutBatch = z
  .object({
    id: z.string().meta({ example: 'pbt_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    programmeId: z.string(),
    programmeKind: ProgrammeKind,
    status: z.enum(BATCH_STATUSES),
    claimCount: z.number().int(),
    totalFen: z.number().int(),
    /** Distinct approvers needed: two above the dual-approval threshold. */
    approvalsRequired: z.number().int(),
    approvals: z.array(z.object({ by: z.string(), at: z.string() })),
    lines: z.array(BatchLine),
    confirmedCount: z.number().int(),
    preparedBy: z.string(),
    preparedAt: z.string(),
    approvedAt: z.string().optional(),
    cancelledBy: z.string().optional(),
    cancelledAt: z.string().optional(),
    /** Why finance cancelled the batch (e.g. refused for budget), when they said. */
    cancellationReason: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'PayoutBatch' });

/** Cancelling a batch: the reason is optional, and kept on the batch and in the audit trail when given. */
export const CancelBatch = z.strictObject({ reason: z.string().trim().min(2).max(500).optional() }).meta({ id: 'CancelBatch' });
export type CancelBatch = z.infer<typeof CancelBatch>;
export type PayoutBatch = z.infer<typeof PayoutBatch>;

export const ConfirmPayouts = z
  .strictObject({
    lines: z
      .array(
        z.strictObject({
          claimId: Id('clm'),
          status: z.enum(['paid', 'failed']),
          bankReference: z.string().trim().min(1).max(100),
        }),
      )
      .min(1)
      .max(MAX_BATCH_CLAIMS),
  })
  .refine((b) => new Set(b.lines.map((l) => l.claimId)).size === b.lines.length, { path: ['lines'], message: 'a claim is listed twice' })
  .meta({ id: 'ConfirmPayouts' });
export type ConfirmPayouts = z.infer<typeof ConfirmPayouts>;

export const LedgerEntry = z
  .object({
    id: z.string().meta({ example: 'led_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    programmeId: z.string(),
    programmeKind: ProgrammeKind,
    kind: z.enum(['payment', 'reversal']),
    claimId: z.string(),
    batchId: z.string().optional(),
    /** Positive for a payment, negative for a reversal. */
    amountFen: z.number().int(),
    bankReference: z.string().optional(),
    reversesEntryId: z.string().optional(),
    reason: z.string().optional(),
    /** Position in the programme's ledger and the running totals after this entry. */
    sequence: z.number().int(),
    runningPaidFen: z.number().int(),
    runningReversedFen: z.number().int(),
    runningNetFen: z.number().int(),
    at: z.string(),
    by: z.string(),
  })
  .meta({ id: 'LedgerEntry' });
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const ReverseEntry = z.strictObject({ amountFen: z.number().int().min(1), reason: z.string().trim().min(2).max(500) }).meta({ id: 'ReverseEntry' });
export type ReverseEntry = z.infer<typeof ReverseEntry>;

export const LedgerQuery = z.strictObject({ programmeId: Id('prg'), from: Day.optional(), to: Day.optional() });

export const BANK_CONFIRMATION_STATUSES = ['pending', 'approved'] as const;
export const REVERSAL_REQUEST_STATUSES = ['pending', 'confirmed', 'refused'] as const;

/** A bank's answer recorded by one finance user, waiting for a second to confirm it (above the maker-checker threshold). */
export const BankConfirmation = z
  .object({
    id: z.string().meta({ example: 'bcf_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    batchId: z.string(),
    programmeId: z.string(),
    status: z.enum(BANK_CONFIRMATION_STATUSES),
    lines: ConfirmPayouts.shape.lines,
    paidFen: z.number().int(),
    recordedBy: z.string(),
    recordedAt: z.string(),
    approvedBy: z.string().optional(),
    approvedAt: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'BankConfirmation' });
export type BankConfirmation = z.infer<typeof BankConfirmation>;

/** A reversal above the maker-checker threshold, recorded by one finance user and confirmed (or refused) by another. */
export const ReversalRequest = z
  .object({
    id: z.string().meta({ example: 'rvr_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    entryId: z.string(),
    programmeId: z.string(),
    claimId: z.string(),
    amountFen: z.number().int(),
    reason: z.string(),
    status: z.enum(REVERSAL_REQUEST_STATUSES),
    requestedBy: z.string(),
    requestedAt: z.string(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    refusalReason: z.string().optional(),
    ledgerEntryId: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'ReversalRequest' });
export type ReversalRequest = z.infer<typeof ReversalRequest>;

export const RefuseReversal = z.strictObject({ reason: z.string().trim().min(2).max(500) }).meta({ id: 'RefuseReversal' });
export type RefuseReversal = z.infer<typeof RefuseReversal>;
