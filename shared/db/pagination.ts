import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ValidationError } from '../errors';
import { db } from './client';
import { INDEXES, TABLE_KEY, tableName, type IndexName } from './table';

export const MAX_PAGE_SIZE = 100;

/** `limit` and `cursor`, shared by every list route. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  cursor: z.string().max(2048).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Key = Record<string, string | number>;

export function encodeCursor(key: Key | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

/** A cursor is only accepted for the partition it came from, so it cannot be used to read elsewhere. */
export function decodeCursor(cursor: string | undefined, partition: { attribute: string; value: string }): Key | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.values(key).every((value) => typeof value === 'string' || typeof value === 'number') &&
    (key as Key)[partition.attribute] === partition.value;
  if (!valid) throw new ValidationError('The cursor is not valid for this list.', [{ field: 'cursor', message: 'invalid cursor' }]);
  return key as Key;
}

export interface PageRequest {
  index?: IndexName;
  partition: string;
  /** Only items whose sort key starts with this. */
  beginsWith?: string;
  /** Only items whose sort key lies in [from, to]. */
  between?: [string, string];
  newestFirst?: boolean;
  page: PageQuery;
  filter?: Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeValues' | 'ExpressionAttributeNames'>;
}

/** One Query on a known partition, bounded by the page size: the only way lists are read. */
export async function queryPage<T>(request: PageRequest): Promise<Page<T>> {
  const keys = request.index ? INDEXES.find((index) => index.name === request.index)! : TABLE_KEY;
  const names: Record<string, string> = { '#pk': keys.partitionKey, ...request.filter?.ExpressionAttributeNames };
  const values: Record<string, unknown> = { ':pk': request.partition, ...request.filter?.ExpressionAttributeValues };
  let condition = '#pk = :pk';
  if (request.beginsWith !== undefined) {
    names['#sk'] = keys.sortKey;
    values[':prefix'] = request.beginsWith;
    condition += ' AND begins_with(#sk, :prefix)';
  } else if (request.between) {
    names['#sk'] = keys.sortKey;
    values[':from'] = request.between[0];
    values[':to'] = request.between[1];
    condition += ' AND #sk BETWEEN :from AND :to';
  }
  const result = await db.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: request.index,
      KeyConditionExpression: condition,
      FilterExpression: request.filter?.FilterExpression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: !request.newestFirst,
      Limit: request.page.limit,
      ExclusiveStartKey: decodeCursor(request.page.cursor, { attribute: keys.partitionKey, value: request.partition }),
    }),
  );
  return { items: (result.Items ?? []) as T[], nextCursor: encodeCursor(result.LastEvaluatedKey as Key | undefined) };
}
