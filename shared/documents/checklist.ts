import { UnprocessableError } from '../errors';
import { idPattern } from '../ids';
import { getDocuments } from './repository';
import type { Document, DocumentType } from './schema';

const DOCUMENT_ID = idPattern('doc');

/** The entries of an `evidence` list that are document ids (the rest are references typed by people). */
export function documentIdsIn(evidence: readonly string[]): string[] {
  return [...new Set(evidence.filter((entry) => DOCUMENT_ID.test(entry)))];
}

/** Whose papers may back a claim: the claimant's own profile and the startup the claim is for. */
export interface EvidenceOwner {
  applicantId: string;
  startupId?: string;
}

function ownedBy(document: Document, owner: EvidenceOwner): boolean {
  return (
    (document.recordType === 'applicant' && document.recordId === owner.applicantId) ||
    (document.recordType === 'startup' && owner.startupId !== undefined && document.recordId === owner.startupId)
  );
}

/**
 * The documents an evidence list names, each checked to be available and the owner's own; a
 * document that is not looks exactly like one that does not exist.
 */
export async function evidenceDocuments(evidence: readonly string[], owner: EvidenceOwner): Promise<Document[]> {
  const ids = documentIdsIn(evidence);
  if (ids.length === 0) return [];
  const found = await getDocuments(ids);
  return ids.map((id, i) => {
    const document = found[i];
    if (!document || document.status !== 'available' || !ownedBy(document, owner)) {
      throw new UnprocessableError(
        `Evidence ${id} is not an available document of your profile or of the startup you claim for: upload it there and complete it first.`,
        'EVIDENCE_NOT_AVAILABLE',
        { documentId: id },
      );
    }
    return document;
  });
}

/** The required types no document covers. */
export function missingDocumentTypes(required: readonly DocumentType[], documents: readonly Pick<Document, 'type' | 'status'>[]): DocumentType[] {
  return required.filter((type) => !documents.some((document) => document.type === type && document.status === 'available'));
}

/**
 * The hook of claim submission: every document id in the claim's evidence is an available
 * document of the claimant, and together they cover every type the programme requires.
 */
export async function requiredDocumentsCheck(
  programme: { requiredDocuments?: readonly DocumentType[] },
  evidence: readonly string[],
  owner: EvidenceOwner,
): Promise<void> {
  const documents = await evidenceDocuments(evidence, owner);
  const missing = missingDocumentTypes(programme.requiredDocuments ?? [], documents);
  if (missing.length > 0) {
    throw new UnprocessableError(
      `This programme needs these documents with the claim: ${missing.join(', ')}. Upload them to your profile or startup and list their ids in evidence.`,
      'REQUIRED_DOCUMENTS_MISSING',
      { missing },
    );
  }
}
