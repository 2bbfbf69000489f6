import * as z from 'zod';
import { Sector } from '../sectors';

export const STARTUP_STATUSES = ['approved', 'incubating', 'graduated', 'withdrawn', 'terminated'] as const;
export const StartupStatus = z.enum(STARTUP_STATUSES);
export type StartupStatus = z.infer<typeof StartupStatus>;

/** Statuses in which a startup is in the programme (may get space, mentors, event entries). */
export const ACTIVE_STARTUP_STATUSES: readonly StartupStatus[] = ['approved', 'incubating'];

export const SpaceKind = z.enum(['desk', 'office']);
export type SpaceKind = z.infer<typeof SpaceKind>;

export const SpaceRequest = z.strictObject({ kind: SpaceKind, count: z.number().int().min(1).max(10) });

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
    leftAt: z.string().optional(),
    leftReason: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Startup' });
export type Startup = z.infer<typeof Startup>;
