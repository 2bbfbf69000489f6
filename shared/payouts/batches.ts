import { auditRecord, commit } from '../audit';
import type { Ctx } from '../context';
import { openText } from '../crypto';
import { dayOf } from '../clock';
import { getItems, readTogether } from '../db/items';
import { allPagesUpTo } from '../db/pagination';
import { retryOnConflict, type TxItem } from '../db/transact';
import { refuseOwnRecord } from '../duties';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { newId } from '../ids';
import { toCsv, type CsvCell } from '../csv';
import { yuan } from '../money';
import { isPayable } from '../claims';
import {
  approvedOnWrite,
  commitBudgetWrite,
  createBatchWrite,
  approvedOnRead,
  batchBeneficiariesRead,
  batchRead,
  getBatch,
  listBatchesIn,
  releaseCommitmentWrite,
  saveBatchWrite,
} from './repository';
import type { CancelBatch, PayoutBatch, PrepareBatch } from './schema';
import { requireProgramme } from '../programmes';
import { beneficiariesOf, saveClaimWrite, claimKeys, type ClaimItem } from '../claims';
import { getProgramme, totalsRead } from '../programmes';
import type { BankAccountInput } from '../claims';

/**
 * Above this (fen) a programme's batches need two distinct approvers besides the preparer, counting
 * every batch of the programme approved that Beijing-time day: splitting a batch does not avoid it.
 * Default 500,000 yuan (`FUHUA_DUAL_APPROVAL_ABOVE_FEN`).
 */
export function dualApprovalAboveFen(): number {
  return Number(process.env.FUHUA_DUAL_APPROVAL_ABOVE_FEN ?? 50_000_000);
}

export async function requireBatch(id: string): Promise<PayoutBatch> {
  const batch = await getBatch(id);
  if (!batch) throw new NotFoundError('payout batch');
  return batch;
}

/**
 * Puts payable claims of one programme into a batch, if the declared control totals match. Each
 * claim moves to `batched` under its version, so no claim can be in two open batches. A claim with
 * an open risk alert, or one that pays the preparer, is refused.
 */
export async function prepareBatch(ctx: Ctx, input: PrepareBatch): Promise<PayoutBatch> {
  const programme = await requireProgramme(input.programmeId);
  return retryOnConflict(async () => {
    const claims = await getItems<ClaimItem>(input.claimIds.map((id) => claimKeys.claim(id)));
    for (const [i, claim] of claims.entries()) {
      const claimId = input.claimIds[i]!;
      if (!claim || claim.programmeId !== programme.id)
        throw new UnprocessableError(`Claim ${claimId} is not a claim of this programme.`, 'CLAIM_NOT_IN_PROGRAMME', { claimId });
      refuseOwnRecord(ctx, beneficiariesOf(claim), 'a claim');
      if (claim.status === 'batched') throw new ConflictError(`Claim ${claimId} is already in an open batch.`, 'CLAIM_IN_OPEN_BATCH', { claimId });
      if ((claim.openRiskAlerts ?? 0) > 0) {
        throw new UnprocessableError(`Claim ${claimId} has an open risk alert: an officer resolves it first.`, 'OPEN_RISK_ALERT', {
          claimId,
          openRiskAlerts: claim.openRiskAlerts,
        });
      }
      if (claim.status === 'payment_failed') {
        throw new UnprocessableError(`The last payment of claim ${claimId} failed: the claimant corrects the bank account first.`, 'CLAIM_NOT_PAYABLE', {
          claimId,
          currentStatus: claim.status,
        });
      }
      if (!isPayable(claim, ctx.now)) {
        throw new UnprocessableError(
          `Claim ${claimId} is not payable (verified, its disclosure notice closed, no open or upheld objection).`,
          'CLAIM_NOT_PAYABLE',
          {
            claimId,
            currentStatus: claim.status,
          },
        );
      }
    }
    const payable = claims as ClaimItem[];
    const totalFen = payable.reduce((sum, claim) => sum + claim.amountFen, 0);
    if (input.declaredCount !== payable.length || input.declaredTotalFen !== totalFen) {
      throw new UnprocessableError('The declared count or total does not match the claims.', 'CONTROL_TOTALS_MISMATCH', { count: payable.length, totalFen });
    }
    const at = ctx.now.toISOString();
    const batch: PayoutBatch = {
      id: newId('pbt'),
      programmeId: programme.id,
      programmeKind: programme.kind,
      status: 'pending_approval',
      claimCount: payable.length,
      totalFen,
      approvalsRequired: totalFen > dualApprovalAboveFen() ? 2 : 1,
      approvals: [],
      lines: payable.map((claim) => ({ claimId: claim.id, amountFen: claim.amountFen })),
      confirmedCount: 0,
      preparedBy: ctx.actor.sub,
      preparedAt: at,
      version: 1,
    };
    await commit(
      ctx,
      [
        ...payable.map((claim) => saveClaimWrite({ ...claim, status: 'batched', batchId: batch.id, updatedAt: at }, claim.version)),
        ...createBatchWrite(batch, [...new Set(payable.flatMap(beneficiariesOf))]),
        auditRecord(ctx, { action: 'payoutBatch.prepared', entityType: 'payoutBatch', entityId: batch.id, after: batch }),
      ],
      { answer: { status: 201, body: batch, version: batch.version } },
    );
    return batch;
  });
}

