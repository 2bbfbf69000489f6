import { applicantFromItem as applicantOf, getApplicantItem } from '../applicants';
import type { Applicant } from '../applicants';
import { findApplicantOfUser } from '../applicants';
import { requiredDocumentsCheck } from '../documents';
import { auditRecord, commit } from '../audit';
import { hasRole, type Ctx } from '../context';
import { sealText } from '../crypto';
import { allPagesUpTo, type PageQuery } from '../db/pagination';
import { toCsv } from '../csv';
import { yuan } from '../money';
import { retryOnConflict, type TxItem } from '../db/transact';
import { refuseOwnRecord } from '../duties';
import { ConflictError, ForbiddenError, NotEligibleError, NotFoundError, UnprocessableError, ValidationError } from '../errors';
import { newId } from '../ids';
import { maskAccountNumber, maskName } from '../privacy';
import { isFounderOf, peopleOf } from '../startups';
import { findStartup as getStartup } from '../startups';
import type { Startup } from '../startups';
import { bankAccountFingerprint } from './bank-accounts';
import { checkEligibility, computeAmount, factChanges, factsOf } from './eligibility';
import { getHold, HoldTakenError, holdKeys, holdsOf, isPeriodic, releaseHoldWrites } from './holds';
import { requireProgramme } from '../programmes';
import { dayOf } from '../clock';
import { checkTrainingCertificate, recheckTrainingCertificate } from './training-subsidy';
import {
  accountHolderWrite,
  beneficiariesOf,
  claimStatusCheck,
  fromClaimItem,
  getClaimItem,
  listClaimsOfProgramme,
  listClaimsOfUser,
  newClaimState,
  saveClaimWrite,
  submitClaimWrites,
  type ClaimItem,
} from './repository';
import type { BankAccountInput, Claim, ClaimStatus, SubmitClaim, VerifyClaim } from './schema';
import type { Programme } from '../programmes';

const sameName = (a: string, b: string) => {
  const plain = (name: string) => name.replace(/\s+/g, '').replaceAll('（', '(').replaceAll('）', ')');
  return plain(a) === plain(b);
};

/** The bank account must be the claimant's own, or the business's (its registered name) when the claim is for one. */
function checkAccountHolder(account: BankAccountInput, applicant: Applicant, startup: Startup | undefined): void {
  const business = startup ? (startup.businessName ?? startup.name) : undefined;
  if (sameName(account.accountName, applicant.name) || (business && sameName(account.accountName, business))) return;
  throw new UnprocessableError(
    business
      ? `The account must be held by you (${applicant.name}) or by the business (${business}).`
      : `The account must be held by you (${applicant.name}): subsidies are paid to the claimant.`,
    'ACCOUNT_NAME_MISMATCH',
  );
}

async function sealedAccount(account: BankAccountInput) {
  const { accountNumber, ...bank } = account;
  return {
    bankAccount: { ...bank, accountNumberMasked: maskAccountNumber(accountNumber) },
    bankAccountCipher: await sealText(JSON.stringify(account)),
    bankAccountFingerprint: await bankAccountFingerprint(accountNumber),
  };
}

/** The earlier claim that holds what this one asked for, as the 409 the claimant sees. */
async function heldByEarlierClaim(error: HoldTakenError, programme: Programme, applicant: Applicant, stage?: number): Promise<Error> {
  const hold = await getHold(error.holdKey);
  if (!hold) return new ConflictError('Another claim changed at the same moment; submit again.', 'CONCURRENT_UPDATE');
  const earlier = { earlierClaimId: hold.claimId, earlierProgrammeId: hold.programmeId };
  if (error.holdKey.startsWith('PAID_MONTH#')) {
    const period = error.holdKey.split('#').pop()!;
    return new ConflictError(`${period} is already subsidised by claim ${hold.claimId}; a month is paid once, whatever the programme.`, 'ALREADY_SUBSIDISED', {
      period,
      ...earlier,
    });
  }
  if (error.holdKey.includes('#COURSE#')) {
    const [courseType, year] = [error.holdKey.split('#COURSE#')[1]!.split('#')[0]!, error.holdKey.split('#YEAR#')[1]!];
    return new ConflictError(
      `A training subsidy of ${programme.policy} is paid once per person, course type and year: claim ${hold.claimId} already holds it for ${courseType} in ${year}.`,
      'ALREADY_RECEIVED',
      { ...earlier, policy: programme.policy, by: 'person', courseType, year },
    );
  }
  const what = stage ? `stage ${stage} of ` : '';
  if (hold.programmeId === programme.id && hold.applicantId === applicant.id) {
    return new ConflictError(`You have already claimed ${what}this programme (claim ${hold.claimId}).`, 'ALREADY_CLAIMED', {
      ...earlier,
      ...(stage ? { stage } : {}),
    });
  }
  const by = error.holdKey.includes('#PERSON#') ? 'person' : 'business';
  return new ConflictError(
    `${stage ? `Stage ${stage} of the` : 'The'} policy ${programme.policy} is received once per person and once per business: claim ${hold.claimId} already holds it for this ${by}.`,
    'ALREADY_RECEIVED',
    { ...earlier, policy: programme.policy, by, ...(stage ? { stage } : {}) },
  );
}

