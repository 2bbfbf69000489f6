import { auditRecord, commit } from '../audit';
import type { Ctx } from '../context';
import { removalFromBatchWrites } from './batches';
import { rejectionWrites } from '../claims';
import { ledgerLane } from './ledger-entries';
import { fromClaimItem, getClaimItem } from '../claims';

export type FraudOutcome = 'rejected' | 'paid' | 'already_closed';

/**
 * A risk alert found a claim fraudulent: the claim is rejected with that reason and, if it waits in a
 * batch, taken out of it, an approved batch's commitment going back to the budget, in one transaction
 * with the audit record. A claim already paid is left for a reversal; one already closed is left alone.
 */
export async function rejectClaimAsFraud(ctx: Ctx, claimId: string, alert: { id: string; summary: string }): Promise<FraudOutcome> {
  const first = await getClaimItem(claimId);
  if (!first) return 'already_closed';
  // Taking a line out of an approved batch gives money back to the programme's totals: the ledger's lane.
  return ledgerLane(first.programmeId, async () => {
    const claim = await getClaimItem(claimId);
    if (!claim || claim.status === 'rejected' || claim.status === 'reversed') return 'already_closed';
    if (claim.status === 'paid') return 'paid';
    const batched = claim.status === 'batched';
    const { after, writes } = rejectionWrites(
      ctx,
      claim,
      `A risk alert (${alert.id}) was resolved as fraud: ${alert.summary}`,
      batched ? { batchId: undefined } : {},
    );
    await commit(ctx, [
      ...writes,
      ...(batched ? await removalFromBatchWrites(ctx, claim) : []),
      auditRecord(ctx, {
        action: 'claim.rejected_as_fraud',
        entityType: 'claim',
        entityId: claim.id,
        before: fromClaimItem(claim),
        after: fromClaimItem(after),
        event: { type: 'ClaimRejected', data: { claimId: claim.id, programmeId: claim.programmeId, alertId: alert.id } },
      }),
    ]);
    return 'rejected';
  });
}
