import * as z from 'zod';
import { ApplicantCategory } from '../applicants';
import { DocumentType } from '../documents/schema';
import { Day, Month } from '../clock';

export const PROGRAMME_KINDS = ['startup_subsidy', 'entity_subsidy', 'rent_subsidy', 'loan_interest_subsidy', 'training_subsidy'] as const;
export const ProgrammeKind = z.enum(PROGRAMME_KINDS);
export type ProgrammeKind = z.infer<typeof ProgrammeKind>;

const Fen = z.number().int().min(1).max(1_000_000_000_000);
const Percent = z.number().int().min(1).max(100);

/** How the server computes a claim's amount; the client never sends it. */
export const AmountRule = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('fixed'), amountFen: Fen }),
    z.strictObject({ type: z.literal('rent_share'), percent: Percent, capFenPerMonth: Fen }),
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
    eligibility: Eligibility.default({}),
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
    eligibility: Eligibility,
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
