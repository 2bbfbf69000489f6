import * as z from 'zod';
import { Id } from '../ids';
import { APPLICANT_CATEGORIES, ApplicantCategory } from '../applicants';
import { Day } from '../clock';

const Fen = z.number().int().min(1).max(100_000_000_00);

/** One version of the loan policy, applying to loans issued from `appliesFrom` (Beijing time) until the next version. */
export const LoanPolicyVersion = z
  .strictObject({
    appliesFrom: Day,
    /** The priority groups (重点群体) who may borrow. */
    priorityGroups: z.array(ApplicantCategory).min(1).max(APPLICANT_CATEGORIES.length),
    individualCapFen: Fen,
    individualMaxTermMonths: z.number().int().min(1).max(120),
    /** Loans a person may have over time, counting every loan issued to them. */
    maxLoansPerPerson: z.number().int().min(1).max(10),
    /** A borrower must hold an entrepreneurship-training certificate (off by default, as in Sichuan today). */
    requiresTrainingCertificate: z.boolean().default(false),
    /** Days after an instalment falls due before the loan is overdue: on the last day of grace it is not, on the day after it is. */
    graceDays: z.number().int().min(0).max(180).default(30),
    /** An issued loan is extended (展期) at most once, by at most this many months past its end. */
    maxExtensionMonths: z.number().int().min(1).max(60).default(12),
    /** A guarantee fund guarantees at most this multiple of its balance in loans outstanding… */
    fundMultiple: z.number().int().min(1).max(50).default(5),
    /** …or this one, when last year's on-time repayment rate of its loans reached `goodRecordOnTimeRateBp` (9000 = 90 %). */
    fundMultipleGoodRecord: z.number().int().min(1).max(50).default(10),
    goodRecordOnTimeRateBp: z.number().int().min(0).max(10_000).default(9000),
    /** The interest subsidy (贴息) of a quarter settled with the bank: this share of the interest charged… */
    interestSubsidyShareBp: z.number().int().min(0).max(10_000).default(5000),
    /** …on at most this much of an individual loan's principal (the interest on the rest is not subsidised). */
    interestSubsidyBaseFen: z.number().int().min(1).max(100_000_000_00).default(30_000_000),
    /** A small enterprise (a verified registered business of a startup) borrows at most this… */
    smallEnterpriseCapFen: Fen.default(600_000_000),
    /** …for at most this many months… */
    smallEnterpriseMaxTermMonths: z.number().int().min(1).max(120).default(24),
    /** …having hired people of the priority groups for this share of its staff (latest verified job report)… */
    smallEnterpriseMinPriorityShareBp: z.number().int().min(0).max(10_000).default(1500),
    /** …or this share when it employs more than `smallEnterpriseLargeStaff`. */
    smallEnterpriseLargeStaff: z.number().int().min(1).max(100_000).default(100),
    smallEnterpriseLargeMinPriorityShareBp: z.number().int().min(0).max(10_000).default(800),
    /** A partnership (合伙创业) borrows up to the sum of its partners' individual caps plus this share (1000 = 10 %). */
    partnershipUpliftBp: z.number().int().min(0).max(10_000).default(1000),
  })
  .meta({ id: 'LoanPolicyVersion' });
export type LoanPolicyVersion = z.infer<typeof LoanPolicyVersion>;

export const PutLoanPolicy = z
  .strictObject({ versions: z.array(LoanPolicyVersion).min(1).max(20) })
  .refine((p) => new Set(p.versions.map((v) => v.appliesFrom)).size === p.versions.length, {
    path: ['versions'],
    message: 'two versions apply from the same day',
  })
  .meta({ id: 'PutLoanPolicy' });
export type PutLoanPolicy = z.infer<typeof PutLoanPolicy>;

export const LoanPolicy = z
  .object({
    versions: z.array(LoanPolicyVersion),
    updatedBy: z.string().optional(),
    updatedAt: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'LoanPolicy' });
