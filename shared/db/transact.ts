import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors';

/**
 * What a module needs to build and retry transactions. Writing one is not here: `transact`
 * (./write.ts) is private to shared/db and shared/audit; modules write through `commit()` in
 * shared/audit/service.ts, which refuses a transaction without an audit record unless it is
 * declared bookkeeping.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * One item of a transaction, with the domain error to raise when its condition fails. Reading the
 * cancellation reasons tells exactly which rule stopped the write.
 */
export type TxItem = TransactItem & {
  onConditionFailed?: () => Error;
  /** An unconditional counter update that may meet another of the same item in one transaction: they are added up. */
  mergeable?: { key: string; counts: Record<string, number>; build: (counts: Record<string, number>) => TxItem };
};

/** One update per counter item: DynamoDB refuses a transaction that touches an item twice. */
export function mergeCounters(items: TxItem[]): TxItem[] {
  const sums = new Map<string, { at: number; counts: Record<string, number>; build: (counts: Record<string, number>) => TxItem; merged: boolean }>();
  const out: TxItem[] = [];
  for (const item of items) {
    const merge = item.mergeable;
    if (!merge) {
      out.push(item);
      continue;
    }
    const seen = sums.get(merge.key);
    if (!seen) {
      sums.set(merge.key, { at: out.length, counts: { ...merge.counts }, build: merge.build, merged: false });
      out.push(item);
      continue;
    }
    for (const [name, n] of Object.entries(merge.counts)) seen.counts[name] = (seen.counts[name] ?? 0) + n;
    seen.merged = true;
  }
  for (const seen of sums.values()) if (seen.merged) out[seen.at] = seen.build(seen.counts);
  return out;
}

/** Another transaction touched the same items at the same moment; the whole operation may be retried. */
export class TransactionConflictError extends ConflictError {
  constructor() {
    super('Another change to the same records happened at the same time; retry.', 'CONCURRENT_UPDATE');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a read-decide-write operation again when its transaction collided with another one.
 * Each attempt re-reads state, so the rules are checked against what is current.
 */
export async function retryOnConflict<T>(operation: () => Promise<T>, attempts = 12): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof TransactionConflictError) || attempt >= attempts) throw error;
      await sleep(Math.random() * Math.min(400, 10 * 2 ** attempt));
    }
  }
}