/**
 * Approves a batch. The preparer may not, nor anyone it pays; two distinct approvers are needed when
 * the batch, with the programme's batches approved earlier that Beijing day, goes over the
 * threshold. The final approval commits the total against the budget and adds it to the day's sum
 * in the same transaction, under conditions that hold however many approve at once.
 */
export async function approveBatch(ctx: Ctx, id: string): Promise<PayoutBatch> {
  return retryOnConflict(async () => {
    const [batch, beneficiaries] = await readTogether(batchRead(id), batchBeneficiariesRead(id));
    if (!batch) throw new NotFoundError('payout batch');
    if (batch.preparedBy === ctx.actor.sub) throw new ForbiddenError('The preparer of a batch may not approve it.', 'SELF_APPROVAL');
    refuseOwnRecord(ctx, beneficiaries ?? [], 'a payout batch');
    if (batch.status !== 'pending_approval') throw new ConflictError(`The batch is already ${batch.status}.`, 'BATCH_NOT_PENDING');
    if (batch.approvals.some((a) => a.by === ctx.actor.sub))
      throw new ConflictError('You have already approved this batch; another approver is needed.', 'ALREADY_APPROVED');
    const at = ctx.now.toISOString();
    const day = dayOf(ctx.now);
    const threshold = dualApprovalAboveFen();
    const [approvedOn, totals] = await readTogether(approvedOnRead(batch.programmeId, day), totalsRead(batch.programmeId));
    const approvedToday = approvedOn ?? 0;
    const approvalsRequired = Math.max(batch.approvalsRequired, approvedToday + batch.totalFen > threshold ? 2 : 1);
    const approvals = [...batch.approvals, { by: ctx.actor.sub, at }];
    const final = approvals.length >= approvalsRequired;
    const after: PayoutBatch = {
      ...batch,
      approvalsRequired,
      approvals,
      ...(final ? { status: 'approved' as const, approvedAt: at } : {}),
      version: batch.version + 1,
    };
    if (final && totals && batch.totalFen > totals.budgetFen - totals.usedFen) {
      throw new ConflictError('Approving this batch would take the programme over its budget.', 'BUDGET_EXCEEDED', { totalFen: batch.totalFen });
    }
    await commit(
      ctx,
      [
        saveBatchWrite(after, batch.version),
        ...(final
          ? [
              commitBudgetWrite(batch.programmeId, totals!.budgetFen, batch.totalFen),
              // A single approver only while the day's sum stays within the threshold: a parallel approval re-decides.
              approvedOnWrite(batch.programmeId, day, batch.totalFen, approvalsRequired === 1 ? threshold : undefined),
            ]
          : []),
        auditRecord(ctx, {
          action: final ? 'payoutBatch.approved' : 'payoutBatch.first_approval',
          entityType: 'payoutBatch',
          entityId: batch.id,
          before: batch,
          after,
          event: final
            ? {
                type: 'PayoutBatchApproved',
                data: { batchId: batch.id, programmeId: batch.programmeId, totalFen: batch.totalFen, claimCount: batch.claimCount },
              }
            : undefined,
        }),
      ],
      { answer: { status: 200, body: after, version: after.version } },
    );
    return after;
  });
}

/** Cancels a batch that is not approved yet; its claims are payable again. Nothing was committed. */
export async function cancelBatch(ctx: Ctx, id: string, input: CancelBatch = {}): Promise<PayoutBatch> {
  return retryOnConflict(async () => {
    const batch = await requireBatch(id);
    if (batch.status !== 'pending_approval') throw new ConflictError(`A batch that is ${batch.status} cannot be cancelled.`, 'BATCH_NOT_PENDING');
    const claims = await getItems<ClaimItem>(batch.lines.map((line) => claimKeys.claim(line.claimId)));
    const at = ctx.now.toISOString();
    const after: PayoutBatch = {
      ...batch,
      status: 'cancelled',
      cancelledBy: ctx.actor.sub,
      cancelledAt: at,
      ...(input.reason ? { cancellationReason: input.reason } : {}),
      version: batch.version + 1,
    };
    await commit(ctx, [
      ...claims.map((claim) => {
        if (!claim || claim.status !== 'batched' || claim.batchId !== batch.id)
          throw new ConflictError('A claim of the batch is not held by it.', 'LEDGER_INCONSISTENT');
        const { batchId: _b, ...rest } = claim;
        return saveClaimWrite({ ...rest, status: 'verified', updatedAt: at }, claim.version);
      }),
      saveBatchWrite(after, batch.version),
      auditRecord(ctx, { action: 'payoutBatch.cancelled', entityType: 'payoutBatch', entityId: batch.id, before: batch, after }),
    ]);
    return after;
  });
}

