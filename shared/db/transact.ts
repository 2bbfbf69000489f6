import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors';
import { db } from './client';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

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

interface CancellationReason {
  Code?: string;
}

/**
 * Writes every item or none. Translates a failed condition into the matching domain error.
 *
 * Each call is one logical transaction with its own `ClientRequestToken`. The SDK re-sends the
 * same serialized command when it retries (a timeout, a dropped connection), so a retry of a
 * transaction that had in fact committed is answered as a success by DynamoDB instead of being
 * applied twice or failing its own conditions. (The SDK fills the field with a UUID itself when it
 * is absent; setting it here keeps the guarantee explicit, and test/integration/faults-sdk.test.ts proves
 * it.) `retryOnConflict` calls this again after re-reading state: that is a new decision, and gets
 * a new token.
 */
export async function transact(given: TxItem[]): Promise<void> {
  const items = mergeCounters(given);
  const transactItems = items.map(({ onConditionFailed: _ignored, mergeable: _counts, ...item }) => item as TransactItem);
  try {
    await db.send(new TransactWriteCommand({ TransactItems: transactItems, ClientRequestToken: randomUUID() }));
  } catch (error) {
    throw translateCancellation(error, items);
  }
}

function translateCancellation(error: unknown, items: TxItem[]): unknown {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return error;
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
  if (failed >= 0) {
    return items[failed]?.onConditionFailed?.() ?? new ConflictError('The records changed; read them again and retry.');
  }
  if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return new TransactionConflictError();
  if (reasons.some((reason) => reason.Code === 'ThrottlingError' || reason.Code === 'ProvisionedThroughputExceeded')) {
    return Object.assign(new Error('Transaction throttled'), { name: 'ThrottlingException' });
  }
  return error;
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
