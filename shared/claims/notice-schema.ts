import * as z from 'zod';
import { Id } from '../ids';
import { ProgrammeKind } from '../programmes';

/** DynamoDB takes 100 items per transaction: the claims, the notice, its number, its due marker, the audit record. */
export const MAX_NOTICE_CLAIMS = 90;

export const PublishNotice = z
  .strictObject({
    programmeId: Id('prg'),
    claimIds: z.array(Id('clm')).min(1).max(MAX_NOTICE_CLAIMS),
  })
  .refine((n) => new Set(n.claimIds).size === n.claimIds.length, { path: ['claimIds'], message: 'a claim is listed twice' })
  .meta({ id: 'PublishNotice' });
export type PublishNotice = z.infer<typeof PublishNotice>;

/** One published line: who is to be paid how much, masked as the public may see it. */
export const NoticeLine = z
  .object({
    claimId: z.string(),
    name: z.string().meta({ example: '张*' }),
    idNumberMasked: z.string(),
    startupName: z.string().optional(),
    amountFen: z.number().int(),
  })
  .meta({ id: 'NoticeLine' });
export type NoticeLine = z.infer<typeof NoticeLine>;

export const DisclosureNotice = z
  .object({
    id: z.string().meta({ example: 'dsn_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    number: z.string().meta({ example: '2026-001', description: 'The year of publication (Beijing time) and its sequence' }),
    programmeId: z.string(),
    programmeName: z.string(),
    programmeKind: ProgrammeKind,
    policy: z.string(),
    status: z.enum(['open', 'closed']),
    publishedAt: z.string(),
    publishedBy: z.string(),
    workingDays: z.number().int(),
    /** The first and last working day of the window (Beijing-time days). */
    firstDay: z.string(),
    lastDay: z.string(),
    /** 24:00 Beijing time of the last working day, as a UTC instant: objections are taken until then. */
    closesAt: z.string(),
    /** Said when a year of the window had no holiday calendar and only weekends were counted. */
    calendarNote: z.string().optional(),
    lines: z.array(NoticeLine),
    claimCount: z.number().int(),
    totalFen: z.number().int(),
    closedAt: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'DisclosureNotice' });
export type DisclosureNotice = z.infer<typeof DisclosureNotice>;

/** What the public sees of a notice (no staff logins). */
export const PublicNotice = DisclosureNotice.omit({ publishedBy: true, version: true })
  .extend({ open: z.boolean().meta({ description: 'Whether objections are still taken' }) })
  .meta({ id: 'PublicNotice' });
export type PublicNotice = z.infer<typeof PublicNotice>;
