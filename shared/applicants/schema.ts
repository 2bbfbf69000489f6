import * as z from 'zod';
import { Day, dayOf, now } from '../clock';
import { idNumberProblem } from './identity';

/**
 * The groups the policy names today: 高校毕业生, 返乡入乡创业人员, 就业困难人员, 城镇登记失业人员,
 * 失业青年, 自主就业退役士兵, 脱贫人口 (formerly 建档立卡贫困户: `registered_poor_household`), others.
 */
export const APPLICANT_CATEGORIES = [
  'college_graduate',
  'returning_migrant_worker',
  'employment_difficulty',
  'registered_unemployed',
  'unemployed_youth',
  'veteran',
  'poverty_alleviated',
  'other',
] as const;
export const ApplicantCategory = z.enum(APPLICANT_CATEGORIES);
export type ApplicantCategory = z.infer<typeof ApplicantCategory>;

/** Category codes of earlier versions, read as today's (stored records are never rewritten for it). */
export const LEGACY_CATEGORIES: Record<string, ApplicantCategory> = { registered_poor_household: 'poverty_alleviated' };

export const Education = z.enum(['primary', 'junior_secondary', 'senior_secondary', 'vocational', 'junior_college', 'bachelor', 'master', 'doctorate']);

/** Where and when a college graduate left school (the graduation certificate's date). */
export const Graduation = z.strictObject({
  school: z.string().trim().min(1).max(100),
  leftOn: Day.meta({ description: 'Day of leaving school (毕业日期), YYYY-MM-DD', example: '2024-06-30' }),
});
export type Graduation = z.infer<typeof Graduation>;

export const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, check) => {
    const problem = idNumberProblem(value, now());
    if (problem) check.addIssue({ code: 'custom', message: `idNumber ${problem}` });
  })
  .meta({ description: '18-character resident identity number (GB 11643). Never returned or logged in full.', example: '11010519491231002X' });

export const Phone = z
  .string()
  .regex(/^1\d{10}$/, 'must be a mainland mobile number: 11 digits starting with 1')
  .meta({ example: '13800138000' });

export const PersonName = z.string().trim().min(1).max(50);

/** The facts that decide money; after registration they change only through a change request. */
export const decidingFields = {
  name: PersonName,
  category: ApplicantCategory,
  graduation: Graduation.optional(),
  /** 自主就业退役士兵: the day of discharge from the forces. */
  veteranDischargedOn: Day.optional(),
};

const contactFields = {
  phone: Phone,
  district: z.string().trim().min(1).max(50),
  education: Education,
};

export interface CategoryFacts {
  category?: ApplicantCategory;
  graduation?: Graduation | null;
  veteranDischargedOn?: string | null;
}

/** A college graduate says where and when they left school; a veteran when they were discharged; neither in the future. */
export function categoryFactsProblem(profile: CategoryFacts): { field: string; message: string } | null {
  const today = dayOf(now());
  if (profile.category === 'college_graduate' && !profile.graduation) {
    return { field: 'graduation', message: 'graduation (school, leftOn) is required for a college graduate' };
  }
  if (profile.graduation && profile.graduation.leftOn > today) return { field: 'graduation.leftOn', message: 'the day of leaving school is in the future' };
  if (profile.category === 'veteran' && !profile.veteranDischargedOn) {
    return { field: 'veteranDischargedOn', message: 'the day of discharge is required for a self-employed veteran' };
  }
  if (profile.veteranDischargedOn && profile.veteranDischargedOn > today)
    return { field: 'veteranDischargedOn', message: 'the day of discharge is in the future' };
  return null;
}

export const RegisterApplicant = z
  .strictObject({ ...decidingFields, ...contactFields, idNumber: IdNumber })
  .superRefine((value, check) => {
    const problem = categoryFactsProblem(value);
    if (problem) check.addIssue({ code: 'custom', path: problem.field.split('.'), message: problem.message });
  })
  .meta({ id: 'RegisterApplicant' });
export type RegisterApplicant = z.infer<typeof RegisterApplicant>;

const throughChangeRequest = (field: string) =>
  z
    .unknown()
    .optional()
    .superRefine((value, check) => {
      if (value !== undefined) {
        check.addIssue({
          code: 'custom',
          message: `${field} is changed only through a change request an officer approves (POST /v1/applicants/me/change-requests)`,
        });
      }
    });

/** Contact details the applicant changes alone. Name, identity, category and graduation go through a change request. */
export const UpdateApplicant = z
  .strictObject({
    ...contactFields,
    name: throughChangeRequest('name'),
    idNumber: throughChangeRequest('idNumber'),
    category: throughChangeRequest('category'),
    graduation: throughChangeRequest('graduation'),
    veteranDischargedOn: throughChangeRequest('veteranDischargedOn'),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'at least one field to change')
  .meta({ id: 'UpdateApplicant' });
export type UpdateApplicant = { phone?: string; district?: string; education?: z.infer<typeof Education> };

export const Applicant = z
  .object({
    id: z.string().meta({ example: 'apl_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    userId: z.string(),
    name: z.string(),
    idNumberMasked: z.string().meta({ example: '110***********002X' }),
    birthDate: z.string(),
    phone: z.string(),
    category: ApplicantCategory,
    graduation: Graduation.optional(),
    veteranDischargedOn: z.string().optional(),
    district: z.string(),
    education: Education,
    /** Set when an officer freed this profile's identity number for the person it belongs to. */
    identityReleased: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Applicant' });

export const ReleaseIdentity = z
  .strictObject({
    /** What the officer checked: the person's identity card and how they came to find the number taken. */
    reason: z.string().trim().min(10).max(500),
    documentsChecked: z.literal(true).meta({ description: "The officer has seen the identity documents of the number's owner" }),
  })
  .meta({ id: 'ReleaseIdentity' });
export type ReleaseIdentity = z.infer<typeof ReleaseIdentity>;
export type Applicant = z.infer<typeof Applicant>;

export const ApplicantListQuery = z.strictObject({ category: ApplicantCategory.optional() });