export type LoanPolicy = z.infer<typeof LoanPolicy>;

/**
 * Sichuan's rules: loans issued from 2025-04-01 up to 500,000 yuan for 3 years to an individual
 * (300,000 before), up to 6,000,000 yuan for 2 years to a small enterprise (4,000,000 before).
 */
export const DEFAULT_LOAN_POLICY: LoanPolicyVersion[] = [
  {
    appliesFrom: '2000-01-01',
    priorityGroups: [...APPLICANT_CATEGORIES],
    individualCapFen: 30_000_000,
    individualMaxTermMonths: 36,
    maxLoansPerPerson: 3,
    requiresTrainingCertificate: false,
    graceDays: 30,
    maxExtensionMonths: 12,
    fundMultiple: 5,
    fundMultipleGoodRecord: 10,
    goodRecordOnTimeRateBp: 9000,
    interestSubsidyShareBp: 5000,
    interestSubsidyBaseFen: 30_000_000,
    smallEnterpriseCapFen: 400_000_000,
    smallEnterpriseMaxTermMonths: 24,
    smallEnterpriseMinPriorityShareBp: 1500,
    smallEnterpriseLargeStaff: 100,
    smallEnterpriseLargeMinPriorityShareBp: 800,
    partnershipUpliftBp: 1000,
  },
  {
    appliesFrom: '2025-04-01',
    priorityGroups: [...APPLICANT_CATEGORIES],
    individualCapFen: 50_000_000,
    individualMaxTermMonths: 36,
    maxLoansPerPerson: 3,
    requiresTrainingCertificate: false,
    graceDays: 30,
    maxExtensionMonths: 12,
    fundMultiple: 5,
    fundMultipleGoodRecord: 10,
    goodRecordOnTimeRateBp: 9000,
    interestSubsidyShareBp: 5000,
    interestSubsidyBaseFen: 30_000_000,
    smallEnterpriseCapFen: 600_000_000,
    smallEnterpriseMaxTermMonths: 24,
    smallEnterpriseMinPriorityShareBp: 1500,
    smallEnterpriseLargeStaff: 100,
    smallEnterpriseLargeMinPriorityShareBp: 800,
    partnershipUpliftBp: 1000,
  },
];

const OtherLoan = z.strictObject({ lender: z.string().trim().min(2).max(60), outstandingFen: z.number().int().min(0).max(100_000_000_00) });

export const SubmitLoanApplication = z
  .strictObject({
    /**
     * individual (the default); a partnership (合伙创业) of the startup's founder and co-founders; a
     * small enterprise (小微企业): the startup's verified registered business. The last two name the startup.
     */
    borrowerType: z.enum(['individual', 'partnership', 'small_enterprise']).default('individual'),
    /** Officers file for a person by applicant id; an applicant files for themselves and leaves it out. */
    applicantId: Id('apl').optional(),
    priorityGroup: ApplicantCategory,
    /** The startup the loan finances, if the borrower founded one: its loan-interest subsidy claims count this loan's interest. */
    startupId: Id('stp').optional(),
    amountFen: Fen,
    termMonths: z.number().int().min(1).max(120),
    purpose: z.string().trim().min(4).max(500),
    /** The declaration of other loans of the borrower and of the spouse (none: empty lists). */
    otherLoans: z.strictObject({ borrower: z.array(OtherLoan).max(20), spouse: z.array(OtherLoan).max(20) }),
  })
  .meta({ id: 'SubmitLoanApplication' });
export type SubmitLoanApplication = z.input<typeof SubmitLoanApplication>;

export const BankDecision = z
  .strictObject({ approved: z.boolean(), bank: z.string().trim().min(2).max(60), reference: z.string().trim().min(2).max(60), decidedOn: Day })
  .meta({ id: 'RecordBankDecision' });
export type BankDecision = z.infer<typeof BankDecision>;

