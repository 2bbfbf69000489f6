import { auditRecord } from '../audit';
import type { Ctx } from '../context';
import type { TxItem } from '../db/transact';
import { TransactionConflictError } from '../db/transact';
import { firstWaiting, getRegistration, leaveQueueWrite, saveRegistrationWrite } from './repository';
import type { Registration } from './schema';

/**
 * At most this many people are moved off the waitlist by one change: each costs three items of
 * the transaction (registration, queue place, audit record) and a transaction holds 100.
 */
export const MAX_PROMOTIONS_PER_CHANGE = 25;

/**
 * The writes that give the first `count` people waiting a seat, lowest position first, each with its
 * audit record and an `EventRegistrationPromoted` event. The caller adjusts the seat counters in
 * the same transaction; if anyone left the queue meanwhile, the transaction fails and is retried.
 */
export async function promotionWrites(ctx: Ctx, eventId: string, count: number): Promise<{ writes: TxItem[]; promoted: Registration[] }> {
  const heads = await firstWaiting(eventId, count);
  if (heads.length < count) throw new TransactionConflictError();
  const writes: TxItem[] = [];
  const promoted: Registration[] = [];
  for (const head of heads) {
    const before = await getRegistration(eventId, head.registrationId);
    if (!before || before.status !== 'waitlisted') throw new TransactionConflictError();
    const after: Registration = {
      ...before,
      status: 'registered',
      promotedAt: ctx.now.toISOString(),
      updatedAt: ctx.now.toISOString(),
      version: before.version + 1,
    };
    promoted.push(after);
    writes.push(
      saveRegistrationWrite(after, before.version),
      leaveQueueWrite(eventId, head.position),
      auditRecord(ctx, {
        action: 'eventRegistration.promoted',
        entityType: 'eventRegistration',
        entityId: before.id,
        before,
        after,
        event: { type: 'EventRegistrationPromoted', data: { eventId, registrationId: before.id, userId: before.userId } },
      }),
    );
  }
  return { writes, promoted };
}
