import * as z from 'zod';
import { Month } from '../clock';
import { Id } from '../ids';
import { MAX_STAGES, ProgrammeKind } from '../programmes';

export const BankAccountInput = z.strictObject({
  bankName: z.string().trim().min(2).max(60),
  accountName: z.string().trim().min(1).max(60),
  accountNumber: z
    .string()
    .trim()
    .regex(/^\d{12,30}$/, 'must be 12–30 digits'),
});
export type BankAccountInput = z.infer<typeof BankAccountInput>;

export const BankAccountMasked = z
  .object({ bankName: z.string(), accountName: z.string(), accountNumberMasked: z.string().meta({ example: '****1234' }) })
  .meta({ id: 'BankAccountMasked' });

/** Months (rent) or interest periods (loans) one claim may pay at once: keeps its transaction small. */
export const MAX_CLAIM_PERIODS = 36;

export const SubmitClaim = z
  .strictObject({
    programmeId: Id('prg'),
    startupId: Id('stp').optional(),
    /** Tiered programmes: the stage claimed (1 first); required by them, refused by others. */
    stage: z.number().int().min(1).max(MAX_STAGES).optional(),
    /** Periodic programmes: the completed months to claim (default: every month that may still be claimed). */
    periods: z.array(Month).min(1).max(MAX_CLAIM_PERIODS).optional(),
    /** Training subsidies: the number of the certificate the claim pays for. */
    certificateNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z-]{4,40}$/)
      .optional(),
    /** A training subsidy its institution claims: the trainee, named by the officer entering the claim on the institution's behalf. */
    applicantId: Id('apl').optional(),
    bankAccount: BankAccountInput,
    /**
     * References of the papers behind the claim: ids of documents uploaded to the claimant's profile
     * or startup (`doc_…`, each checked to be available and theirs), or references typed by people.
     */
    evidence: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  })
  .refine((c) => !c.periods || new Set(c.periods).size === c.periods.length, { path: ['periods'], message: 'a month is listed twice' })
  .meta({ id: 'SubmitClaim' });
export type SubmitClaim = z.infer<typeof SubmitClaim>;

export const CLAIM_STATUSES = ['submitted', 'verified', 'batched', 'paid', 'payment_failed', 'rejected', 'reversed'] as const;
export const ClaimStatus = z.enum(CLAIM_STATUSES);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

/** One month (or one loan's interest period) a periodic claim pays, with what it was computed from. */
export const ClaimPeriod = z
  .object({
    period: z.string().meta({ example: '2026-03' }),
    loanId: z.string().optional(),
    /** The rent of the month, or the interest paid in it. */
    basisFen: z.number().int(),
    amountFen: z.number().int(),
  })
  .meta({ id: 'ClaimPeriod' });
export type ClaimPeriod = z.infer<typeof ClaimPeriod>;

/** The facts a claim was judged on when submitted; verification checks them again. */
export const ClaimFacts = z
  .object({
    category: z.string(),
    veteranDischargedOn: z.string().optional(),
    graduatedOn: z.string().optional(),
    startupStatus: z.string().optional(),
    creditCode: z.string().optional(),
    businessName: z.string().optional(),
    /** The latest officer-verified job report (minJobsReported). */
    jobsVerified: z.number().int().optional(),
    /** Tiered policies: the day the stage was reached (its months of operation since registration). */
    stageReachedOn: z.string().optional(),
    periods: z.array(ClaimPeriod).optional(),
    /** Training subsidies: the certificate paid for, its last day to claim, and the institution that trained. */
    certificateNumber: z.string().optional(),
    courseType: z.string().optional(),
    certifiedOn: z.string().optional(),
    claimDeadline: z.string().optional(),
    institutionId: z.string().optional(),
    institutionName: z.string().optional(),
    /** Training subsidies: paid to the trainee, or to the institution (whose claim an officer entered). */
    paidTo: z.enum(['trainee', 'institution']).optional(),
    amountFen: z.number().int(),
    amountBasis: z.string(),
  })
  .meta({ id: 'ClaimFacts' });
export type ClaimFacts = z.infer<typeof ClaimFacts>;

