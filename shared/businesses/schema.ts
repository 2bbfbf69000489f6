import * as z from 'zod';
import { IdNumber, PersonName } from '../applicants';
import { Day } from '../clock';
import { idPattern } from '../ids';
import { creditCodeProblem } from '../startups';

/** 个体工商户 / 企业 / 农民专业合作社 / 民办非企业单位 / 网店. */
export const ENTITY_TYPES = ['individual_business', 'enterprise', 'farmer_cooperative', 'private_non_enterprise', 'online_shop'] as const;
export const EntityType = z.enum(ENTITY_TYPES).meta({ id: 'BusinessEntityType' });
export type EntityType = z.infer<typeof EntityType>;

/**
 * `submitted` by the founder; `active` once an officer has checked it against the licence (or the
 * shop); `rejected` with a reason (the founder may submit again); `deregistered` (注销) with its day.
 */
export const BusinessStatus = z.enum(['submitted', 'active', 'rejected', 'deregistered']);
export type BusinessStatus = z.infer<typeof BusinessStatus>;

export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, check) => {
    const problem = creditCodeProblem(value);
    if (problem) check.addIssue({ code: 'custom', message: `creditCode ${problem}` });
  })
  .meta({ description: 'Unified social credit code (GB 32100).', example: '91350100M000100Y43' });

const DocumentId = z.string().regex(idPattern('doc'), 'must be a document id (doc_…)');

export const RegisteredAddress = z.strictObject({
  /** The district of the registration, e.g. 天府新区; must be the centre's district unless the address is in the startup's community. */
  district: z.string().trim().min(2).max(50),
  communityId: z.string().regex(idPattern('cmt'), 'must be a community id (cmt_…)').optional(),
  detail: z.string().trim().min(2).max(200),
});

export const OnlineShop = z.strictObject({
  platform: z.string().trim().min(2).max(50).meta({ example: '淘宝' }),
  shopUrl: z.url().max(300),
});

export const SubmitBusiness = z
  .strictObject({
    entityType: EntityType,
    name: z.string().trim().min(2).max(100),
    /** Required for every type but an online shop, which gives its platform and shop instead of a licence. */
    creditCode: CreditCode.optional(),
    registeredOn: Day,
    legalRepresentative: z.strictObject({ name: PersonName, idNumber: IdNumber }),
    registeredAddress: RegisteredAddress,
    onlineShop: OnlineShop.optional(),
    /** The founder's declaration that they have never registered a business before (a first-business policy needs it). */
    firstBusinessDeclared: z.boolean(),
    licenceDocumentId: DocumentId.optional(),
  })
  .superRefine((input, check) => {
    if (input.entityType === 'online_shop') {
      if (!input.onlineShop) check.addIssue({ code: 'custom', path: ['onlineShop'], message: 'an online shop gives its platform and shop address' });
    } else {
      if (!input.creditCode) check.addIssue({ code: 'custom', path: ['creditCode'], message: `required for ${input.entityType}` });
      if (input.onlineShop) check.addIssue({ code: 'custom', path: ['onlineShop'], message: 'only for entityType online_shop' });
    }
  })
  .meta({ id: 'SubmitBusiness' });
export type SubmitBusiness = z.infer<typeof SubmitBusiness>;

export const Business = z
  .object({
    startupId: z.string(),
    entityType: EntityType,
    name: z.string(),
    creditCode: z.string().optional(),
    registeredOn: z.string(),
    legalRepresentative: z.object({ name: z.string(), idNumberMasked: z.string(), applicantId: z.string() }),
    registeredAddress: RegisteredAddress,
    onlineShop: OnlineShop.optional(),
    licenceDocumentId: z.string().optional(),
    firstBusinessDeclared: z.boolean(),
    /** Declared, and no earlier business of the founder in Fuhua: set when an officer verifies. */
    firstTimeFounder: z.boolean().optional(),
    status: BusinessStatus,
    submittedBy: z.string(),
    verifiedBy: z.string().optional(),
    verifiedAt: z.string().optional(),
    evidenceReference: z.string().optional(),
    rejectedReason: z.string().optional(),
    deregisteredOn: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Business' });
export type Business = z.infer<typeof Business>;

export const VerifyBusiness = z
  .strictObject({ evidenceReference: z.string().trim().min(4).max(200).meta({ example: '营业执照原件核对（天府新区市场监管局）' }) })
  .meta({ id: 'VerifyBusiness' });
export type VerifyBusiness = z.infer<typeof VerifyBusiness>;

export const RejectBusiness = z.strictObject({ reason: z.string().trim().min(4).max(1000) }).meta({ id: 'RejectBusiness' });
export type RejectBusiness = z.infer<typeof RejectBusiness>;

export const DeregisterBusiness = z.strictObject({ deregisteredOn: Day, reason: z.string().trim().min(4).max(1000) }).meta({ id: 'DeregisterBusiness' });
export type DeregisterBusiness = z.infer<typeof DeregisterBusiness>;

// ---- facts verified by officers ----

export const FACT_KINDS = ['founder_social_insurance', 'employee_social_insurance', 'tax_filing', 'inspection', 'labour_contracts'] as const;
export const FactKind = z.enum(FACT_KINDS);
export type FactKind = z.infer<typeof FactKind>;

const months = z.number().int().min(0).max(600);
const evidence = { evidenceDocumentId: DocumentId };

/** What an officer checked, each kind with the figure policies test and the document it was checked against. */
export const RecordFact = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('founder_social_insurance'), months, ...evidence }),
    z.strictObject({ kind: z.literal('employee_social_insurance'), months, employees: z.number().int().min(0).max(100_000), ...evidence }),
    z.strictObject({ kind: z.literal('tax_filing'), consecutiveMonths: months, ...evidence }),
    z.strictObject({
      kind: z.literal('inspection'),
      inspectedOn: Day,
      normalOperation: z.boolean(),
      photoDocumentIds: z.array(DocumentId).max(20).default([]),
      ...evidence,
    }),
    z.strictObject({ kind: z.literal('labour_contracts'), contracts: z.number().int().min(0).max(100_000), ...evidence }),
  ])
  .meta({ id: 'RecordFact' });
export type RecordFact = z.infer<typeof RecordFact>;

export const Fact = z
  .object({
    id: z.string(),
    startupId: z.string(),
    kind: FactKind,
    months: z.number().int().optional(),
    employees: z.number().int().optional(),
    consecutiveMonths: z.number().int().optional(),
    inspectedOn: z.string().optional(),
    normalOperation: z.boolean().optional(),
    photoDocumentIds: z.array(z.string()).optional(),
    contracts: z.number().int().optional(),
    evidenceDocumentId: z.string(),
    verifiedBy: z.string(),
    verifiedAt: z.string(),
  })
  .meta({ id: 'VerifiedFact' });
export type Fact = z.infer<typeof Fact>;

/** The latest verified figure of each kind: what eligibility reads. */
export interface VerifiedFacts {
  founderSocialInsuranceMonths: number;
  employeeSocialInsuranceMonths: number;
  taxFilingMonths: number;
  labourContracts: number;
  /** The latest inspection's finding, undefined when none. */
  normalOperation?: boolean;
  lastInspectedOn?: string;
}
