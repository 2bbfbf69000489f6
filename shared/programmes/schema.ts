import * as z from 'zod';
import { ApplicantCategory } from '../applicants';
import { DocumentType } from '../documents';
import { Day, Month } from '../clock';
import { CourseType } from '../training';

export const PROGRAMME_KINDS = ['startup_subsidy', 'entity_subsidy', 'rent_subsidy', 'loan_interest_subsidy', 'training_subsidy'] as const;
export const ProgrammeKind = z.enum(PROGRAMME_KINDS);
export type ProgrammeKind = z.infer<typeof ProgrammeKind>;

const Fen = z.number().int().min(1).max(1_000_000_000_000);
const Percent = z.number().int().min(1).max(100);

/**
 * A rent subsidy's share by year of incubation (year 1 from the startup's incubation start, Beijing
 * days): each entry applies from its year until the next; the first is year 1. A month counts in the
 * year in which it begins. 0 stops the subsidy from that year.
 */
export const RentTaper = z
  .array(z.strictObject({ fromYear: z.number().int().min(1).max(10), percent: z.number().int().min(0).max(100) }))
  .min(1)
  .max(10)
  .refine((taper) => taper[0]!.fromYear === 1 && taper.every((t, i) => i === 0 || t.fromYear > taper[i - 1]!.fromYear), {
    message: 'starts with fromYear 1, each year after the one before',
  })
  .meta({ id: 'RentTaper' });
export type RentTaper = z.infer<typeof RentTaper>;

/** How the server computes a claim's amount; the client never sends it. */
export const AmountRule = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('fixed'), amountFen: Fen }),
    z.strictObject({
      type: z.literal('rent_share'),
      /** The share of the month's rent (year 1, or every year without a taper). */
      percent: Percent,
      capFenPerMonth: Fen,
      /** Replaces `percent` by year of incubation, e.g. 100% in year 1 and 50% in year 2. */
      taper: RentTaper.optional(),
      /** At most this much a square metre of the space held, a month. */
      capFenPerM2PerMonth: Fen.optional(),
      /** Only this many square metres are subsidised: a larger space's rent counts in proportion. */
      maxAreaM2: z.number().positive().max(10_000).optional(),
    }),
    z.strictObject({ type: z.literal('interest_share'), percent: Percent, capFen: Fen }),
  ])
  .meta({ id: 'AmountRule' });
export type AmountRule = z.infer<typeof AmountRule>;

export const Eligibility = z
  .strictObject({
    /** Applicant categories admitted; absent or empty admits every category. */
    categories: z.array(ApplicantCategory).max(10).optional(),
    requiresIncubating: z.boolean().optional(),
    /** Entity subsidies: the startup is a registered business (has a unified social credit code). */
    requiresCreditCode: z.boolean().optional(),
    minJobsReported: z.number().int().min(1).max(10_000).optional(),
    /** The claimant holds an entrepreneurship-training certificate (off by default, as in Sichuan today). */
    requiresTrainingCertificate: z.boolean().optional(),
    /** The startup's business, verified by an officer, is active and has operated this many whole months (Beijing days) since registration. */
    minOperatingMonths: z.number().int().min(0).max(600).optional(),
    /** Claims are taken only within this many months of the business's registration (e.g. 36). */
    claimWithinMonthsOfRegistration: z.number().int().min(1).max(600).optional(),
    /** A first-business policy: the founder declared it and had no earlier business in Fuhua. */
    requiresFirstTimeFounder: z.boolean().optional(),
    /** Minimums of the facts an officer verified (never the founder's own figures). */
    minFounderSocialInsuranceMonths: z.number().int().min(1).max(600).optional(),
    minTaxFilingMonths: z.number().int().min(1).max(600).optional(),
  })
  .meta({ id: 'Eligibility' });
export type Eligibility = z.infer<typeof Eligibility>;

/** Kinds that pay for months (rent) or interest periods (loans): each month is paid at most once, ever. */
export const PERIODIC_KINDS: readonly ProgrammeKind[] = ['rent_subsidy', 'loan_interest_subsidy'];

/** The policy a programme applies when it does not name one: once-only rules count per policy. */
export const DEFAULT_POLICY: Record<ProgrammeKind, string> = {
  startup_subsidy: 'one_off_startup_subsidy',
  entity_subsidy: 'entity_subsidy',
  rent_subsidy: 'rent_subsidy',
  loan_interest_subsidy: 'loan_interest_subsidy',
  training_subsidy: 'training_subsidy',
};

export const PolicyCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{2,49}$/, 'must be 3–50 characters of a–z, 0–9 and _, starting with a letter')
  .meta({ example: 'one_off_startup_subsidy', description: 'The policy the programme applies; a person and a business receive a one-off policy once' });

/**
 * One stage of a tiered one-off policy (e.g. 5,000 yuan at 6 months of operation, up to 10,000 more
 * at 18): reached when the verified business has operated `minOperatingMonths` whole months since
 * registration (Beijing days); paid once per person and once per business, and only after the stage
 * before it was verified or paid. `perJobFen` makes the amount scale with the jobs in the latest
 * verified job report, up to `amountFen`.
 */
export const PolicyStage = z
  .strictObject({
    minOperatingMonths: z.number().int().min(0).max(600),
    amountFen: Fen,
    perJobFen: Fen.optional(),
    /** Claims of the stage are taken until this many months after the day it is reached. */
    claimWithinMonthsOfEligible: z.number().int().min(1).max(600).optional(),
  })
  .meta({ id: 'PolicyStage' });