/**
 * The writes that take a claim out of its batch (a risk alert found it fraudulent): the line goes,
 * the batch's count and total shrink, and an approved batch gives the commitment back to the budget
 * (and is settled if every remaining line has its outcome). The claim's own change is the caller's.
 */
export async function removalFromBatchWrites(ctx: Ctx, claim: ClaimItem): Promise<TxItem[]> {
  const batch = await requireBatch(claim.batchId!);
  const line = batch.lines.find((l) => l.claimId === claim.id);
  if (!line || line.outcome) throw new ConflictError('The claim is no longer waiting for payment in its batch.', 'LEDGER_INCONSISTENT');
  const lines = batch.lines.filter((l) => l.claimId !== claim.id);
  const approved = batch.status === 'approved';
  const settled = approved && lines.length > 0 && lines.every((l) => l.outcome);
  const emptied = lines.length === 0;
  const after: PayoutBatch = {
    ...batch,
    lines,
    claimCount: batch.claimCount - 1,
    totalFen: batch.totalFen - line.amountFen,
    status: emptied ? (approved ? 'settled' : 'cancelled') : settled ? 'settled' : batch.status,
    version: batch.version + 1,
  };
  return [
    saveBatchWrite(after, batch.version),
    ...(approved ? [releaseCommitmentWrite(batch.programmeId, line.amountFen)] : []),
    auditRecord(ctx, { action: 'payoutBatch.claim_removed', entityType: 'payoutBatch', entityId: batch.id, before: batch, after }),
  ];
}

/**
 * The bank file of an approved batch: the one place full account numbers leave the system, and
 * only in the `accountNumber` column the bank needs. The export is audited.
 */
export async function exportBatchCsv(ctx: Ctx, id: string): Promise<string> {
  const batch = await requireBatch(id);
  if (batch.status !== 'approved' && batch.status !== 'settled') throw new ConflictError('Only an approved batch is sent to the bank.', 'BATCH_NOT_APPROVED');
  const rows: CsvCell[][] = [];
  const claims = await getItems<ClaimItem>(batch.lines.map((line) => claimKeys.claim(line.claimId)));
  for (const [i, line] of batch.lines.entries()) {
    const claim = claims[i];
    if (!claim) throw new NotFoundError('claim');
    const account = JSON.parse(await openText(claim.bankAccountCipher)) as BankAccountInput;
    rows.push([claim.id, account.bankName, account.accountName, account.accountNumber, yuan(line.amountFen)]);
  }
  await commit(ctx, [
    auditRecord(ctx, {
      action: 'payoutBatch.exported',
      entityType: 'payoutBatch',
      entityId: batch.id,
      after: { lines: batch.claimCount, totalFen: batch.totalFen },
    }),
  ]);
  return toCsv(['claimId', 'bankName', 'accountName', 'accountNumber', 'amountYuan'], rows);
}

/** The most batches one list export holds; more is a 422 (export one status at a time, which it already is). */
export const MAX_BATCH_EXPORT_ROWS = 5000;

const BATCH_LIST_COLUMNS = [
  'id',
  'programmeId',
  'programmeName',
  'programmeKind',
  'status',
  'claimCount',
  'totalYuan',
  'approvalsRequired',
  'approvalsGiven',
  'approvedBy',
  'approvedAt',
  'confirmedCount',
  'preparedBy',
  'preparedAt',
  'cancelledBy',
  'cancelledAt',
  'cancellationReason',
] as const;

/**
 * The payout batches in one status, newest first, as CSV for finance and auditors: one line per
 * batch (its totals and approvals, not its claim lines: those are in each batch's bank file and the
 * claims export), amounts in yuan, times in UTC (ISO 8601).
 */
export async function exportBatchesCsv(status: PayoutBatch['status']): Promise<string> {
  const batches = await allPagesUpTo(
    (page) => listBatchesIn({ status }, page),
    MAX_BATCH_EXPORT_ROWS,
    () => new UnprocessableError(`More than ${MAX_BATCH_EXPORT_ROWS} batches are ${status}.`, 'EXPORT_TOO_LARGE', { limit: MAX_BATCH_EXPORT_ROWS }),
  );
  const names = new Map<string, string>();
  for (const id of new Set(batches.map((b) => b.programmeId))) names.set(id, (await getProgramme(id))?.name ?? '');
  return toCsv(
    BATCH_LIST_COLUMNS,
    batches.map((b) => [
      b.id,
      b.programmeId,
      names.get(b.programmeId),
      b.programmeKind,
      b.status,
      b.claimCount,
      yuan(b.totalFen),
      b.approvalsRequired,
      b.approvals.length,
      b.approvals.map((a) => a.by).join(' '),
      b.approvedAt,
      b.confirmedCount,
      b.preparedBy,
      b.preparedAt,
      b.cancelledBy,
      b.cancelledAt,
      b.cancellationReason,
    ]),
  );
}
