import { auditRecord, commit } from '../audit/service';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict } from '../db/transact';
import { ConflictError, NotFoundError } from '../errors';
import { newId } from '../ids';
import {
  fileObjectionWrites,
  fromClaimItem,
  getClaimItem,
  getObjection,
  listDisclosedClaims,
  listObjectionsOf,
  saveClaimWrite,
  saveObjectionWrite,
  takeObjectionSlot,
  type ClaimItem,
} from './repository';
import type { Claim, Disclosure, FileObjection, Objection, ResolveObjection } from './schema';

/** Public objections taken per claim per hour: enough for real concerns, too few to stall a claim. */
export const MAX_OBJECTIONS_PER_CLAIM_PER_HOUR = Number(process.env.FUHUA_MAX_OBJECTIONS_PER_HOUR ?? 5);

function disclosureOf(claim: Claim, now: Date): Disclosure {
  return {
    claimId: claim.id,
    programmeId: claim.programmeId,
    programmeName: claim.programmeName,
    programmeKind: claim.programmeKind,
    name: claim.applicantNameMasked,
    idNumberMasked: claim.idNumberMasked,
    ...(claim.startupName ? { startupName: claim.startupName } : {}),
    amountFen: claim.amountFen,
    disclosureStartsAt: claim.disclosureStartsAt!,
    disclosureEndsAt: claim.disclosureEndsAt!,
    open: claim.status === 'verified' && now.toISOString() < claim.disclosureEndsAt!,
  };
}

/** Verified claims in or past disclosure, newest first, names and identity numbers masked. */
export async function listDisclosures(ctx: Ctx, page: PageQuery) {
  const result = await listDisclosedClaims(page);
  return { items: result.items.map((claim) => disclosureOf(claim, ctx.now)), nextCursor: result.nextCursor };
}

/** Anyone may object to a claim while its disclosure window is open; rate-limited per claim. */
export async function fileObjection(ctx: Ctx, claimId: string, input: FileObjection): Promise<Objection> {
  const claim = await getClaimItem(claimId);
  if (!claim || !claim.disclosureStartsAt || claim.status === 'submitted') throw new NotFoundError('disclosure');
  if (claim.status !== 'verified' || ctx.now.toISOString() >= claim.disclosureEndsAt!) {
    throw new ConflictError('The disclosure window of this claim has closed.', 'DISCLOSURE_CLOSED');
  }
  await takeObjectionSlot(claimId, ctx.now, MAX_OBJECTIONS_PER_CLAIM_PER_HOUR);
  const objection: Objection & { contact?: string } = {
    id: newId('obj'),
    claimId,
    reason: input.reason,
    status: 'open',
    filedAt: ctx.now.toISOString(),
    version: 1,
    ...(input.contact ? { contact: input.contact } : {}),
  };
  const { contact: _contact, ...view } = objection;
  await commit(ctx, [
    ...fileObjectionWrites(objection),
    // The objector's contact stays on the objection only, out of the audit trail.
    auditRecord(ctx, { action: 'objection.filed', entityType: 'claim', entityId: claimId, after: view }),
  ]);
  return view;
}

/** An officer upholds (the claim is rejected) or dismisses an open objection. */
export async function resolveObjection(ctx: Ctx, id: string, input: ResolveObjection): Promise<Objection> {
  return retryOnConflict(async () => {
    const objection = await getObjection(id);
    if (!objection) throw new NotFoundError('objection');
    if (objection.status !== 'open') throw new ConflictError(`The objection was already ${objection.status}.`, 'OBJECTION_RESOLVED');
    const claim = await getClaimItem(objection.claimId);
    if (!claim) throw new NotFoundError('claim');
    const at = ctx.now.toISOString();
    const upheld = input.decision === 'upheld';
    const claimAfter: ClaimItem = {
      ...claim,
      openObjections: claim.openObjections - 1,
      upheldObjections: claim.upheldObjections + (upheld ? 1 : 0),
      // An upheld objection rejects a claim still in disclosure; a claim can be in no batch while one is open.
      status: upheld && claim.status === 'verified' ? 'rejected' : claim.status,
      updatedAt: at,
      version: claim.version + 1,
    };
    const after: Objection = {
      ...objection,
      status: input.decision,
      resolvedBy: ctx.actor.sub,
      resolvedAt: at,
      ...(input.notes ? { resolutionNotes: input.notes } : {}),
      version: objection.version + 1,
    };
    await commit(ctx, [
      saveObjectionWrite(after, objection.version),
      saveClaimWrite(claimAfter, claim.version),
      auditRecord(ctx, {
        action: `objection.${input.decision}`,
        entityType: 'claim',
        entityId: claim.id,
        before: fromClaimItem(claim),
        after: fromClaimItem(claimAfter),
      }),
    ]);
    const { contact: _c, ...view } = after as Objection & { contact?: string };
    return view;
  });
}

export async function listObjections(claimId: string, page: PageQuery) {
  const result = await listObjectionsOf(claimId, page);
  return { items: result.items.map(({ contact: _c, ...o }: Objection & { contact?: string }) => o), nextCursor: result.nextCursor };
}
