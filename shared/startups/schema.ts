import * as z from 'zod';
import { Id } from '../ids';
import { Sector } from '../sectors';
import { creditCodeProblem } from './credit-code';

export const STARTUP_STATUSES = ['approved', 'incubating', 'graduated', 'withdrawn', 'terminated'] as const;
export const StartupStatus = z.enum(STARTUP_STATUSES);
export type StartupStatus = z.infer<typeof StartupStatus>;

/** Statuses in which a startup is in the programme (may get space, mentors, event entries). */
export const ACTIVE_STARTUP_STATUSES: readonly StartupStatus[] = ['approved', 'incubating'];

export const SpaceKind = z.enum(['desk', 'office']);
export type SpaceKind = z.infer<typeof SpaceKind>;

export const SpaceRequest = z.strictObject({ kind: SpaceKind, count: z.number().int().min(1).max(10) });

export const MAX_CO_FOUNDERS = 30;

export const CoFounder = z.object({ applicantId: z.string(), userId: z.string(), addedBy: z.string(), addedAt: z.string() }).meta({ id: 'CoFounder' });
export type CoFounder = z.infer<typeof CoFounder>;

export const AddCoFounder = z.strictObject({ applicantId: Id('apl') }).meta({ id: 'AddCoFounder' });
export type AddCoFounder = z.infer<typeof AddCoFounder>;

