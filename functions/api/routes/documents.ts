import * as z from 'zod';
import { claimChecklist } from '../../../shared/document-desk';
import { Document, DocumentChecklist, DownloadLink, RecordId, RecordType, RequestUpload, UploadForm } from '../../../shared/documents';
import { completeUpload, deletePendingDocument, getDocumentById, listDocuments, openDocument, requestUpload } from '../../../shared/document-desk';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';

const tags = ['Documents'];
const params = idParam('doc');
/** Who attaches papers: founders to their own records, officers and finance to those they work on. */
const uploaders = ['applicant', 'officer', 'finance'] as const;
/**
 * Who may read documents at all; which records each may read is checked per record. Park managers
 * read none; mentors only the types the centre's setting opens on startups they mentor (none by default).
 */
const readers = ['applicant', 'officer', 'finance', 'auditor', 'mentor'] as const;

export const documentRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/documents',
    operationId: 'requestDocumentUpload',
    summary: 'Ask to upload a document to a record: answers a presigned POST (PDF, JPEG or PNG, at most 10 MB) and records it as pending',
    description:
      'Send the returned `fields` and then the file (as the form field `file`, last) to `upload.url` within 10 minutes, then complete the upload. ' +
      'At most 20 documents per claim (per record type limits apply) and 200 MB of uploads per person per day.',
    tags,
    access: uploaders,
    body: RequestUpload,
    responses: { 201: { description: 'Pending, with the upload form', schema: UploadForm } },
    handler: async ({ c, ctx, body }) => {
      const form = await requestUpload(ctx, body);
      return reply(c, form, 201, form.document.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/documents/{id}/complete',
    operationId: 'completeDocumentUpload',
    summary: 'Complete an upload: the stored file is checked (size, type by its first bytes, SHA-256) and the document becomes available or rejected',
    tags,
    access: uploaders,
    params,
    responses: { 200: { description: 'Available, or rejected with the reason', schema: Document } },
    handler: async ({ c, ctx, params }) => {
      const document = await completeUpload(ctx, params.id);
      return reply(c, document, 200, document.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/documents',
    operationId: 'listDocuments',
    summary: "A record's documents (to those who may see the record's documents), oldest first",
    tags,
    access: readers,
    query: listQuery({ recordType: RecordType, recordId: RecordId }),
    responses: { 200: { description: 'A page of documents', schema: pageOf(Document) } },
    handler: async ({ c, ctx, query: { recordType, recordId, ...page } }) => reply(c, await listDocuments(ctx, recordType, recordId, page)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/documents/{id}',
    operationId: 'getDocument',
    summary: "One document's metadata",
    tags,
    access: readers,
    params,
    responses: { 200: { description: 'The document', schema: Document } },
    handler: async ({ c, ctx, params }) => {
      const document = await getDocumentById(ctx, params.id);
      return reply(c, document, 200, document.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/documents/{id}/download',
    operationId: 'downloadDocument',
    summary: 'A link to the file, valid for 5 minutes (JSON, or a 303 redirect with redirect=true); opening a document with personal data is audited',
    tags,
    access: readers,
    params,
    query: z.strictObject({ redirect: z.enum(['true', 'false']).optional() }),
    responses: {
      200: { description: 'The link', schema: DownloadLink },
      303: { description: 'See the file (with redirect=true)' },
    },
    handler: async ({ c, ctx, params, query }) => {
      const link = await openDocument(ctx, params.id);
      // The link works without a token for minutes: no cache may keep it.
      c.header('Cache-Control', 'no-store');
      if (query.redirect === 'true') return c.redirect(link.url, 303);
      return reply(c, link);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/documents/{id}',
    operationId: 'deleteDocument',
    summary: 'Delete a document that is still pending (its uploader only)',
    tags,
    access: uploaders,
    params,
    responses: { 204: { description: 'Deleted' } },
    handler: async ({ c, ctx, params }) => {
      await deletePendingDocument(ctx, params.id);
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/claims/{id}/document-checklist',
    operationId: 'getClaimDocumentChecklist',
    summary: "The programme's document checklist for a claim, each required type ticked or not",
    tags: ['Subsidy claims', ...tags],
    access: ['applicant', 'officer', 'finance', 'auditor'],
    params: idParam('clm'),
    responses: { 200: { description: 'The checklist', schema: DocumentChecklist } },
    handler: async ({ c, ctx, params }) => reply(c, await claimChecklist(ctx, params.id)),
  }),
];
