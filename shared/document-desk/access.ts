import { getApplicantItem } from '../applicants';
import { findApplication as getApplication } from '../applications';
import { hasRole, type Ctx } from '../context';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { getLoan } from '../loans';
import type { Role } from '../roles';
import { isMentorOfStartup } from '../mentors';
import { findStartup as getStartup } from '../startups';
import { ACTIVE_STARTUP_STATUSES } from '../startups';
import { getBatch } from '../payouts';
import { getClaimItem } from '../claims';
import { DOCUMENT_TYPES, type DocumentType, type RecordType } from '../documents';

/** The record a document belongs to, as far as the rules of documents need to know it. */
export interface DocumentRecord {
  type: RecordType;
  id: string;
  /** The person whose own record it is (applicant, founder, claimant); none for staff records. */
  ownerUserId?: string;
  /** Whether its owner may still attach papers (an application before its decision, a claim before verification). */
  openToOwner: boolean;
}

/** A record whose documents the caller may see: all of them, or (a mentor under the centre's setting) only some types. */
export interface ReadableRecord extends DocumentRecord {
  visibleTypes: 'all' | ReadonlySet<DocumentType>;
}

/**
 * Staff who read a record's documents: those who read the record itself. Mentors and park
 * managers read none, even where they may read the record (a mentor's startup, a manager's tenant):
 * evidence is for those who decide money and admission, and for supervision. A centre may let
 * mentors open some types on the startups they mentor (`mentorDocumentTypes`, below).
 */
const READERS: Record<RecordType, readonly Role[]> = {
  applicant: ['officer', 'auditor'],
  application: ['officer', 'auditor'],
  startup: ['officer', 'auditor'],
  claim: ['officer', 'finance', 'auditor'],
  loan: ['officer', 'finance', 'auditor'],
  payout_batch: ['finance', 'auditor'],
};

/** Staff who attach papers: officers their verification papers and inspection photos, finance the bank's files. */
const ATTACHERS: Record<RecordType, readonly Role[]> = {
  applicant: ['officer'],
  application: ['officer'],
  startup: ['officer'],
  claim: ['officer', 'finance'],
  loan: ['officer', 'finance'],
  payout_batch: ['finance'],
};

/** Only staff take inspection photos: a founder's own photo of their premises is not an inspection. */
const STAFF_ONLY_TYPES: ReadonlySet<DocumentType> = new Set(['inspection_photo']);

/** Reads the record a document is (to be) attached to; undefined when there is none. */
export async function findRecord(type: RecordType, id: string): Promise<DocumentRecord | undefined> {
  switch (type) {
    case 'applicant': {
      const applicant = await getApplicantItem(id);
      return applicant && { type, id, ownerUserId: applicant.userId, openToOwner: true };
    }
    case 'application': {
      const application = await getApplication(id);
      return (
        application && { type, id, ownerUserId: application.applicantUserId, openToOwner: ['draft', 'submitted', 'under_review'].includes(application.status) }
      );
    }
    case 'startup': {
      const startup = await getStartup(id);
      return startup && { type, id, ownerUserId: startup.founderUserId, openToOwner: ACTIVE_STARTUP_STATUSES.includes(startup.status) };
    }
    case 'claim': {
      const claim = await getClaimItem(id);
      return claim && { type, id, ownerUserId: claim.applicantUserId, openToOwner: claim.status === 'submitted' };
    }
    case 'loan':
      return (await getLoan(id)) && { type, id, openToOwner: false };
    case 'payout_batch':
      return (await getBatch(id)) && { type, id, openToOwner: false };
  }
}

const isOwner = (ctx: Ctx, record: DocumentRecord) => record.ownerUserId !== undefined && record.ownerUserId === ctx.actor.sub;
const actsAs = (ctx: Ctx, roles: readonly Role[]) => roles.some((role) => hasRole(ctx, role));

/** Whether the caller may see all of the record's documents: its owner, or staff who read such records. */
export function canReadDocuments(ctx: Ctx, record: DocumentRecord): boolean {
  return isOwner(ctx, record) || actsAs(ctx, READERS[record.type]);
}

let parsedSetting: { raw: string; types: ReadonlySet<DocumentType> } | undefined;

/**
 * The document types a mentor may open on a startup they mentor now: the centre's setting
 * `FUHUA_MENTOR_DOCUMENT_TYPES` (comma-separated types, e.g. `business_plan`; none when unset, the
 * default). Papers of other records (applications, claims, loans) stay closed to mentors.
 */
export function mentorDocumentTypes(): ReadonlySet<DocumentType> {
  const raw = process.env.FUHUA_MENTOR_DOCUMENT_TYPES ?? '';
  if (parsedSetting?.raw !== raw) {
    const names = raw
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const unknown = names.filter((name) => !(DOCUMENT_TYPES as readonly string[]).includes(name));
    if (unknown.length > 0)
      throw new Error(`FUHUA_MENTOR_DOCUMENT_TYPES names unknown document types: ${unknown.join(', ')} (known: ${DOCUMENT_TYPES.join(', ')}).`);
    parsedSetting = { raw, types: new Set(names as DocumentType[]) };
  }
  return parsedSetting.types;
}

/**
 * The record, if the caller may see its documents, and which of them. To anyone else it does not
 * exist: 404, as the record itself answers them.
 */
export async function readableRecord(ctx: Ctx, type: RecordType, id: string): Promise<ReadableRecord> {
  const record = await findRecord(type, id);
  if (record && canReadDocuments(ctx, record)) return { ...record, visibleTypes: 'all' };
  if (record?.type === 'startup' && mentorDocumentTypes().size > 0 && (await isMentorOfStartup(ctx, record.id))) {
    return { ...record, visibleTypes: mentorDocumentTypes() };
  }
  throw new NotFoundError(type.replace('_', ' '));
}

/** Whether a document of this type is among those the caller may see on a readable record. */
export function isVisibleType(record: ReadableRecord, type: DocumentType): boolean {
  return record.visibleTypes === 'all' || record.visibleTypes.has(type);
}

/** Checks that the caller may attach a document of this type to the record now. */
export function assertMayAttach(ctx: Ctx, record: DocumentRecord, type: DocumentType): void {
  if (actsAs(ctx, ATTACHERS[record.type])) return;
  if (!isOwner(ctx, record)) throw new ForbiddenError(`Your role may not attach documents to a ${record.type.replace('_', ' ')}.`);
  if (STAFF_ONLY_TYPES.has(type)) throw new ForbiddenError('Inspection photos are taken and attached by officers.', 'STAFF_ONLY_DOCUMENT_TYPE');
  if (!record.openToOwner) {
    throw new ConflictError(`This ${record.type.replace('_', ' ')} takes no more documents from you: it has been decided or closed.`, 'RECORD_CLOSED');
  }
}
