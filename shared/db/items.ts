import { GetCommand } from '@aws-sdk/lib-dynamodb';
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

/** Creates an item that must not exist yet; `onExists` names the rule a duplicate breaks. */
export function putNew(item: Keyed & { [field: string]: unknown } | (Keyed & object), onExists: () => Error): TxItem {
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
