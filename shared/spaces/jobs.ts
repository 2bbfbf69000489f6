import { auditRecord, commit } from '../audit';
import { monthOf } from '../clock';
import type { Ctx } from '../context';
import { retryOnConflict, TransactionConflictError } from '../db/transact';
import type { JobSummary } from '../jobs';
import { addMonths } from './months';
import { activeAllocationsEndingBy, getAllocationRecord, saveAllocationWrite } from './repository';
import type { Allocation } from './schema';

/**
 * Marks `finished` every active allocation whose last month has passed, with an `AllocationFinished`
 * event. Its unit-months stay as they are (they record who held the unit when). Reads only the
 * active allocations ending before this month (a sparse index); safe to run twice.
 */
export async function finishAllocations(ctx: Ctx): Promise<JobSummary> {
  const thisMonth = monthOf(ctx.now);
  let finished = 0;
  for (const { allocation } of await activeAllocationsEndingBy(addMonths(thisMonth, -1))) {
    const done = await retryOnConflict(async () => {
      // The index may lag: the allocation itself decides.
      const record = await getAllocationRecord(allocation.id);
      if (!record || record.allocation.status !== 'active' || record.allocation.lastMonth >= thisMonth) return false;
      const before = record.allocation;
      const at = ctx.now.toISOString();
      const after: Allocation = { ...before, status: 'finished', finishedAt: at, updatedAt: at, version: before.version + 1 };
      await commit(ctx, [
        saveAllocationWrite(after, record.founderUserId, before.version, () => new TransactionConflictError()),
        auditRecord(ctx, {
          action: 'allocation.finished',
          entityType: 'allocation',
          entityId: before.id,
          before,
          after,
          event: {
            type: 'AllocationFinished',
            data: { allocationId: before.id, startupId: before.startupId, unitId: before.unitId, communityId: before.communityId, lastMonth: before.lastMonth },
          },
        }),
      ]);
      return true;
    });
    if (done) finished += 1;
  }
  return { finished };
}
