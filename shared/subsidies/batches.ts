import { auditRecord, commit } from '../audit/service';
import type { Ctx } from '../context';
import { openText } from '../crypto';
import { retryOnConflict } from '../db/transact';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { newId } from '../ids';
import { toCsv, type CsvCell } from '../csv';
import { yuan } from '../money';
import { isPayable } from './claims';
import { commitBudgetWrite, createBatchWrite, getBatch, saveBatchWrite } from './ledger-repository';
import type { PayoutBatch, PrepareBatch } from './payout-schema';
import { requireProgramme } from './programmes';
import { getClaimItem, getTotals, saveClaimWrite, type ClaimItem } from './repository';
import type { BankAccountInput } from './schema';

/** Batches above this total (fen) need two distinct approvers besides the preparer. Default 500,000 yuan. */
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
 * claim moves to `batched` under its version, so no claim can be in two open batches.
 */
export async function prepareBatch(ctx: Ctx, input: PrepareBatch): Promise<PayoutBatch> {
  const programme = await requireProgramme(input.programmeId);
  return retryOnConflict(async () => {
    const claims = await Promise.all(input.claimIds.map((id) => getClaimItem(id)));
    for (const [i, claim] of claims.entries()) {
      const claimId = input.claimIds[i]!;
      if (!claim || claim.programmeId !== programme.id)
        throw new UnprocessableError(`Claim ${claimId} is not a claim of this programme.`, 'CLAIM_NOT_IN_PROGRAMME', { claimId });
      if (claim.status === 'batched') throw new ConflictError(`Claim ${claimId} is already in an open batch.`, 'CLAIM_IN_OPEN_BATCH', { claimId });
      if (!isPayable(claim, ctx.now)) {
        throw new UnprocessableError(`Claim ${claimId} is not payable (verified, disclosure over, no open or upheld objection).`, 'CLAIM_NOT_PAYABLE', {
          claimId,
          status: claim.status,
        });
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
    await commit(ctx, [
      ...payable.map((claim) => saveClaimWrite({ ...claim, status: 'batched', batchId: batch.id, updatedAt: at }, claim.version)),
      createBatchWrite(batch),
      auditRecord(ctx, { action: 'payoutBatch.prepared', entityType: 'payoutBatch', entityId: batch.id, after: batch }),
    ]);
    return batch;
  });
}

/**
 * Approves a batch. The preparer may not; above the threshold two distinct approvers are needed.
 * The final approval commits the total against the budget in the same transaction, under a
 * condition that keeps committed + paid − reversed within the budget however many approve at once.
 */
export async function approveBatch(ctx: Ctx, id: string): Promise<PayoutBatch> {
  return retryOnConflict(async () => {
    const batch = await requireBatch(id);
    if (batch.preparedBy === ctx.actor.sub) throw new ForbiddenError('The preparer of a batch may not approve it.', 'SELF_APPROVAL');
    if (batch.status !== 'pending_approval') throw new ConflictError(`The batch is already ${batch.status}.`, 'BATCH_NOT_PENDING');
    if (batch.approvals.some((a) => a.by === ctx.actor.sub))
      throw new ConflictError('You have already approved this batch; another approver is needed.', 'ALREADY_APPROVED');
    const at = ctx.now.toISOString();
    const approvals = [...batch.approvals, { by: ctx.actor.sub, at }];
    const final = approvals.length >= batch.approvalsRequired;
    const after: PayoutBatch = { ...batch, approvals, ...(final ? { status: 'approved' as const, approvedAt: at } : {}), version: batch.version + 1 };
    const totals = final ? await getTotals(batch.programmeId) : undefined;
    if (final && totals && batch.totalFen > totals.budgetFen - totals.usedFen) {
      throw new ConflictError('Approving this batch would take the programme over its budget.', 'BUDGET_EXCEEDED', { totalFen: batch.totalFen });
    }
    await commit(ctx, [
      saveBatchWrite(after, batch.version),
      ...(final ? [commitBudgetWrite(batch.programmeId, totals!.budgetFen, batch.totalFen)] : []),
      auditRecord(ctx, {
        action: final ? 'payoutBatch.approved' : 'payoutBatch.first_approval',
        entityType: 'payoutBatch',
        entityId: batch.id,
        before: batch,
        after,
        event: final
          ? { type: 'PayoutBatchApproved', data: { batchId: batch.id, programmeId: batch.programmeId, totalFen: batch.totalFen, claimCount: batch.claimCount } }
          : undefined,
      }),
    ]);
    return after;
  });
}

/** Cancels a batch that is not approved yet; its claims are payable again. Nothing was committed. */
export async function cancelBatch(ctx: Ctx, id: string): Promise<PayoutBatch> {
  return retryOnConflict(async () => {
    const batch = await requireBatch(id);
    if (batch.status !== 'pending_approval') throw new ConflictError(`A batch that is ${batch.status} cannot be cancelled.`, 'BATCH_NOT_PENDING');
    const claims = await Promise.all(batch.lines.map((line) => getClaimItem(line.claimId)));
    const at = ctx.now.toISOString();
    const after: PayoutBatch = { ...batch, status: 'cancelled', version: batch.version + 1 };
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
 * The bank file of an approved batch: the one place full account numbers leave the system, and
 * only in the `accountNumber` column the bank needs. The export is audited.
 */
export async function exportBatchCsv(ctx: Ctx, id: string): Promise<string> {
  const batch = await requireBatch(id);
  if (batch.status !== 'approved' && batch.status !== 'settled') throw new ConflictError('Only an approved batch is sent to the bank.', 'BATCH_NOT_APPROVED');
  const rows: CsvCell[][] = [];
  for (const line of batch.lines) {
    const claim = await getClaimItem(line.claimId);
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