export type PolicyStage = z.infer<typeof PolicyStage>;
export const MAX_STAGES = 5;

/**
 * A training subsidy as its policy says: who claims it (the trainee, or the training institution,
 * whose claim an officer enters on its behalf and which is paid to the institution's account), by
 * when (months after the certificate's date, Beijing days) and for which course types. It is paid
 * at most once per person, course type and calendar year of the certificate.
 */
export const TrainingSubsidySettings = z
  .strictObject({
    claimant: z.enum(['trainee', 'institution']),
    claimWithinMonthsOfCertificate: z.number().int().min(1).max(60),
    courseTypes: z
      .array(CourseType)
      .min(1)
      .max(5)
      .refine((types) => new Set(types).size === types.length, 'names a type twice'),
  })
  .meta({ id: 'TrainingSubsidySettings' });
export type TrainingSubsidySettings = z.infer<typeof TrainingSubsidySettings>;

/** Working days of public disclosure (公示): at least 3, 5 unless the programme says otherwise. */
export const DisclosureWorkingDays = z.number().int().min(3).max(30);

export const CreateProgramme = z
  .strictObject({
    kind: ProgrammeKind,
    policy: PolicyCode.optional(),
    name: z.string().trim().min(1).max(100),
    budgetFen: Fen,
    opensOn: Day,
    closesOn: Day,
    /** Periodic programmes: the months they pay for (default: the months from opensOn to closesOn). */
    coveredPeriod: z.strictObject({ from: Month, to: Month }).optional(),
    amountRule: AmountRule,
    /** A tiered one-off policy: its stages in order (stage 1 first); a claim names its stage. */
    stages: z.array(PolicyStage).min(2).max(MAX_STAGES).optional(),
    eligibility: Eligibility.default({}),
    /** Training subsidies: required by them, refused by others. */
    trainingSubsidy: TrainingSubsidySettings.optional(),
    disclosureWorkingDays: DisclosureWorkingDays.default(5),
    /** The checklist: a claim is submitted only with an available document of each of these types. */
    requiredDocuments: z
      .array(DocumentType)
      .max(9)
      .refine((types) => new Set(types).size === types.length, 'names a type twice')
      .optional(),
  })
  .refine((p) => p.opensOn <= p.closesOn, { path: ['closesOn'], message: 'closesOn is before opensOn' })
  .refine(
    (p) =>
      (p.kind === 'rent_subsidy') === (p.amountRule.type === 'rent_share') && (p.kind === 'loan_interest_subsidy') === (p.amountRule.type === 'interest_share'),
    {
      path: ['amountRule'],
      message: 'rent subsidies use rent_share, loan interest subsidies use interest_share, others fixed',
    },
  )
  .refine((p) => !p.coveredPeriod || p.coveredPeriod.from <= p.coveredPeriod.to, { path: ['coveredPeriod', 'to'], message: 'to is before from' })
  .refine((p) => !p.coveredPeriod || PERIODIC_KINDS.includes(p.kind), { path: ['coveredPeriod'], message: 'only rent and interest subsidies cover months' })
  .refine((p) => (p.kind === 'training_subsidy') === (p.trainingSubsidy !== undefined), {
    path: ['trainingSubsidy'],
    message: 'training subsidies, and only they, say who claims, by when and for which course types',
  })
  .refine((p) => !p.stages || !PERIODIC_KINDS.includes(p.kind), { path: ['stages'], message: 'only one-off policies have stages' })
  .refine((p) => !p.stages || p.stages.every((s, i) => i === 0 || s.minOperatingMonths > p.stages![i - 1]!.minOperatingMonths), {
    path: ['stages'],
    message: 'each stage needs more operating months than the one before',
  })
  .refine((p) => !p.stages || (p.amountRule.type === 'fixed' && p.amountRule.amountFen === p.stages.reduce((sum, s) => sum + s.amountFen, 0)), {
    path: ['amountRule'],
    message: "a tiered programme's amountRule is fixed at the sum of its stages' amounts (the most one business receives)",
  })
  .meta({ id: 'CreateProgramme' });
export type CreateProgramme = z.infer<typeof CreateProgramme>;

export const Programme = z
  .object({
    id: z.string().meta({ example: 'prg_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    kind: ProgrammeKind,
    policy: z.string(),
    name: z.string(),
    budgetFen: z.number().int(),
    opensOn: z.string(),
    closesOn: z.string(),
    coveredPeriod: z.object({ from: z.string(), to: z.string() }).optional(),
    amountRule: AmountRule,
    stages: z.array(PolicyStage).optional(),
    eligibility: Eligibility,
    trainingSubsidy: TrainingSubsidySettings.optional(),
    disclosureWorkingDays: z.number().int(),
    requiredDocuments: z.array(DocumentType),
    createdBy: z.string(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Programme' });
export type Programme = z.infer<typeof Programme>;

/** Live money of a programme; `committed + paid − reversed` never exceeds the budget. */
export const ProgrammeTotals = z
  .object({
    budgetFen: z.number().int(),
    committedFen: z.number().int(),
    paidFen: z.number().int(),
    reversedFen: z.number().int(),
    remainingFen: z.number().int(),
  })
  .meta({ id: 'ProgrammeTotals' });
export type ProgrammeTotals = z.infer<typeof ProgrammeTotals>;

export const ProgrammeWithTotals = Programme.extend({ totals: ProgrammeTotals }).meta({ id: 'ProgrammeWithTotals' });
