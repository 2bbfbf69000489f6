import type { Ctx } from '../context';
import { getClaim } from '../claims';
import { requireProgramme } from '../programmes';
import { documentIdsIn } from '../documents';
import { getDocuments, listDocumentsOf } from '../documents';
import type { Document, DocumentChecklist } from '../documents';

/**
 * The programme's checklist for one claim, ticked where an available document backs it: those
 * named in the claim's evidence and those attached to the claim since. For the officer who
 * verifies the claim, and for the claimant (404 to anyone who may not see the claim).
 */
export async function claimChecklist(ctx: Ctx, claimId: string): Promise<DocumentChecklist> {
  const claim = await getClaim(ctx, claimId);
  const programme = await requireProgramme(claim.programmeId);
  const referenced = documentIdsIn(claim.evidence);
  const [named, attached] = await Promise.all([
    referenced.length > 0 ? getDocuments(referenced) : Promise.resolve([]),
    listDocumentsOf('claim', claim.id, { limit: 100 }),
  ]);
  const documents = [...named, ...attached.items].filter((d): d is Document => d?.status === 'available');
  const items = (programme.requiredDocuments ?? []).map((type) => {
    const documentIds = [...new Set(documents.filter((d) => d.type === type).map((d) => d.id))];
    return { type, satisfied: documentIds.length > 0, documentIds };
  });
  return { claimId: claim.id, programmeId: programme.id, complete: items.every((item) => item.satisfied), items };
}
