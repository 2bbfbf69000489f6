import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from './client';
import { defineEntity } from './entity';
import { tableName } from './table';
import type { TxItem } from './transact';

/**
 * Work a scheduled job must do at a known time, for items whose indexes are all taken: one marker
 * item per thing due, in a partition per kind (`DUE#<kind>`) sorted by the instant it is due. The
 * change that makes something due writes its marker in the same transaction; the job that does the
 * work deletes it in the transaction of that work. So the partition holds only pending work, and a
 * job reads it with one Query up to "now" (never a Scan).
 */
export const dueKeys = {
  marker: (kind: string, dueAt: string, ref: string) => ({ pk: `DUE#${kind}`, sk: `${dueAt}#${ref}` }),
};

export const DueEntity = defineEntity<Due>({
  name: 'due',
  module: 'db',
  prefix: 'DUE#',
  key: (due) => dueKeys.marker(due.kind, due.dueAt, due.ref),
  serves: 'the work of one kind due up to now, oldest first (sk <= now), for scheduled jobs',
});

export interface Due {
  kind: string;
  /** ISO instant from which the work is due. */
  dueAt: string;
  /** The id of the item the work is on. */
  ref: string;
}

/** Marks `ref` as due for `kind` work at `dueAt` (writing it again is harmless). */
export function dueWrite(due: Due): TxItem {
  return { Put: { TableName: tableName(), Item: DueEntity.toItem(due) } };
}

/** The work is done: the marker goes (deleting it twice is harmless). */
export function doneWrite(due: Due): TxItem {
  return { Delete: { TableName: tableName(), Key: DueEntity.key(due) } };
}

/** Every marker of `kind` due at or before `now`, oldest first, a page of at most `pageSize` at a time. */
export async function* dueBy(kind: string, now: Date, pageSize = 100): AsyncGenerator<Due> {
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk <= :until',
        ExpressionAttributeValues: { ':pk': dueKeys.marker(kind, '', '').pk, ':until': `${now.toISOString()}#\uffff` },
        ConsistentRead: true,
        Limit: pageSize,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of result.Items ?? []) yield { kind, dueAt: String(item.dueAt), ref: String(item.ref) };
    start = result.LastEvaluatedKey;
  } while (start);
}
