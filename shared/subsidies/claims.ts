import { findApplicantOfUser } from '../applicants/service';
import { requiredDocumentsCheck } from '../documents/checklist';
import { auditRecord, commit } from '../audit/service';
import { hasRole, type Ctx } from '../context';
import { sealText } from '../crypto';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict } from '../db/transact';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { maskAccountNumber, maskName } from '../privacy';
import { getStartup } from '../startups/repository';
import type { Startup } from '../startups/schema';
import { bankAccountFingerprint } from './bank-accounts';
import { checkEligibility, computeAmount } from './eligibility';
import { requireProgramme } from './programmes';
import {
  fromClaimItem,
  disclosureDueWrite,
  getClaimItem,
  listClaimsOfProgramme,
  listClaimsOfUser,
  saveClaimWrite,
  submitClaimWrites,
  type ClaimItem,
} from './repository';
import type { Claim, ClaimStatus, SubmitClaim, VerifyClaim } from './schema';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Submits the caller's claim: eligibility checked, amount computed here, one claim per person per programme. */
export async function submitClaim(ctx: Ctx, input: SubmitClaim): Promise<Claim> {
  const programme = await requireProgramme(input.programmeId);
  const applicant = await findApplicantOfUser(ctx.actor.sub);
  if (!applicant) throw new NotFoundError('applicant profile; register one with POST /v1/applicants');
  let startup: Startup | undefined;
  if (input.startupId) {
    startup = await getStartup(input.startupId);
    // Someone else's startup looks like no startup at all.
    if (!startup || startup.founderUserId !== ctx.actor.sub) throw new NotFoundError('startup');
  }
  await checkEligibility(programme, applicant, startup, ctx.now);
  await requiredDocumentsCheck(programme, input.evidence, { applicantId: applicant.id, startupId: startup?.id });
  const { amountFen, basis } = await computeAmount(programme, startup, ctx.now);
  const at = ctx.now.toISOString();
  const { accountNumber, ...bank } = input.bankAccount;
  const claim: ClaimItem = {
    id: newId('clm'),
    programmeId: programme.id,
    programmeKind: programme.kind,
    programmeName: programme.name,
    applicantId: applicant.id,
    applicantUserId: ctx.actor.sub,
    applicantNameMasked: maskName(applicant.name),
    idNumberMasked: applicant.idNumberMasked,
    ...(startup ? { startupId: startup.id, startupName: startup.name } : {}),
    amountFen,
    amountBasis: basis,
    bankAccount: { ...bank, accountNumberMasked: maskAccountNumber(accountNumber) },
    bankAccountCipher: await sealText(JSON.stringify(input.bankAccount)),
    bankAccountFingerprint: await bankAccountFingerprint(accountNumber),
    evidence: input.evidence,
    status: 'submitted',
    submittedAt: at,
    openObjections: 0,
    upheldObjections: 0,
    updatedAt: at,
    version: 1,
  };
  const view = fromClaimItem(claim);
  await commit(ctx, [
    ...submitClaimWrites(claim),
    auditRecord(ctx, {
      action: 'claim.submitted',
      entityType: 'claim',
      entityId: claim.id,
      after: view,
      event: {
        type: 'ClaimSubmitted',
        data: { claimId: claim.id, programmeId: programme.id, programmeKind: programme.kind, applicantId: applicant.id, startupId: startup?.id ?? null },
      },
    }),
  ]);
  return view;
}

/** An officer verifies (opening public disclosure) or rejects a submitted claim. */
export async function verifyClaim(ctx: Ctx, id: string, input: VerifyClaim): Promise<Claim> {
  return retryOnConflict(async () => {
    const claim = await getClaimItem(id);
    if (!claim) throw new NotFoundError('claim');
    if (claim.status !== 'submitted') {
      throw new ConflictError(`A ${claim.status} claim cannot be verified or rejected.`, 'INVALID_TRANSITION', { from: claim.status });
    }
    const programme = await requireProgramme(claim.programmeId);
    const at = ctx.now.toISOString();
    const after: ClaimItem = {
      ...claim,
      status: input.decision === 'verify' ? 'verified' : 'rejected',
      verifiedBy: ctx.actor.sub,
      verifiedAt: at,
      ...(input.notes ? { decisionNotes: input.notes } : {}),
      ...(input.decision === 'verify'
        ? { disclosureStartsAt: at, disclosureEndsAt: new Date(ctx.now.getTime() + programme.disclosureDays * DAY_MS).toISOString() }
        : {}),
      updatedAt: at,
      version: claim.version + 1,
    };
    await commit(ctx, [
      saveClaimWrite(after, claim.version),
      ...(input.decision === 'verify' ? [disclosureDueWrite(after)] : []),
      auditRecord(ctx, {
        action: input.decision === 'verify' ? 'claim.verified' : 'claim.rejected',
        entityType: 'claim',
        entityId: claim.id,
        before: fromClaimItem(claim),
        after: fromClaimItem(after),
        event:
          input.decision === 'verify'
            ? { type: 'ClaimVerified', data: { claimId: claim.id, programmeId: claim.programmeId, amountFen: claim.amountFen } }
            : undefined,
      }),
    ]);
    return fromClaimItem(after);
  });
}

const STAFF = ['officer', 'finance', 'auditor'] as const;
const isStaff = (ctx: Ctx) => STAFF.some((role) => hasRole(ctx, role));

/** Staff read any claim; an applicant only their own (others look like 404). */
export async function getClaim(ctx: Ctx, id: string): Promise<Claim> {
  const claim = await getClaimItem(id);
  if (!claim || (!isStaff(ctx) && claim.applicantUserId !== ctx.actor.sub)) throw new NotFoundError('claim');
  return fromClaimItem(claim);
}

export interface ClaimListQuery {
  mine?: boolean;
  programmeId?: string;
  status?: ClaimStatus;
}

/** The caller's own claims (`mine=true`), or a programme's claims by status for staff. */
export async function listClaims(ctx: Ctx, query: ClaimListQuery, page: PageQuery) {
  if (query.mine) return listClaimsOfUser(ctx.actor.sub, page);
  if (!isStaff(ctx)) throw new ForbiddenError('Applicants list their own claims with mine=true.');
  if (!query.programmeId) throw new ValidationError('Give programmeId (or mine=true).', [{ field: 'query.programmeId', message: 'required' }]);
  return listClaimsOfProgramme(query.programmeId, query.status, page);
}

/** Payable: verified, disclosure window over, no objection open or upheld, not in a batch. */
export function isPayable(claim: Claim, now: Date): boolean {
  return (
    claim.status === 'verified' &&
    claim.disclosureEndsAt !== undefined &&
    claim.disclosureEndsAt <= now.toISOString() &&
    claim.openObjections === 0 &&
    claim.upheldObjections === 0
  );
}
