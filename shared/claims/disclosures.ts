import { createHmac } from 'node:crypto';
import { auditRecord, commit } from '../audit';
import { hasRole, type Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict } from '../db/transact';
import { refuseOwnRecord } from '../duties';
import { ConflictError, NotFoundError, TooManyRequestsError } from '../errors';
import { newId } from '../ids';
import { secrets } from '../secrets';
import { rejectionWrites } from './service';
import {
  beneficiariesOf,
  fileObjectionWrites,
  fromClaimItem,
  getClaimItem,
  getObjection,
  listDisclosedClaims,
  listObjectionsOf,
  saveClaimWrite,
  saveObjectionWrite,
  claimKeys,
  takeHourlySlot,
  type ClaimItem,
} from './repository';
import type { Claim, Disclosure, FileObjection, Objection, ResolveObjection } from './schema';

/**
 * Public objections are limited per sender and per claim, each per hour. The sender's limit is the
 * lower one, so a flood from one source uses up only its own share and others can still object.
 */
export function objectionLimits() {
  return {
    perSender: Number(process.env.FUHUA_MAX_OBJECTIONS_PER_SENDER_PER_HOUR ?? 3),
    perClaim: Number(process.env.FUHUA_MAX_OBJECTIONS_PER_CLAIM_PER_HOUR ?? 20),
  };
}

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
    ...(claim.noticeNumber ? { noticeNumber: claim.noticeNumber } : {}),
    disclosureStartsAt: claim.disclosureStartsAt!,
    disclosureEndsAt: claim.disclosureEndsAt!,
    open: claim.status === 'verified' && now.toISOString() < claim.disclosureEndsAt!,
  };
}

/** Claims published on a disclosure notice, newest first, names and identity numbers masked. */
export async function listDisclosures(ctx: Ctx, page: PageQuery) {
  const result = await listDisclosedClaims(page);
  return { items: result.items.map((claim) => disclosureOf(claim, ctx.now)), nextCursor: result.nextCursor };
}

/** A keyed fingerprint of the sender's address: counts them without storing where they are. */
async function senderKey(address: string): Promise<string> {
  const { idNumberKey } = await secrets();
  return createHmac('sha256', Buffer.from(idNumberKey, 'base64')).update(`objection-sender:${address}`).digest('hex').slice(0, 32);
}

const secondsToNextHour = (at: Date) => 3600 - Math.floor((at.getTime() % 3_600_000) / 1000);

/** Anyone may object to a claim while its notice is open; limited per sender and per claim, each hour. */
export async function fileObjection(ctx: Ctx, claimId: string, input: FileObjection, senderAddress: string): Promise<Objection> {
  const claim = await getClaimItem(claimId);
  if (!claim || !claim.noticeId || !claim.disclosureStartsAt) throw new NotFoundError('disclosure');
  if (claim.status !== 'verified' || ctx.now.toISOString() >= claim.disclosureEndsAt!) {
    throw new ConflictError('The disclosure window of this claim has closed.', 'DISCLOSURE_CLOSED');
  }
  const limits = objectionLimits();
  const hour = ctx.now.toISOString().slice(0, 13);
  const retryAfter = secondsToNextHour(ctx.now);
  if (!(await takeHourlySlot(claimKeys.senderRate(await senderKey(senderAddress), hour), ctx.now, limits.perSender))) {
    throw new TooManyRequestsError(
      `At most ${limits.perSender} objections an hour are taken from one sender; try again later.`,
      retryAfter,
      'TOO_MANY_OBJECTIONS',
    );
  }
  if (!(await takeHourlySlot(claimKeys.objectionRate(claimId, hour), ctx.now, limits.perClaim))) {
    throw new TooManyRequestsError(`At most ${limits.perClaim} objections an hour are taken on one claim; try again later.`, retryAfter, 'TOO_MANY_OBJECTIONS');
  }
  const objection: Objection = {
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

/** An officer (never one the claim pays) upholds (the claim is rejected, its holds freed) or dismisses an open objection. */
export async function resolveObjection(ctx: Ctx, id: string, input: ResolveObjection): Promise<Objection> {
  return retryOnConflict(async () => {
    const objection = await getObjection(id);
    if (!objection) throw new NotFoundError('objection');
    const claim = await getClaimItem(objection.claimId);
    if (!claim) throw new NotFoundError('claim');
    refuseOwnRecord(ctx, beneficiariesOf(claim), 'a claim');
    if (objection.status !== 'open') throw new ConflictError(`The objection was already ${objection.status}.`, 'OBJECTION_RESOLVED');
    const at = ctx.now.toISOString();
    const upheld = input.decision === 'upheld';
    const counts = { openObjections: claim.openObjections - 1, upheldObjections: claim.upheldObjections + (upheld ? 1 : 0) };
    // An upheld objection rejects a claim still waiting for payment (none can be in a batch while one is open).
    const rejects = upheld && claim.status === 'verified';
    const { after: claimAfter, writes: claimWrites } = rejects
      ? rejectionWrites(ctx, claim, `An objection to the public disclosure was upheld: ${input.notes ?? objection.reason}`, counts)
      : (() => {
          const after: ClaimItem = { ...claim, ...counts, updatedAt: at, version: claim.version + 1 };
          return { after, writes: [saveClaimWrite(after, claim.version)] };
        })();
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
      ...claimWrites,
      auditRecord(ctx, {
        action: `objection.${input.decision}`,
        entityType: 'claim',
        entityId: claim.id,
        before: fromClaimItem(claim),
        after: fromClaimItem(claimAfter),
      }),
    ]);
    const { contact: _c, ...view } = after;
    return view;
  });
}

/** The objections to a claim; officers (who answer them) also see how to reach each objector. */
export async function listObjections(ctx: Ctx, claimId: string, page: PageQuery) {
  const result = await listObjectionsOf(claimId, page);
  const officer = hasRole(ctx, 'officer');
  return { items: result.items.map(({ contact, ...o }) => (officer && contact ? { ...o, contact } : o)), nextCursor: result.nextCursor };
}