/** The record every later module hangs from, created when an application is approved. */
export const Startup = z
  .object({
    id: z.string().meta({ example: 'stp_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    applicationId: z.string(),
    founderApplicantId: z.string(),
    founderUserId: z.string(),
    name: z.string(),
    sector: Sector,
    status: StartupStatus,
    /** What the application asked for: the most units it may hold at once. */
    space: SpaceRequest,
    plannedJobs: z.number().int(),
    preferredCommunityId: z.string().optional(),
    /** `YYYY-MM-DD`; the incubation period, 24 months by default. */
    incubationStart: z.string(),
    incubationEnd: z.string(),
    creditCode: z.string().optional(),
    /** The registered name of the business (营业执照上的名称), given at graduation: who entity subsidies pay. */
    businessName: z.string().optional(),
    /** Partners of the business besides the founder, added by an officer: they may claim for it too. */
    coFounders: z.array(CoFounder).optional(),
    /** The one extension of the term an officer granted, with its reason. */
    extension: z.object({ months: z.number().int(), reason: z.string(), previousEnd: z.string(), by: z.string(), at: z.string() }).optional(),
    /** Beijing day of the latest annual review. */
    lastReviewedOn: z.string().optional(),
    /** Recorded when known: the startup succeeded as the policy defines it. */
    success: z.object({ basis: z.string(), recordedOn: z.string(), by: z.string(), evidenceReference: z.string() }).optional(),
    leftAt: z.string().optional(),
    leftReason: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Startup' });
export type Startup = z.infer<typeof Startup>;

export const GraduateStartup = z
  .strictObject({
    creditCode: z
      .string()
      .trim()
      .toUpperCase()
      .superRefine((value, check) => {
        const problem = creditCodeProblem(value);
        if (problem) check.addIssue({ code: 'custom', message: `creditCode ${problem}` });
      })
      .meta({ description: 'Unified social credit code of the registered business (GB 32100).', example: '91350100M000100Y43' }),
    reason: z.string().trim().min(1).max(1000),
    /** The name on the business licence; entity subsidies are paid to an account of this name. */
    businessName: z.string().trim().min(2).max(100).optional(),
  })
  .meta({ id: 'GraduateStartup' });
export type GraduateStartup = z.infer<typeof GraduateStartup>;

export const ExitOutcome = z.enum(['withdrawn', 'terminated']);
export const ExitStartup = z.strictObject({ outcome: ExitOutcome, reason: z.string().trim().min(1).max(1000) }).meta({ id: 'ExitStartup' });
export type ExitStartup = z.infer<typeof ExitStartup>;

const headcount = z.number().int().min(0).max(100_000);

/** Employees by the groups the provincial plan counts jobs for, besides college graduates (optional: a report may give only the total). */
const groupHeadcounts = {
  returningMigrantWorkersEmployed: headcount.optional(),
  veteransEmployed: headcount.optional(),
  employmentDifficultyEmployed: headcount.optional(),
};

/** The groups together (college graduates included) are at most the employees. */
export function groupsWithinEmployees(r: {
  employees?: number;
  collegeGraduatesEmployed?: number;
  returningMigrantWorkersEmployed?: number;
  veteransEmployed?: number;
  employmentDifficultyEmployed?: number;
}): boolean {
  const groups =
    (r.collegeGraduatesEmployed ?? 0) + (r.returningMigrantWorkersEmployed ?? 0) + (r.veteransEmployed ?? 0) + (r.employmentDifficultyEmployed ?? 0);
  return r.employees === undefined || groups <= r.employees;
}

/** A founder's monthly report of the jobs the startup provides. */
export const FileJobReport = z
  .strictObject({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
    employees: headcount,
    collegeGraduatesEmployed: headcount,
    ...groupHeadcounts,
    /** Employees of the loan policy's priority groups (重点群体), college graduates among them: a small-enterprise loan asks for a share. */
    priorityGroupEmployed: headcount.optional(),
    revenueFen: z.number().int().min(0).max(1e15).optional(),
  })
  .refine((r) => r.collegeGraduatesEmployed <= r.employees, { path: ['collegeGraduatesEmployed'], message: 'cannot exceed employees' })
  .refine(groupsWithinEmployees, { path: ['employees'], message: 'the groups together cannot exceed employees' })
  .refine((r) => r.priorityGroupEmployed === undefined || r.priorityGroupEmployed <= r.employees, {
    path: ['priorityGroupEmployed'],
    message: 'cannot exceed employees',
  })
  .meta({ id: 'FileJobReport' });
export type FileJobReport = z.infer<typeof FileJobReport>;

export const CorrectJobReport = z
  .strictObject({ employees: headcount, collegeGraduatesEmployed: headcount, ...groupHeadcounts, revenueFen: z.number().int().min(0).max(1e15).nullable() })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'at least one field to change')
  .meta({ id: 'CorrectJobReport' });
export type CorrectJobReport = z.infer<typeof CorrectJobReport>;

/** `reported` by the founder; `verified` by an officer against evidence: only then does it count. */
export const JobReportStatus = z.enum(['reported', 'verified']);

export const JobReport = z
  .object({
    startupId: z.string(),
    month: z.string(),
    employees: z.number().int(),
    collegeGraduatesEmployed: z.number().int(),
    returningMigrantWorkersEmployed: z.number().int().optional(),
    veteransEmployed: z.number().int().optional(),
    employmentDifficultyEmployed: z.number().int().optional(),
    priorityGroupEmployed: z.number().int().optional(),
    revenueFen: z.number().int().optional(),
    /** The community the startup chose, when it filed: the assessment counts the jobs there (reports filed before 4 December 2026 carry none). */
    communityId: z.string().optional(),
    status: JobReportStatus,
    /** What the officer checked the figures against, e.g. the month's social-insurance list. */
    evidenceReference: z.string().optional(),
    verifiedBy: z.string().optional(),
    verifiedAt: z.string().optional(),
    reportedBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'JobReport' });
export type JobReport = z.infer<typeof JobReport>;

export const VerifyJobReport = z
  .strictObject({
    evidenceReference: z
      .string()
      .trim()
      .min(4)
      .max(200)
      .meta({ example: '社保参保人员清单 2026-03（天府新区社保局）', description: 'What the figures were checked against' }),
  })
  .meta({ id: 'VerifyJobReport' });
export type VerifyJobReport = z.infer<typeof VerifyJobReport>;
