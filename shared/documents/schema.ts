import * as z from 'zod';
import { type IdPrefix, idPattern } from '../ids';

/** What a paper is; programmes name the types a claim needs (`requiredDocuments`). */
export const DOCUMENT_TYPES = [
  'business_plan',
  'business_licence',
  'lease',
  'social_insurance_list',
  'tax_record',
  'training_certificate',
  'inspection_photo',
  'bank_statement',
  'other',
] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES).meta({ id: 'DocumentType' });
export type DocumentType = z.infer<typeof DocumentType>;

/**
 * Types whose every opening is audited: they name or picture people (licences name the legal
 * representative, lists carry identity numbers, photos show faces). A business plan describes the
 * business; `other` is unknown and so treated as personal.
 */
export const PERSONAL_DATA_TYPES: ReadonlySet<DocumentType> = new Set(DOCUMENT_TYPES.filter((type) => type !== 'business_plan'));

/** The records a document can belong to, with the prefix of their ids. */
export const RECORD_PREFIXES = {
  applicant: 'apl',
  application: 'app',
  startup: 'stp',
  claim: 'clm',
  loan: 'lon',
  payout_batch: 'pbt',
} as const satisfies Record<string, IdPrefix>;
export type RecordType = keyof typeof RECORD_PREFIXES;
export const RecordType = z.enum(Object.keys(RECORD_PREFIXES) as [RecordType, ...RecordType[]]).meta({ id: 'DocumentRecordType' });

/** The only kinds of file taken: PDF, JPEG and PNG, each recognised by its first bytes. */
export const CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const ContentType = z.enum(CONTENT_TYPES);
export type ContentType = z.infer<typeof ContentType>;

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_STATUSES = ['pending', 'available', 'rejected'] as const;
export const DocumentStatus = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

/** Why the completion step refused a file. */
export const REJECTION_REASONS = ['size_mismatch', 'too_large', 'type_mismatch', 'checksum_mismatch'] as const;
export const RejectionReason = z.enum(REJECTION_REASONS);
export type RejectionReason = z.infer<typeof RejectionReason>;

const RECORD_ID = idPattern(...(Object.values(RECORD_PREFIXES) as [IdPrefix, ...IdPrefix[]]));
/** The id of a record a document can belong to. */
export const RecordId = z.string().regex(RECORD_ID, 'must be the id of an applicant, application, startup, claim, loan or payout batch');
// Control characters and path separators have no place in a name shown to people.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is what it refuses
const UNSHOWABLE = /[\u0000-\u001f\u007f/\\]/;

export const RequestUpload = z
  .strictObject({
    recordType: RecordType,
    recordId: RecordId,
    type: DocumentType,
    /** Shown to people only; never part of a storage key or path. */
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((name) => !UNSHOWABLE.test(name), 'must not contain control characters or slashes')
      .meta({ example: '商业计划书.pdf' }),
    contentType: ContentType,
    size: z
      .number()
      .int()
      .min(1)
      .max(MAX_DOCUMENT_BYTES, `at most ${MAX_DOCUMENT_BYTES} bytes (10 MB)`)
      .meta({ description: 'Bytes of the file; the upload must be exactly this long' }),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the SHA-256 of the file in hex (64 characters)')
      .transform((hex) => hex.toLowerCase()),
  })
  .superRefine((input, check) => {
    if (!input.recordId.startsWith(`${RECORD_PREFIXES[input.recordType]}_`)) {
      check.addIssue({
        code: 'custom',
        path: ['recordId'],
        message: `must be an id starting with ${RECORD_PREFIXES[input.recordType]}_ for a ${input.recordType}`,
      });
    }
  })
  .meta({ id: 'RequestUpload' });
export type RequestUpload = z.infer<typeof RequestUpload>;

export const Document = z
  .object({
    id: z.string().meta({ example: 'doc_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    recordType: RecordType,
    recordId: z.string(),
    type: DocumentType,
    fileName: z.string(),
    contentType: ContentType,
    size: z.number().int(),
    sha256: z.string(),
    status: DocumentStatus,
    rejectionReason: RejectionReason.optional(),
    /** The rejection in words, for the person who uploaded the file. */
    rejectionDetail: z.string().optional(),
    uploadedBy: z.string(),
    uploadedAt: z.string(),
    completedAt: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Document' });
export type Document = z.infer<typeof Document>;

export const UploadForm = z
  .object({
    document: Document,
    upload: z.object({
      method: z.literal('POST'),
      url: z.string(),
      /** Form fields to send before the file (which goes last, as the field `file`). */
      fields: z.record(z.string(), z.string()),
      expiresAt: z.string(),
    }),
  })
  .meta({ id: 'UploadForm' });
export type UploadForm = z.infer<typeof UploadForm>;

export const DownloadLink = z.object({ url: z.string(), expiresAt: z.string() }).meta({ id: 'DownloadLink' });
export type DownloadLink = z.infer<typeof DownloadLink>;

export const ChecklistItem = z.object({
  type: DocumentType,
  /** Ticked: at least one available document of this type backs the claim. */
  satisfied: z.boolean(),
  documentIds: z.array(z.string()),
});

export const DocumentChecklist = z
  .object({
    claimId: z.string(),
    programmeId: z.string(),
    complete: z.boolean(),
    items: z.array(ChecklistItem),
  })
  .meta({ id: 'DocumentChecklist' });
export type DocumentChecklist = z.infer<typeof DocumentChecklist>;
