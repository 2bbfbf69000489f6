import { defineEntity } from '../db/entity';
import { getItem, getItems, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { AppError, ConflictError, UnprocessableError } from '../errors';
import type { Document, RecordType } from './schema';

/** Every key of documents and their limits is built here and nowhere else. */
export const documentKeys = {
  document: (id: string) => ({ pk: `DOCUMENT#${id}`, sk: 'DOCUMENT' }),
  documentsOf: (recordType: RecordType, recordId: string) => `DOCUMENTS_OF#${recordType}#${recordId}`,
  /** How many documents a record holds (pending or available): the item the per-record limit is on. */
  recordCount: (recordType: RecordType, recordId: string) => ({ pk: `DOCUMENT_COUNT#${recordType}#${recordId}`, sk: 'COUNT' }),
  /** Bytes a person has asked to upload on one day: the item the daily quota is on. */
  uploadedBytes: (userId: string, day: string) => ({ pk: `DOCUMENT_BYTES#${userId}`, sk: `DAY#${day}` }),
};

export const DocumentEntity = defineEntity<Document, { id: string }>({
  name: 'document',
  module: 'documents',
  prefix: 'DOCUMENT#',
  key: (document) => documentKeys.document(document.id),
  serves: 'one document by id (or a batch of them)',
  indexes: {
    gsi1: {
      pk: (document) => documentKeys.documentsOf(document.recordType, document.recordId),
      sk: (document) => `${document.uploadedAt}#${document.id}`,
      serves: "a record's documents, oldest first",
    },
  },
});

/** How many documents a record holds (pending or available): the item the per-record limit is on. */
export const DocumentCountEntity = defineEntity<{ count: number }, { recordType: RecordType; recordId: string }>({
  name: 'documentCount',
  module: 'documents',
  prefix: 'DOCUMENT_COUNT#',
  key: (record) => documentKeys.recordCount(record.recordType, record.recordId),
  serves: "a record's document count, capped",
});

/** Bytes a person has asked to upload on one day: the item the daily quota is on (TTL). */
export const DocumentBytesEntity = defineEntity<{ bytes: number }, { userId: string; day: string }>({
  name: 'documentBytes',
  module: 'documents',
  prefix: 'DOCUMENT_BYTES#',
  key: (day) => documentKeys.uploadedBytes(day.userId, day.day),
  serves: "a person's uploaded bytes of one day, capped",
});

const fromItem = DocumentEntity.fromItem;
const documentItem = DocumentEntity.toItem;

export interface UploadLimits {
  maxPerRecord: number;
  maxBytesPerDay: number;
  day: string;
  /** Epoch seconds after which the day's byte counter may go (TTL). */
  counterExpiresAt: number;
}

/** Frees (or takes) one of the record's document slots. */
function recordCountWrite(document: Pick<Document, 'recordType' | 'recordId'>, delta: number): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: DocumentCountEntity.key(document),
      UpdateExpression: 'SET entity = :entity ADD #count :delta',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':entity': DocumentCountEntity.name, ':delta': delta },
    },
  };
}

/**
 * A new pending document, with one slot of its record and its bytes of the uploader's day taken in
 * the same transaction: conditions on the two counters keep both limits under parallel requests.
 * (DynamoDB conditions cannot add, so the quota is checked as "used ≤ limit − size".)
 */
export function requestUploadWrites(document: Document, limits: UploadLimits): TxItem[] {
  const slot = recordCountWrite(document, 1);
  return [
    putNew(documentItem(document), () => new ConflictError('Document id collision; retry.')),
    {
      Update: {
        ...slot.Update!,
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
        ExpressionAttributeValues: { ...slot.Update!.ExpressionAttributeValues, ':max': limits.maxPerRecord },
      },
      onConditionFailed: () =>
        new UnprocessableError(
          `A ${document.recordType.replace('_', ' ')} holds at most ${limits.maxPerRecord} documents; delete one that is pending, or attach to another record.`,
          'TOO_MANY_DOCUMENTS',
          { limit: limits.maxPerRecord },
        ),
    },
    {
      Update: {
        TableName: tableName(),
        Key: documentKeys.uploadedBytes(document.uploadedBy, limits.day),
        UpdateExpression: 'SET entity = :entity, expiresAt = :expires ADD #bytes :size',
        ConditionExpression: 'attribute_not_exists(#bytes) OR #bytes <= :room',
        ExpressionAttributeNames: { '#bytes': 'bytes' },
        ExpressionAttributeValues: {
          ':entity': DocumentBytesEntity.name,
          ':expires': limits.counterExpiresAt,
          ':size': document.size,
          ':room': limits.maxBytesPerDay - document.size,
        },
      },
      onConditionFailed: () =>
        new AppError(
          429,
          'UPLOAD_QUOTA_EXCEEDED',
          `You may upload at most ${limits.maxBytesPerDay / 1024 / 1024} MB a day; this file would go over it. Try again tomorrow.`,
          {
            limitBytes: limits.maxBytesPerDay,
            day: limits.day,
          },
        ),
    },
  ];
}

/**
 * The completion step's verdict, under the version it was read at: of two parallel completions
 * one commits and the other re-reads. A rejected document gives its record's slot back.
 */
export function completeUploadWrites(document: Document, expectedVersion: number): TxItem[] {
  return [
    putVersioned(documentItem(document), expectedVersion, () => new TransactionConflictError()),
    ...(document.status === 'rejected' ? [recordCountWrite(document, -1)] : []),
  ];
}

/** Deletes a document while it is still pending, giving its record's slot back. */
export function deletePendingWrites(document: Document): TxItem[] {
  return [
    {
      Delete: {
        TableName: tableName(),
        Key: documentKeys.document(document.id),
        ConditionExpression: '#status = :pending AND #version = :version',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ':pending': 'pending', ':version': document.version },
      },
      onConditionFailed: () => new TransactionConflictError(),
    },
    recordCountWrite(document, -1),
  ];
}

export async function getDocument(id: string): Promise<Document | undefined> {
  const item = await getItem<Record<string, unknown>>(documentKeys.document(id));
  return item ? fromItem(item) : undefined;
}

/** Several documents by id in one BatchGetItem (at most 100), in the order asked, undefined where none. */
export async function getDocuments(ids: string[]): Promise<Array<Document | undefined>> {
  const items = await getItems<Record<string, unknown>>(ids.map((id) => documentKeys.document(id)));
  return items.map((item) => (item ? fromItem(item) : undefined));
}

/** A record's documents, oldest first. */
export async function listDocumentsOf(recordType: RecordType, recordId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: documentKeys.documentsOf(recordType, recordId), page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}
