import { BatchGetCommand, GetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db } from './client';
import { tableName } from './table';
import type { TxItem } from './transact';
import { PreconditionFailedError } from '../errors';

export interface Keyed {
  pk: string;
  sk: string;
}

/** Every mutable item carries a version for optimistic locking. */
export interface Versioned {
  version: number;
}

export async function getItem<T>(key: Keyed, consistent = true): Promise<T | undefined> {
  const result = await db.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: consistent }));
  return result.Item as T | undefined;
}

/**
 * Several items by key in one BatchGetItem (strongly consistent), keys that DynamoDB leaves
 * unprocessed asked again. Answers in the order of `keys`, `undefined` where there is no item.
 * At most 100 keys.
 */
export async function getItems<T>(keys: Keyed[]): Promise<Array<T | undefined>> {
  const found = new Map<string, T>();
  const id = (key: { pk: unknown; sk: unknown }) => `${String(key.pk)}\u0000${String(key.sk)}`;
  let pending: Array<Record<string, unknown>> | undefined = [...new Map(keys.map((key) => [id(key), { pk: key.pk, sk: key.sk }])).values()];
  for (let attempt = 0; pending && pending.length > 0 && attempt < 8; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    const result: BatchGetCommandOutput = await db.send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
    for (const item of result.Responses?.[tableName()] ?? []) found.set(id(item as Keyed), item as T);
    pending = result.UnprocessedKeys?.[tableName()]?.Keys;
  }
  if (pending && pending.length > 0) throw Object.assign(new Error('BatchGetItem left keys unprocessed'), { name: 'ThrottlingException' });
  return keys.map((key) => found.get(id(key)));
}

/** One item to read by key, and how its module turns the stored item into its value. */
export interface Read<T> {
  key: Keyed;
  from: (item: Record<string, unknown>) => T;
}

type ReadValues<R extends readonly Read<unknown>[]> = { [I in keyof R]: R[I] extends Read<infer T> ? T | undefined : never };

/**
 * Reads known keys of several modules in one BatchGetItem: each module hands out a `Read` (its key
 * and its `fromItem`), so a service gathers what a decision needs in one call without reaching into
 * another module's repository. Answers in order, `undefined` where there is no item.
 */
export async function readTogether<R extends readonly Read<unknown>[]>(...reads: R): Promise<ReadValues<R>> {
  const items = await getItems<Record<string, unknown>>(reads.map((read) => read.key));
  return reads.map((read, i) => (items[i] ? read.from(items[i]) : undefined)) as ReadValues<R>;
}

/** Creates an item that must not exist yet; `onExists` names the rule a duplicate breaks. */
export function putNew(item: (Keyed & { [field: string]: unknown }) | (Keyed & object), onExists: () => Error): TxItem {
  return {
    Put: { TableName: tableName(), Item: item as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(pk)' },
    onConditionFailed: onExists,
  };
}

/**
 * Replaces an item only if nobody changed it since it was read (`version` unchanged); the new item
 * gets the next version. A lost race is a 412 unless the caller names another error.
 */
export function putVersioned<T extends Keyed & Versioned>(
  item: T,
  expectedVersion: number,
  onStale: () => Error = () => new PreconditionFailedError(),
): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...item, version: expectedVersion + 1 },
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': expectedVersion },
    },
    onConditionFailed: onStale,
  };
}