export const Claim = z
  .object({
    id: z.string().meta({ example: 'clm_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    programmeId: z.string(),
    programmeKind: ProgrammeKind,
    programmeName: z.string(),
    policy: z.string(),
    /** The stage of a tiered policy the claim is for. */
    stage: z.number().int().optional(),
    applicantId: z.string(),
    applicantUserId: z.string(),
    applicantNameMasked: z.string(),
    idNumberMasked: z.string(),
    startupId: z.string().optional(),
    startupName: z.string().optional(),
    /** A loan-interest claim entered from the bank's quarterly settlement (not by the claimant): the loan, the quarter, the entry. */
    bankSettlement: z.object({ settlementId: z.string(), applicationId: z.string(), quarter: z.string() }).optional(),
    amountFen: z.number().int(),
    /** How the server arrived at the amount (rule and facts), for the officer who verifies it. */
    amountBasis: z.string(),
    facts: ClaimFacts,
    bankAccount: BankAccountMasked,
    evidence: z.array(z.string()),
    status: ClaimStatus,
    submittedAt: z.string(),
    verifiedBy: z.string().optional(),
    verifiedAt: z.string().optional(),
    decisionNotes: z.string().optional(),
    /** Why the claim was rejected (the officer's reason, an upheld objection, a risk alert found fraud): shown to the claimant. */
    rejectionReason: z.string().optional(),
    rejectedAt: z.string().optional(),
    /** The disclosure notice (公示) the claim was published on, and its window (ISO instants). */
    noticeId: z.string().optional(),
    noticeNumber: z.string().optional(),
    disclosureStartsAt: z.string().optional(),
    disclosureEndsAt: z.string().optional(),
    openObjections: z.number().int(),
    upheldObjections: z.number().int(),
    /** Open risk alerts on the claim: while any is open the claim cannot be batched. */
    openRiskAlerts: z.number().int(),
    batchId: z.string().optional(),
    /** The bank's answer to the last failed payment; the claimant corrects the account before it is batched again. */
    paymentFailure: z.object({ bankReference: z.string(), at: z.string(), batchId: z.string() }).optional(),
    paidAt: z.string().optional(),
    ledgerEntryId: z.string().optional(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Claim' });
export type Claim = z.infer<typeof Claim>;

export const VerifyClaim = z
  .strictObject({ decision: z.enum(['verify', 'reject']), notes: z.string().trim().min(2).max(500).optional() })
  .refine((v) => v.decision !== 'reject' || v.notes, { path: ['notes'], message: 'say why the claim is rejected: the claimant is shown it' })
  .meta({ id: 'VerifyClaim' });
export type VerifyClaim = z.infer<typeof VerifyClaim>;

export const Disclosure = z
  .object({
    claimId: z.string(),
    programmeId: z.string(),
    programmeName: z.string(),
    programmeKind: ProgrammeKind,
    name: z.string().meta({ example: '张*' }),
    idNumberMasked: z.string(),
    startupName: z.string().optional(),
    amountFen: z.number().int(),
    noticeNumber: z.string().optional(),
    disclosureStartsAt: z.string(),
    disclosureEndsAt: z.string(),
    open: z.boolean().meta({ description: 'Whether objections are still taken' }),
  })
  .meta({ id: 'Disclosure' });
export type Disclosure = z.infer<typeof Disclosure>;

export const FileObjection = z
  .strictObject({ reason: z.string().trim().min(5).max(1000), contact: z.string().trim().max(100).optional() })
  .meta({ id: 'FileObjection' });
export type FileObjection = z.infer<typeof FileObjection>;

export const Objection = z
  .object({
    id: z.string().meta({ example: 'obj_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    claimId: z.string(),
    reason: z.string(),
    status: z.enum(['open', 'upheld', 'dismissed']),
    filedAt: z.string(),
    resolvedBy: z.string().optional(),
    resolvedAt: z.string().optional(),
    resolutionNotes: z.string().optional(),
    /** How to reach the objector: shown to officers only. */
    contact: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Objection' });
export type Objection = z.infer<typeof Objection>;

export const ResolveObjection = z
  .strictObject({ decision: z.enum(['upheld', 'dismissed']), notes: z.string().trim().max(500).optional() })
  .meta({ id: 'ResolveObjection' });
export type ResolveObjection = z.infer<typeof ResolveObjection>;

// ---- the bank's quarterly loan-interest settlement (loan-interest-settlement.ts) ----

/** A calendar quarter, `YYYY-Qn`. */
export const Quarter = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'must be YYYY-Qn')
  .meta({ example: '2026-Q1' });

/** One line of the bank's quarterly list: the interest it charged on one loan in the quarter. */
export const SettlementLine = z.strictObject({
  applicationId: Id('lap'),
  interestFen: z.number().int().min(1).max(100_000_000_00),
  /** The actual annual rate the bank charged, in basis points. */
  annualRateBp: z.number().int().min(0).max(2000),
});
export type SettlementLine = z.infer<typeof SettlementLine>;

/** At most 24 loans in one entry: each takes its claim and its quarter's three month holds in one transaction. */
export const MAX_SETTLEMENT_LINES = 24;

export const EnterSettlement = z
  .strictObject({
    /** A `loan_interest_subsidy` programme: the claims are its claims and its batches pay them. */
    programmeId: Id('prg'),
    quarter: Quarter,
    /** The bank's account the subsidy is paid to. */
    bankAccount: BankAccountInput,
    /** The lines as JSON, or `csv` (a header row `applicationId,interestFen,annualRateBp`, then one line per loan). */
    lines: z.array(SettlementLine).min(1).max(MAX_SETTLEMENT_LINES).optional(),
    csv: z.string().max(20_000).optional(),
  })
  .refine((e) => (e.lines === undefined) !== (e.csv === undefined), { path: ['lines'], message: 'give lines or csv, not both' })
  .meta({ id: 'EnterLoanInterestSettlement' });
export type EnterSettlement = z.infer<typeof EnterSettlement>;

export const SettlementPreviewLine = SettlementLine.extend({
  /** ok: it will be subsidised; otherwise why not. */
  outcome: z.enum(['ok', 'not_issued', 'overdue', 'extended', 'already_subsidised']),
  principalFen: z.number().int().optional(),
  subsidyFen: z.number().int(),
  basis: z.string(),
});

export const SettlementPreview = z
  .object({
    quarter: z.string(),
    lines: z.array(SettlementPreviewLine),
    subsidyFen: z.number().int(),
    /** Once entered: the entry (its audit record's entity id) and the claims it made, in the order of the lines. */
    settlementId: z.string().optional(),
    claimIds: z.array(z.string()).optional(),
  })
  .meta({ id: 'LoanInterestSettlement' });
export type SettlementPreview = z.infer<typeof SettlementPreview>;