export const Guarantee = z
  .strictObject({
    guarantorType: z.enum(['guarantee_fund', 'government_guarantor']),
    guarantor: z.string().trim().min(2).max(100),
    /** The guarantee fund (required with `guarantee_fund`): its balance bounds the loans it guarantees. */
    fundId: Id('gfd').optional(),
    /** The counter-guarantee (反担保) taken, if any. */
    counterGuarantee: z.string().trim().min(2).max(200).optional(),
    guaranteedOn: Day,
  })
  .meta({ id: 'RecordGuarantee' });
export type Guarantee = z.infer<typeof Guarantee>;

export const IssueLoan = z
  .strictObject({
    principalFen: Fen,
    /** Annual interest rate in basis points (345 = 3.45 %). */
    annualRateBp: z.number().int().min(0).max(2000),
    startDate: Day,
    termMonths: z.number().int().min(1).max(120),
    schedule: z.enum(['interest_monthly_principal_at_end', 'equal_instalments']),
  })
  .meta({ id: 'IssueGuaranteedLoan' });
export type IssueLoan = z.infer<typeof IssueLoan>;

export const LoanRepayment = z
  .strictObject({ paidOn: Day, principalFen: z.number().int().min(0), interestFen: z.number().int().min(0) })
  .refine((r) => r.principalFen + r.interestFen > 0, 'a repayment repays something')
  .meta({ id: 'RecordLoanApplicationRepayment' });
export type LoanRepayment = z.infer<typeof LoanRepayment>;

export const LoanExtension = z
  .strictObject({
    newEndDate: Day,
    /** The day the bank and the guarantor agreed to it. */
    approvedOn: Day,
    reason: z.string().trim().min(4).max(500),
  })
  .meta({ id: 'ExtendGuaranteedLoan' });
export type LoanExtension = z.infer<typeof LoanExtension>;

export const LoanDefault = z
  .strictObject({
    /** The day the guarantor paid the bank (代偿). */
    compensatedOn: Day,
    /** Principal the guarantor paid: at most what is still owed. */
    principalFen: z.number().int().min(0).max(100_000_000_00),
    /** Interest the guarantor paid. */
    interestFen: z.number().int().min(0).max(100_000_000_00),
    reason: z.string().trim().min(4).max(500),
  })
  .refine((d) => d.principalFen + d.interestFen > 0, 'a compensation pays something')
  .meta({ id: 'RecordGuaranteedLoanDefault' });
export type LoanDefault = z.infer<typeof LoanDefault>;

export const LoanRecovery = z
  .strictObject({
    recoveredOn: Day,
    amountFen: Fen,
    /** Where it came from: the borrower, the counter-guarantee, a court enforcement… */
    source: z.string().trim().min(2).max(200),
  })
  .meta({ id: 'RecordGuaranteedLoanRecovery' });
export type LoanRecovery = z.infer<typeof LoanRecovery>;

export const LOAN_APPLICATION_STATUSES = [
  'submitted',
  'certified',
  'bank_approved',
  'bank_declined',
  'guaranteed',
  'issued',
  'overdue',
  'defaulted',
  'recovered',
  'closed',
] as const;
export const LoanApplicationStatus = z.enum(LOAN_APPLICATION_STATUSES);
export type LoanApplicationStatus = z.infer<typeof LoanApplicationStatus>;