/** Statuses in which an earlier stage counts as received: the next stage may be claimed. */
const STAGE_RECEIVED: readonly ClaimStatus[] = ['verified', 'batched', 'paid'];

/** The stage a claim names, checked against its programme: tiered programmes need one, others take none. */
function stageOfClaim(programme: Programme, stage: number | undefined): number | undefined {
  if (!programme.stages) {
    if (stage !== undefined) throw new ValidationError('This programme has no stages.', [{ field: 'body.stage', message: 'not for this programme' }]);
    return undefined;
  }
  if (stage === undefined || stage > programme.stages.length) {
    throw new ValidationError(`Name the stage claimed (1 to ${programme.stages.length}).`, [
      { field: 'body.stage', message: 'required: a stage of the programme' },
    ]);
  }
  return stage;
}

/**
 * Stage 2 and later of a tiered policy: the business's claim of the stage before is verified or paid.
 * Read here to answer in words, and checked again in the claim's transaction (a ConditionCheck on
 * that claim), so a rejection racing the claim cannot let it through.
 */
async function stageOrderCheck(programme: Programme, stage: number | undefined, startup: Startup | undefined): Promise<TxItem[]> {
  if (!stage || stage === 1 || !startup) return [];
  const refused = () =>
    new NotEligibleError(
      'stageOrder',
      `Stage ${stage - 1} of ${programme.policy} must be verified or paid for this business before stage ${stage} is claimed.`,
    );
  const hold = await getHold(holdKeys.business(holdKeys.staged(programme.policy, stage - 1), startup.id));
  if (!hold) throw refused();
  const earlier = await getClaimItem(hold.claimId);
  if (!earlier || !STAGE_RECEIVED.includes(earlier.status)) throw refused();
  return [claimStatusCheck(earlier.id, STAGE_RECEIVED, refused)];
}

/**
 * Submits the caller's claim: eligibility checked and the amount computed here, from stored facts,
 * which the claim keeps. Its holds (once per person and business for a one-off policy; each month
 * of rent or interest once) are taken in the same transaction, so parallel claims cannot both pass.
 */
