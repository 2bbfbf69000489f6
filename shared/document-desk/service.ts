import { auditRecord, commit } from '../audit';
import { dayOf } from '../clock';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict } from '../db/transact';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { newId } from '../ids';
import { log } from '../logger';
import { assertMayAttach, isVisibleType, readableRecord } from './access';
import { detectContentType } from './inspect';
import { completeUploadWrites, deletePendingWrites, getDocument, listDocumentsOf, requestUploadWrites } from '../documents';
import {
  MAX_DOCUMENT_BYTES,
  PERSONAL_DATA_TYPES,
  type ContentType,
  type Document,
  type DownloadLink,
  type RecordType,
  type RejectionReason,
  type RequestUpload,
  type UploadForm,
} from '../documents';
import { objectKey, presignDownload, presignUpload, readStoredFile, removeStoredFile, type StoredFile } from './storage';

/** How long the upload form and a download link stay valid. */
export const UPLOAD_FORM_SECONDS = 10 * 60;
export const DOWNLOAD_LINK_SECONDS = 5 * 60;

/** Documents a record holds at most (pending and available): a claim's evidence fits in 20. */
export const MAX_DOCUMENTS_PER_RECORD: Record<RecordType, number> = {
  applicant: 20,
  application: 20,
  startup: 50,
  claim: 20,
  loan: 20,
  payout_batch: 50,
};

/** Bytes one person may ask to upload per calendar day, whatever becomes of the files. */
export const MAX_UPLOAD_BYTES_PER_DAY = 200 * 1024 * 1024;

const DAY_SECONDS = 24 * 60 * 60;

/** Records a pending document and answers the presigned POST its file goes to, straight to S3. */
export async function requestUpload(ctx: Ctx, input: RequestUpload): Promise<UploadForm> {
  const record = await readableRecord(ctx, input.recordType, input.recordId);
  assertMayAttach(ctx, record, input.type);
  const document: Document = {
    id: newId('doc'),
    ...input,
    status: 'pending',
    uploadedBy: ctx.actor.sub,
    uploadedAt: ctx.now.toISOString(),
    version: 1,
  };
  // Signing is local (no call to S3): a form that cannot be signed leaves nothing behind.
  const form = await presignUpload({ key: objectKey(document.id), contentType: document.contentType, size: document.size }, UPLOAD_FORM_SECONDS);
  const limits = {
    maxPerRecord: MAX_DOCUMENTS_PER_RECORD[input.recordType],
    maxBytesPerDay: MAX_UPLOAD_BYTES_PER_DAY,
    day: dayOf(ctx.now),
    counterExpiresAt: Math.floor(ctx.now.getTime() / 1000) + 2 * DAY_SECONDS,
  };
  await commit(ctx, [
    ...requestUploadWrites(document, limits),
    auditRecord(ctx, { action: 'document.requested', entityType: 'document', entityId: document.id, after: document }),
  ]);
  const expiresAt = new Date(ctx.now.getTime() + UPLOAD_FORM_SECONDS * 1000).toISOString();
  return { document, upload: { method: 'POST', ...form, expiresAt } };
}

const KIND_NAMES: Record<ContentType, string> = { 'application/pdf': 'a PDF', 'image/jpeg': 'a JPEG image', 'image/png': 'a PNG image' };

/** What the completion step makes of the stored file: available, or rejected and why. */
export function judgeStoredFile(document: Document, stored: StoredFile): { reason: RejectionReason; detail: string } | undefined {
  if (stored.size > MAX_DOCUMENT_BYTES) return { reason: 'too_large', detail: `The file has ${stored.size} bytes; at most ${MAX_DOCUMENT_BYTES} are taken.` };
  if (stored.size !== document.size || !stored.head || !stored.sha256) {
    return { reason: 'size_mismatch', detail: `The file has ${stored.size} bytes, not the ${document.size} announced.` };
  }
  const detected = detectContentType(stored.head);
  if (detected !== document.contentType) {
    const looksLike = detected ? `it is ${KIND_NAMES[detected]}` : 'they match none of PDF, JPEG or PNG';
    return { reason: 'type_mismatch', detail: `The file's first bytes are not those of ${KIND_NAMES[document.contentType]}: ${looksLike}.` };
  }
  if (stored.sha256 !== document.sha256) return { reason: 'checksum_mismatch', detail: 'The file is not the one announced: its SHA-256 differs.' };
  return undefined;
}