export const LoanApplication = z
  .object({
    id: z.string().meta({ example: 'lap_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    borrowerType: z.enum(['individual', 'partnership', 'small_enterprise']),
    applicantId: z.string(),
    priorityGroup: ApplicantCategory,
    startupId: z.string().optional(),
    amountFen: z.number().int(),
    termMonths: z.number().int(),
    purpose: z.string(),
    otherLoans: z.object({ borrower: z.array(OtherLoan), spouse: z.array(OtherLoan) }),
    status: LoanApplicationStatus,
    certifiedBy: z.string().optional(),
    certifiedAt: z.string().optional(),
    bankDecision: BankDecision.optional(),
    guarantee: Guarantee.optional(),
    loan: IssueLoan.extend({ endDate: z.string() }).optional(),
    repaidPrincipalFen: z.number().int(),
    interestPaidFen: z.number().int(),
    /** Instalments fall due monthly from a month after the start to the end; each repayment settles the next one. */
    instalmentsSettled: z.number().int().optional(),
    nextDueDate: z.string().optional(),
    /** The last day of grace of the next instalment: the day after it, the overdue job marks the loan overdue. */
    graceEndsOn: z.string().optional(),
    /** Every time the loan was overdue: the instalment's due date, the first day overdue, and the day a repayment caught up. */
    overduePeriods: z.array(z.object({ dueDate: z.string(), from: z.string(), to: z.string().optional() })).optional(),
    extension: LoanExtension.extend({ previousEndDate: z.string(), by: z.string() }).optional(),
    compensation: z
      .object({ compensatedOn: z.string(), principalFen: z.number().int(), interestFen: z.number().int(), reason: z.string(), by: z.string() })
      .optional(),
    recoveredFen: z.number().int().optional(),
    submittedBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'LoanApplication' });
export type LoanApplication = z.infer<typeof LoanApplication>;

export const LoanApplicationQuery = z.strictObject({
  applicantId: Id('apl').optional(),
  status: LoanApplicationStatus.optional(),
});

export const CreateGuaranteeFund = z.strictObject({ name: z.string().trim().min(2).max(100) }).meta({ id: 'CreateGuaranteeFund' });
export type CreateGuaranteeFund = z.infer<typeof CreateGuaranteeFund>;

export const FundDeposit = z
  .strictObject({ amountFen: Fen, depositedOn: Day, reference: z.string().trim().min(2).max(100) })
  .meta({ id: 'RecordGuaranteeFundDeposit' });
export type FundDeposit = z.infer<typeof FundDeposit>;

export const FundReview = z.strictObject({ year: z.number().int().min(2000).max(2100) }).meta({ id: 'ReviewGuaranteeFundMultiple' });

/** On-time repayment of a fund's loans in one year: instalments falling due that year, and those paid by their due date. */
export const OnTimeRate = z.object({
  year: z.number().int(),
  instalments: z.number().int(),
  onTime: z.number().int(),
  /** Basis points, rounded down (9000 = 90 %); null when nothing fell due. */
  rateBp: z.number().int().nullable(),
});
export type OnTimeRate = z.infer<typeof OnTimeRate>;

export const GuaranteeFund = z
  .object({
    id: z.string().meta({ example: 'gfd_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    name: z.string(),
    /** Deposits less compensations plus recoveries. */
    balanceFen: z.number().int(),
    /** The loans it guarantees still outstanding (amount guaranteed, less principal repaid or compensated). */
    outstandingFen: z.number().int(),
    multiple: z.number().int(),
    /** How much more it may guarantee: multiple × balance − outstanding. */
    headroomFen: z.number().int(),
    /** The review that set the multiple. */
    review: OnTimeRate.extend({ reviewedBy: z.string(), reviewedAt: z.string() }).optional(),
    /** Last year's on-time repayment rate, as of now. */
    lastYear: OnTimeRate.optional(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'GuaranteeFund' });
export type GuaranteeFund = z.infer<typeof GuaranteeFund>;

export const FundEntry = z
  .object({
    id: z.string(),
    kind: z.enum(['deposit', 'compensation', 'recovery']),
    /** Positive into the fund, negative out of it. */
    amountFen: z.number().int(),
    day: z.string(),
    reference: z.string(),
    applicationId: z.string().optional(),
    recordedBy: z.string(),
    at: z.string(),
  })
  .meta({ id: 'GuaranteeFundEntry' });
export type FundEntry = z.infer<typeof FundEntry>;

export const FundLoan = z
  .object({ applicationId: z.string(), applicantId: z.string(), guaranteedFen: z.number().int(), guaranteedOn: z.string() })
  .meta({ id: 'GuaranteeFundLoan' });
export type FundLoan = z.infer<typeof FundLoan>;