export async function submitClaim(ctx: Ctx, input: SubmitClaim): Promise<Claim> {
  const programme = await requireProgramme(input.programmeId);
  const training = programme.kind === 'training_subsidy' ? programme.trainingSubsidy : undefined;
  if (input.certificateNumber && programme.kind !== 'training_subsidy') {
    throw new ValidationError('A certificate is named by training-subsidy claims only.', [
      { field: 'body.certificateNumber', message: 'not for this programme' },
    ]);
  }
  const applicant = await claimantOf(ctx, training?.claimant === 'institution', input.applicantId);
  let startup: Startup | undefined;
  if (input.startupId) {
    startup = await getStartup(input.startupId);
    // Someone else's startup looks like no startup at all.
    if (!startup || !isFounderOf(startup, ctx.actor.sub)) throw new NotFoundError('startup');
  }
  if (input.periods && !isPeriodic(programme.kind)) {
    throw new ValidationError('periods are claimed from rent and loan-interest subsidies only.', [
      { field: 'body.periods', message: 'not for this programme' },
    ]);
  }
  const stage = stageOfClaim(programme, input.stage);
  const { jobsVerified, stageReachedOn } = await checkEligibility(programme, applicant, startup, ctx.now, true, stage);
  await requiredDocumentsCheck(programme, input.evidence, { applicantId: applicant.id, startupId: startup?.id });
  const amount = await computeAmount(programme, startup, ctx.now, input.periods, stage);
  const stageOrder = await stageOrderCheck(programme, stage, startup);
  const certified = training ? await checkTrainingCertificate(training, applicant.id, input.certificateNumber, dayOf(ctx.now)) : undefined;
  if (training?.claimant === 'institution') checkInstitutionAccount(input.bankAccount, certified!.institution.name);
  else checkAccountHolder(input.bankAccount, applicant, startup);
  const at = ctx.now.toISOString();
  const id = newId('clm');
  const claim: ClaimItem = {
    id,
    programmeId: programme.id,
    programmeKind: programme.kind,
    programmeName: programme.name,
    policy: programme.policy,
    ...(stage ? { stage } : {}),
    applicantId: applicant.id,
    applicantUserId: applicant.userId,
    applicantNameMasked: maskName(applicant.name),
    idNumberMasked: applicant.idNumberMasked,
    ...(startup ? { startupId: startup.id, startupName: startup.name } : {}),
    amountFen: amount.amountFen,
    amountBasis: amount.basis,
    facts: {
      ...factsOf(applicant, startup, amount, jobsVerified, stageReachedOn),
      ...(certified ? { ...certified.facts, paidTo: training!.claimant } : {}),
    },
    ...(await sealedAccount(input.bankAccount)),
    evidence: input.evidence,
    ...newClaimState(at),
    holds: holdsOf(programme, {
      applicantId: applicant.id,
      startupId: startup?.id,
      creditCode: startup?.creditCode,
      periods: amount.periods,
      stage,
      certificate: certified?.certificate,
    }),
    // An institution's claim: the officer who entered it is never the one who verifies it, nor the trainee.
    beneficiaryUserIds: [...new Set([ctx.actor.sub, applicant.userId, ...(startup ? peopleOf(startup) : [])])],
  };
  const view = fromClaimItem(claim);
  try {
    // A collision with a parallel claim on the same holds is decided again: then its hold is there.
    await retryOnConflict(() =>
      commit(ctx, [
        ...submitClaimWrites(claim),
        ...stageOrder,
        auditRecord(ctx, {
          action: 'claim.submitted',
          entityType: 'claim',
          entityId: claim.id,
          after: view,
          event: {
            type: 'ClaimSubmitted',
            data: {
              claimId: claim.id,
              programmeId: programme.id,
              programmeKind: programme.kind,
              applicantId: applicant.id,
              startupId: startup?.id ?? null,
              ...(stage ? { stage } : {}),
            },
          },
        }),
      ]),
    );
  } catch (error) {
    if (error instanceof HoldTakenError) throw await heldByEarlierClaim(error, programme, applicant, stage);
    throw error;
  }
  return view;
}

/**
 * Who a claim is for: the caller's own profile; for a training subsidy its institution claims, the
 * trainee an officer names (institutions have no logins: an officer enters the claim on the
 * institution's behalf, paid to its account, and another officer verifies it).
 */
async function claimantOf(ctx: Ctx, byInstitution: boolean, applicantId: string | undefined): Promise<Applicant> {
  if (byInstitution) {
    if (ctx.role !== 'officer')
      throw new ForbiddenError('An officer enters this training subsidy on behalf of the training institution.', 'CLAIMED_BY_INSTITUTION');
    if (!applicantId) throw new ValidationError('Name the trainee the institution claims for.', [{ field: 'body.applicantId', message: 'required' }]);
    const item = await getApplicantItem(applicantId);
    if (!item) throw new NotFoundError('applicant');
    return applicantOf(item);
  }
  if (ctx.role !== 'applicant') throw new ForbiddenError('Officers enter claims only for training institutions; claimants submit their own.');
  if (applicantId) throw new ValidationError('You claim for yourself.', [{ field: 'body.applicantId', message: 'only for claims of a training institution' }]);
  const applicant = await findApplicantOfUser(ctx.actor.sub);
  if (!applicant) throw new NotFoundError('applicant profile; register one with POST /v1/applicants');
  return applicant;
}

/** An institution's training subsidy is paid to the institution's own account (its listed name). */
function checkInstitutionAccount(account: BankAccountInput, institutionName: string): void {
  if (sameName(account.accountName, institutionName)) return;
  throw new UnprocessableError(`The account must be held by the training institution (${institutionName}).`, 'ACCOUNT_NAME_MISMATCH');
}

/**
 * The writes that reject a claim with its reason (shown to the claimant) and free its holds, so
 * that a corrected claim may be made. Not for a claim in a batch or paid.
 */