/** A document the caller may see, with its record; to anyone else it does not exist (404). */
async function visibleDocument(ctx: Ctx, id: string): Promise<Document> {
  const document = await getDocument(id);
  if (!document) throw new NotFoundError('document');
  try {
    const record = await readableRecord(ctx, document.recordType, document.recordId);
    if (!isVisibleType(record, document.type)) throw new NotFoundError('document');
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('document');
    throw error;
  }
  return document;
}

function assertUploader(ctx: Ctx, document: Document): void {
  if (document.uploadedBy !== ctx.actor.sub) throw new ForbiddenError('Only the person who uploaded this document may do this.', 'NOT_UPLOADER');
}

/**
 * Completes an upload: reads the stored file and checks its size, its type by its first bytes and
 * its SHA-256 against what was announced, then marks the document available or rejected. These
 * checks hold wherever the bucket is (s3rver enforces no upload policy). Completing twice answers
 * the verdict of the first.
 */
export async function completeUpload(ctx: Ctx, id: string): Promise<Document> {
  return retryOnConflict(async () => {
    const document = await visibleDocument(ctx, id);
    assertUploader(ctx, document);
    if (document.status !== 'pending') return document;
    const stored = await readStoredFile(objectKey(id), MAX_DOCUMENT_BYTES);
    if (!stored) {
      throw new ConflictError('No file has been uploaded for this document yet: send it with the upload form, then complete it.', 'UPLOAD_NOT_FOUND');
    }
    const rejection = judgeStoredFile(document, stored);
    const after: Document = {
      ...document,
      status: rejection ? 'rejected' : 'available',
      ...(rejection ? { rejectionReason: rejection.reason, rejectionDetail: rejection.detail } : {}),
      completedAt: ctx.now.toISOString(),
      version: document.version + 1,
    };
    await commit(ctx, [
      ...completeUploadWrites(after, document.version),
      auditRecord(ctx, { action: rejection ? 'document.rejected' : 'document.available', entityType: 'document', entityId: id, before: document, after }),
    ]);
    if (rejection) await discardFile(id);
    return after;
  });
}

/** A stored file that will never be served is removed; if that fails it stays unreachable, never served. */
async function discardFile(id: string): Promise<void> {
  try {
    await removeStoredFile(objectKey(id));
  } catch (error) {
    log().warn('could not remove a discarded document file', { documentId: id, error: (error as Error).name });
  }
}

/** One document's metadata, to those who may see its record. */
export async function getDocumentById(ctx: Ctx, id: string): Promise<Document> {
  return visibleDocument(ctx, id);
}

/** The documents of one record, to those who may see them. */
export async function listDocuments(ctx: Ctx, recordType: RecordType, recordId: string, page: PageQuery) {
  const record = await readableRecord(ctx, recordType, recordId);
  const result = await listDocumentsOf(recordType, recordId, page);
  // A mentor's page may hold fewer items than asked for; its cursor still leads on.
  return { ...result, items: result.items.filter((document) => isVisibleType(record, document.type)) };
}

/**
 * A download link valid for minutes, issued only after the access check. Opening a document that
 * holds personal data is audited, and the link is not given out unless the audit record is written.
 */
export async function openDocument(ctx: Ctx, id: string): Promise<DownloadLink> {
  const document = await visibleDocument(ctx, id);
  if (document.status !== 'available') {
    throw new ConflictError(`A ${document.status} document cannot be opened; only available ones can.`, 'DOCUMENT_NOT_AVAILABLE', {
      documentStatus: document.status,
    });
  }
  const url = await presignDownload(objectKey(id), document.fileName, document.contentType, DOWNLOAD_LINK_SECONDS);
  if (PERSONAL_DATA_TYPES.has(document.type)) {
    await commit(ctx, [auditRecord(ctx, { action: 'document.opened', entityType: 'document', entityId: id })]);
  }
  return { url, expiresAt: new Date(ctx.now.getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString() };
}

/** Its uploader withdraws a document that is still pending (an upload abandoned or mistaken). */
export async function deletePendingDocument(ctx: Ctx, id: string): Promise<void> {
  await retryOnConflict(async () => {
    const document = await visibleDocument(ctx, id);
    assertUploader(ctx, document);
    if (document.status !== 'pending') {
      throw new ConflictError(`A ${document.status} document is kept; only a pending one can be deleted.`, 'DOCUMENT_NOT_PENDING', {
        documentStatus: document.status,
      });
    }
    await commit(ctx, [
      ...deletePendingWrites(document),
      auditRecord(ctx, { action: 'document.withdrawn', entityType: 'document', entityId: id, before: document }),
    ]);
  });
  await discardFile(id);
}
