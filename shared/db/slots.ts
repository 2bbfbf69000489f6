import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from './client';
import { tableName } from './table';
import type { TxItem } from './transact';

interface SlotOptions {
  entity: string;
  max: number;
  expiresAt: Date;
}

const slotUpdate = (key: { pk: string; sk: string }, options: SlotOptions) => ({
  TableName: tableName(),
  Key: key,
  UpdateExpression: 'SET entity = :entity, expiresAt = :expires ADD #count :one',
  ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
  ExpressionAttributeNames: { '#count': 'count' },
  ExpressionAttributeValues: { ':entity': options.entity, ':expires': Math.floor(options.expiresAt.getTime() / 1000), ':one': 1, ':max': options.max },
});

/**
 * The same slot as one item of a transaction: the request takes its slot in the write it makes
 * anyway (no extra call when it succeeds); `full` is the error when none is left.
 */
export function slotWrite(key: { pk: string; sk: string }, options: SlotOptions, full: () => Error): TxItem {
  return { Update: slotUpdate(key, options), onConditionFailed: full };
}

/**
 * Takes one of `max` slots of a window (an hour, a day) for one key, atomically: false once all
 * are taken. The item expires (TTL `expiresAt`) after its window, so counters clean themselves up.
 * The counter is written outside the request's transaction on purpose: a refused attempt counts.
 */
export async function takeSlot(key: { pk: string; sk: string }, options: SlotOptions): Promise<boolean> {
  try {
    await db.send(new UpdateCommand(slotUpdate(key, options)));
    return true;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    return false;
  }
}