export function rejectionWrites(ctx: Ctx, claim: ClaimItem, reason: string, changes: Partial<ClaimItem> = {}): { after: ClaimItem; writes: TxItem[] } {
  const at = ctx.now.toISOString();
  const after: ClaimItem = {
    ...claim,
    ...changes,
    status: 'rejected',
    rejectionReason: reason,
    rejectedAt: at,
    holds: [],
    updatedAt: at,
    version: claim.version + 1,
  };
  return { after, writes: [saveClaimWrite(after, claim.version), ...releaseHoldWrites(claim.holds ?? [], claim.id)] };
}

/** The facts as they stand now, checked against the programme again; what differs from the claim's own. */
async function recheckFacts(claim: ClaimItem, programme: Programme, now: Date): Promise<string[]> {
  // The bank's figures for a quarter that has ended are the facts; the quarter's rules were checked on entry.
  if (claim.bankSettlement) return [];
  const applicantItem = await getApplicantItem(claim.applicantId);
  if (!applicantItem) return ['the applicant profile is gone'];
  const applicant = applicantOf(applicantItem);
  const startup = claim.startupId ? await getStartup(claim.startupId) : undefined;
  try {
    const { jobsVerified, stageReachedOn } = await checkEligibility(programme, applicant, startup, now, false, claim.stage);
    const periods = claim.facts.periods ? [...new Set(claim.facts.periods.map((p) => p.period))] : undefined;
    const amount = await computeAmount(programme, startup, now, periods, claim.stage);
    const training =
      programme.kind === 'training_subsidy' && programme.trainingSubsidy
        ? await recheckTrainingCertificate(programme.trainingSubsidy, applicant.id, claim.facts, dayOf(new Date(claim.submittedAt)))
        : [];
    return [...training, ...factChanges(claim.facts, factsOf(applicant, startup, amount, jobsVerified, stageReachedOn))];
  } catch (error) {
    if (error instanceof NotEligibleError) return [`${error.extra.rule}: ${error.message}`];
    throw error;
  }
}

/**
 * An officer (never one the claim pays) verifies a submitted claim, after the facts it was judged on
 * are checked again, or rejects it with a reason. Verified claims are published on a disclosure notice.
 */
export async function verifyClaim(ctx: Ctx, id: string, input: VerifyClaim): Promise<Claim> {
  return retryOnConflict(async () => {
    const claim = await getClaimItem(id);
    if (!claim) throw new NotFoundError('claim');
    refuseOwnRecord(ctx, beneficiariesOf(claim), 'a claim');
    if (claim.status !== 'submitted') {
      throw new ConflictError(`A ${claim.status} claim cannot be verified or rejected.`, 'INVALID_TRANSITION', { from: claim.status });
    }
    const at = ctx.now.toISOString();
    const decided = { verifiedBy: ctx.actor.sub, verifiedAt: at, ...(input.notes ? { decisionNotes: input.notes } : {}) };
    if (input.decision === 'reject') {
      const { after, writes } = rejectionWrites(ctx, claim, input.notes!, decided);
      await commit(ctx, [
        ...writes,
        auditRecord(ctx, {
          action: 'claim.rejected',
          entityType: 'claim',
          entityId: claim.id,
          before: fromClaimItem(claim),
          after: fromClaimItem(after),
          event: { type: 'ClaimRejected', data: { claimId: claim.id, programmeId: claim.programmeId } },
        }),
      ]);
      return fromClaimItem(after);
    }
    const changes = await recheckFacts(claim, await requireProgramme(claim.programmeId), ctx.now);
    if (changes.length > 0) {
      throw new UnprocessableError(`The facts the claim was judged on have changed (${changes.join('; ')}): reject it with the reason.`, 'FACTS_CHANGED', {
        changes,
      });
    }
    const after: ClaimItem = { ...claim, status: 'verified', ...decided, updatedAt: at, version: claim.version + 1 };
    await commit(ctx, [
      saveClaimWrite(after, claim.version),
      auditRecord(ctx, {
        action: 'claim.verified',
        entityType: 'claim',
        entityId: claim.id,
        before: fromClaimItem(claim),
        after: fromClaimItem(after),
        event: { type: 'ClaimVerified', data: { claimId: claim.id, programmeId: claim.programmeId, amountFen: claim.amountFen } },
      }),
    ]);
    return fromClaimItem(after);
  });
}

