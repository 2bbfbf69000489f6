/*
 * The one place a transaction is written to the table. Private to shared/db and shared/audit
 * (a dependency-cruiser rule in .dependency-cruiser.cjs): modules write through `commit()` or
 * `commitBookkeeping()` in shared/audit/service.ts, so every change carries its audit record or
 * says why it is bookkeeping.
 */
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors';
import { db } from './client';
import { mergeCounters, TransactionConflictError, type TransactItem, type TxItem } from './transact';

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
