import { dueWrite, type Due } from '../db/due';
import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import type { DisclosureNotice } from './notice-schema';

/** Keys of disclosure notices (公示公告) and their numbering. */
export const noticeKeys = {
  notice: (id: string) => ({ pk: `NOTICE#${id}`, sk: 'NOTICE' }),
  all: () => 'NOTICES',
  /** The last number given in a year: a hot item every publication of that year writes. */
  sequence: (year: number) => ({ pk: `NOTICE_SEQUENCE#${year}`, sk: 'SEQUENCE' }),
};

export const DisclosureNoticeEntity = defineEntity<DisclosureNotice, { id: string }>({
  name: 'disclosureNotice',
  module: 'claims',
  prefix: 'NOTICE#',
  key: (notice) => noticeKeys.notice(notice.id),
  serves: 'one disclosure notice by id',
  indexes: { gsi1: { pk: () => noticeKeys.all(), sk: (notice) => `${notice.publishedAt}#${notice.id}`, serves: 'published notices, newest first' } },
});

/** The last number given in a year: a hot item every publication of that year writes. */
export const NoticeSequenceEntity = defineEntity<{ last: number }, { year: number }>({
  name: 'noticeSequence',
  module: 'claims',
  prefix: 'NOTICE_SEQUENCE#',
  key: (sequence) => noticeKeys.sequence(sequence.year),
  serves: 'once per number: the last notice number of a year',
});

const noticeItem = DisclosureNoticeEntity.toItem;
const fromNoticeItem = DisclosureNoticeEntity.fromItem;

export async function getSequence(year: number): Promise<number> {
  return (await getItem<{ last?: number }>(noticeKeys.sequence(year)))?.last ?? 0;
}

/** Takes the next number of the year: the condition makes two notices of one year never share one. */
export function nextNumberWrite(year: number, last: number): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: noticeKeys.sequence(year),
      UpdateExpression: 'SET entity = :entity, #last = :next',
      ConditionExpression: last === 0 ? 'attribute_not_exists(#last)' : '#last = :last',
      ExpressionAttributeNames: { '#last': 'last' },
      ExpressionAttributeValues: { ':entity': NoticeSequenceEntity.name, ':next': last + 1, ...(last === 0 ? {} : { ':last': last }) },
    },
    onConditionFailed: () => new TransactionConflictError(),
  };
}

export function createNoticeWrite(notice: DisclosureNotice): TxItem {
  return putNew(noticeItem(notice), () => new ConflictError('Notice id collision; retry.'));
}

export function saveNoticeWrite(notice: DisclosureNotice, expectedVersion: number): TxItem {
  return putVersioned(noticeItem({ ...notice, version: expectedVersion + 1 }), expectedVersion, () => new TransactionConflictError());
}

export async function getNotice(id: string): Promise<DisclosureNotice | undefined> {
  const item = await getItem<Record<string, unknown>>(noticeKeys.notice(id));
  return item ? fromNoticeItem(item) : undefined;
}

export async function listNotices(page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: noticeKeys.all(), newestFirst: true, page });
  return { items: result.items.map(fromNoticeItem), nextCursor: result.nextCursor };
}

/** The end of a notice's window, as work due for the disclosure job. */
export function noticeCloseDue(notice: Pick<DisclosureNotice, 'id' | 'closesAt'>): Due {
  return { kind: 'notice-close', dueAt: notice.closesAt, ref: notice.id };
}

export function noticeCloseDueWrite(notice: Pick<DisclosureNotice, 'id' | 'closesAt'>): TxItem {
  return dueWrite(noticeCloseDue(notice));
}