/** Statuses in which the claimant may still give another bank account: not in a batch, not paid. */
const ACCOUNT_CORRECTABLE: readonly ClaimStatus[] = ['submitted', 'verified', 'payment_failed'];

/**
 * The claimant corrects the bank account (If-Match). After a failed payment this is what makes the
 * claim payable again; the holder's name is checked as on submission.
 */
export async function correctBankAccount(ctx: Ctx, id: string, input: BankAccountInput, expectedVersion: number): Promise<Claim> {
  const claim = await getClaimItem(id);
  if (!claim || claim.applicantUserId !== ctx.actor.sub) throw new NotFoundError('claim');
  if (claim.facts.paidTo === 'institution') {
    throw new ConflictError('The institution’s account is not the trainee’s to change.', 'ACCOUNT_NOT_CORRECTABLE', { currentStatus: claim.status });
  }
  if (!ACCOUNT_CORRECTABLE.includes(claim.status)) {
    throw new ConflictError(`The bank account of a ${claim.status} claim cannot be changed.`, 'ACCOUNT_NOT_CORRECTABLE', { currentStatus: claim.status });
  }
  const applicant = await findApplicantOfUser(ctx.actor.sub);
  if (!applicant) throw new NotFoundError('applicant profile');
  checkAccountHolder(input, applicant, claim.startupId ? await getStartup(claim.startupId) : undefined);
  const at = ctx.now.toISOString();
  const after: ClaimItem = {
    ...claim,
    ...(await sealedAccount(input)),
    status: claim.status === 'payment_failed' ? 'verified' : claim.status,
    updatedAt: at,
    version: expectedVersion + 1,
  };
  await commit(ctx, [
    saveClaimWrite(after, expectedVersion),
    ...accountHolderWrite(after),
    auditRecord(ctx, {
      action: 'claim.bank_account_corrected',
      entityType: 'claim',
      entityId: claim.id,
      before: fromClaimItem(claim),
      after: fromClaimItem(after),
      event: { type: 'ClaimBankAccountChanged', data: { claimId: claim.id } },
    }),
  ]);
  return fromClaimItem(after);
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

/** An export is read whole: beyond this many claims, narrow it by status. */
export const MAX_CLAIM_EXPORT_ROWS = 5000;

const CLAIM_EXPORT_COLUMNS = [
  'id',
  'programmeName',
  'status',
  'applicantNameMasked',
  'idNumberMasked',
  'startupName',
  'amountYuan',
  'amountBasis',
  'submittedAt',
  'verifiedAt',
  'noticeNumber',
  'openRiskAlerts',
  'batchId',
  'paidAt',
] as const;

/** A programme's claims (of one status, or all) as CSV for staff: masked names and numbers only, oldest first. */
export async function exportClaims(ctx: Ctx, programmeId: string, status: ClaimStatus | undefined): Promise<string> {
  if (!isStaff(ctx)) throw new ForbiddenError();
  const claims = await allPagesUpTo(
    (page) => listClaimsOfProgramme(programmeId, status, page),
    MAX_CLAIM_EXPORT_ROWS,
    () =>
      new UnprocessableError(`More than ${MAX_CLAIM_EXPORT_ROWS} claims match; export one status at a time.`, 'EXPORT_TOO_LARGE', {
        limit: MAX_CLAIM_EXPORT_ROWS,
      }),
  );
  return toCsv(
    CLAIM_EXPORT_COLUMNS,
    claims.map((claim) => CLAIM_EXPORT_COLUMNS.map((column) => (column === 'amountYuan' ? yuan(claim.amountFen) : claim[column]))),
  );
}

/** Payable: verified, its disclosure notice closed, no objection open or upheld, not in a batch. */
export function isPayable(claim: Claim, now: Date): boolean {
  return (
    claim.status === 'verified' &&
    claim.noticeId !== undefined &&
    claim.disclosureEndsAt !== undefined &&
    claim.disclosureEndsAt <= now.toISOString() &&
    claim.openObjections === 0 &&
    claim.upheldObjections === 0
  );
}

// What other modules read (and write in their transactions) of this module's records, entering through index.ts.
export {
  accountHoldersOf,
  beneficiariesOf,
  claimItemRead,
  claimKeys,
  claimRiskCounterWrite,
  fromClaimItem,
  getClaimItem,
  listClaimsOfUser,
  newClaimState,
  saveClaimWrite,
} from './repository';
export type { ClaimItem } from './repository';
