import * as z from 'zod';
import { now, yearOf } from '../clock';
import { idNumberProblem } from './identity';

export const APPLICANT_CATEGORIES = [
  'college_graduate',
  'returning_migrant_worker',
  'unemployed_youth',
  'veteran',
  'registered_poor_household',
  'other',
] as const;
export const ApplicantCategory = z.enum(APPLICANT_CATEGORIES);
export type ApplicantCategory = z.infer<typeof ApplicantCategory>;

export const Education = z.enum(['primary', 'junior_secondary', 'senior_secondary', 'vocational', 'junior_college', 'bachelor', 'master', 'doctorate']);

export const Graduation = z.strictObject({
  school: z.string().trim().min(1).max(100),
  year: z.number().int().min(1950).max(2100),
});

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

const profileFields = {
  name: z.string().trim().min(1).max(50),
  phone: Phone,
  category: ApplicantCategory,
  graduation: Graduation.optional(),
  district: z.string().trim().min(1).max(50),
  education: Education,
};

type GraduationRule = { category?: ApplicantCategory; graduation?: z.infer<typeof Graduation> | null };

/** A college graduate must say where and when they graduated, and not in the future. */
export function graduationProblem(profile: GraduationRule): { field: string; message: string } | null {
  if (profile.category === 'college_graduate' && !profile.graduation) {
    return { field: 'graduation', message: 'graduation (school, year) is required for a college graduate' };
  }
  if (profile.graduation && profile.graduation.year > yearOf(now())) {
    return { field: 'graduation.year', message: 'graduation year is in the future' };
  }
  return null;
}

export const RegisterApplicant = z
  .strictObject({ ...profileFields, idNumber: IdNumber })
  .superRefine((value, check) => {
    const problem = graduationProblem(value);
    if (problem) check.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  })
  .meta({ id: 'RegisterApplicant' });
export type RegisterApplicant = z.infer<typeof RegisterApplicant>;

/** The identity number is not among these: it can never be changed. */
export const UpdateApplicant = z
  .strictObject({ ...profileFields, graduation: Graduation.nullable() })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'at least one field to change')
  .meta({ id: 'UpdateApplicant' });
export type UpdateApplicant = z.infer<typeof UpdateApplicant>;

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
    district: z.string(),
    education: Education,
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Applicant' });
export type Applicant = z.infer<typeof Applicant>;

export const ApplicantListQuery = z.strictObject({ category: ApplicantCategory.optional() });
