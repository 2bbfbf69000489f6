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

/** Where a cursor may point: its partition, the key attributes DynamoDB expects, and the sort-key range queried. */
export interface CursorScope {
  attribute: string;
  value: string;
  /** Every key attribute of the table and the index: a start key has exactly these. */
  keyAttributes?: readonly string[];
  sortKey?: string;
  beginsWith?: string;
  between?: [string, string];
}

/**
 * A cursor is only accepted for the partition it came from, so it cannot be used to read elsewhere;
 * a tampered one (other attributes, a sort key outside the range queried) is a 400, never a 500.
 */
export function decodeCursor(cursor: string | undefined, scope: CursorScope): Key | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const record = (typeof key === 'object' && key !== null && !Array.isArray(key) ? key : {}) as Key;
  const names = Object.keys(record);
  const expected = scope.keyAttributes;
  const sortValue = scope.sortKey ? record[scope.sortKey] : undefined;
  const valid =
    names.length > 0 &&
    Object.values(record).every((value) => typeof value === 'string' && value.length > 0 && value.length <= 1024) &&
    record[scope.attribute] === scope.value &&
    (!expected || (names.length === expected.length && expected.every((name) => Object.hasOwn(record, name)))) &&
    (scope.beginsWith === undefined || (typeof sortValue === 'string' && sortValue.startsWith(scope.beginsWith))) &&
    (!scope.between || (typeof sortValue === 'string' && sortValue >= scope.between[0] && sortValue <= scope.between[1]));
  if (!valid) throw new ValidationError('The cursor is not valid for this list.', [{ field: 'cursor', message: 'invalid cursor' }]);
  return record;
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
      ExclusiveStartKey: decodeCursor(request.page.cursor, {
        attribute: keys.partitionKey,
        value: request.partition,
        keyAttributes: request.index
          ? [TABLE_KEY.partitionKey, TABLE_KEY.sortKey, keys.partitionKey, keys.sortKey]
          : [TABLE_KEY.partitionKey, TABLE_KEY.sortKey],
        sortKey: keys.sortKey,
        beginsWith: request.beginsWith,
        between: request.between,
      }),
    }),
  );
  return { items: (result.Items ?? []) as T[], nextCursor: encodeCursor(result.LastEvaluatedKey as Key | undefined) };
}

/**
 * Every item of a paged list, for an export: page after page until the list ends, refused with
 * `tooMany` once more than `max` items match (an export is read whole, so it has a ceiling).
 */
export async function allPagesUpTo<T>(
  load: (page: PageQuery) => Promise<{ items: T[]; nextCursor: string | null }>,
  max: number,
  tooMany: () => Error,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await load({ limit: MAX_PAGE_SIZE, cursor });
    items.push(...page.items);
    if (items.length > max) throw tooMany();
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
