import * as z from 'zod';
import { Id } from '../ids';
import { Sector } from '../sectors';

/** Mentors take at most 20 startups at once; 5 unless the officer says otherwise. */
export const MAX_MENTEES_LIMIT = 20;
export const DEFAULT_MAX_MENTEES = 5;

const Tag = z.string().trim().min(1).max(40);
const Tags = z.array(Tag).max(20);
const Sectors = z
  .array(Sector)
  .min(1)
  .max(6)
  .refine((list) => new Set(list).size === list.length, 'sectors must not repeat');

const profileFields = {
  name: z.string().trim().min(1).max(50),
  organisation: z.string().trim().min(1).max(100),
  sectors: Sectors,
  expertise: Tags.default([]),
  bio: z.string().trim().max(2000).default(''),
  maxMentees: z.number().int().min(1).max(MAX_MENTEES_LIMIT).default(DEFAULT_MAX_MENTEES),
};

export const CreateMentor = z
  .strictObject({
    userId: z.string().trim().min(1).max(128).meta({ description: "The mentor's login (sub); the login must carry the mentor role." }),
    ...profileFields,
  })
  .meta({ id: 'CreateMentor' });
export type CreateMentor = z.infer<typeof CreateMentor>;

/** The login is not among these: a profile belongs to one login for good. */
export const UpdateMentor = z
  .strictObject({
    name: profileFields.name,
    organisation: profileFields.organisation,
    sectors: Sectors,
    expertise: Tags,
    bio: z.string().trim().max(2000),
    maxMentees: z.number().int().min(1).max(MAX_MENTEES_LIMIT),
    active: z.boolean().meta({ description: 'An inactive mentor keeps current assignments but gets no new ones.' }),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'at least one field to change')
  .meta({ id: 'UpdateMentor' });
export type UpdateMentor = z.infer<typeof UpdateMentor>;

export const Mentor = z
  .object({
    id: z.string().meta({ example: 'mtr_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    userId: z.string(),
    name: z.string(),
    organisation: z.string(),
    sectors: z.array(Sector),
    expertise: z.array(z.string()),
    bio: z.string(),
    maxMentees: z.number().int(),
    active: z.boolean(),
    /** Current (active) assignments. */
    activeMentees: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Mentor' });
export type Mentor = z.infer<typeof Mentor>;

export const MentorSuggestion = z
  .object({
    mentor: Mentor,
    freeSlots: z.number().int(),
    coversSector: z.boolean(),
    reason: z.string().meta({ example: 'covers it_services; 2 of 5 places taken' }),
  })
  .meta({ id: 'MentorSuggestion' });
export type MentorSuggestion = z.infer<typeof MentorSuggestion>;

export const MentorSuggestions = z.object({ startupId: z.string(), sector: Sector, items: z.array(MentorSuggestion) }).meta({ id: 'MentorSuggestions' });

// ---------------------------------------------------------------- assignments

export const ASSIGNMENT_STATUSES = ['active', 'ended'] as const;
export const AssignmentStatus = z.enum(ASSIGNMENT_STATUSES);

/** A startup has at most this many mentors at once. */
export const MAX_MENTORS_PER_STARTUP = 3;

const MentorId = Id('mtr');
const StartupId = Id('stp');

export const CreateAssignment = z.strictObject({ mentorId: MentorId, startupId: StartupId }).meta({ id: 'CreateAssignment' });
export type CreateAssignment = z.infer<typeof CreateAssignment>;

export const EndAssignment = z.strictObject({ reason: z.string().trim().min(1).max(500) }).meta({ id: 'EndAssignment' });

export const Assignment = z
  .object({
    id: z.string().meta({ example: 'asg_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    mentorId: z.string(),
    mentorUserId: z.string(),
    mentorName: z.string(),
    startupId: z.string(),
    startupName: z.string(),
    founderUserId: z.string(),
    status: AssignmentStatus,
    /** `YYYY-MM-DD`: sessions may not be dated before this day. */
    startDate: z.string(),
    startedAt: z.string(),
    endedAt: z.string().optional(),
    endReason: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Assignment' });
export type Assignment = z.infer<typeof Assignment>;

export const AssignmentListFilter = {
  mentorId: MentorId.optional(),
  startupId: StartupId.optional(),
};

// ---------------------------------------------------------------- sessions

export const SessionMode = z.enum(['in_person', 'online', 'phone']);

/** A mentor logs at most 12 hours of sessions on one day. */
export const MAX_MINUTES_PER_DAY = 12 * 60;
/** The author may correct a session for 7 days after logging it; then it is locked. */
export const SESSION_EDIT_DAYS = 7;

const sessionFields = {
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'not a real date'),
  minutes: z.number().int().min(15).max(480),
  mode: SessionMode,
  topics: Tags.default([]),
  notes: z.string().trim().max(5000).default(''),
  followUps: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
};

export const LogSession = z.strictObject(sessionFields).meta({ id: 'LogSession' });
export type LogSession = z.infer<typeof LogSession>;

export const UpdateSession = z
  .strictObject({
    date: sessionFields.date,
    minutes: sessionFields.minutes,
    mode: SessionMode,
    topics: Tags,
    notes: z.string().trim().max(5000),
    followUps: z.array(z.string().trim().min(1).max(500)).max(20),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'at least one field to change')
  .meta({ id: 'UpdateSession' });
export type UpdateSession = z.infer<typeof UpdateSession>;

export const ConfirmSession = z
  .strictObject({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).optional() })
  .meta({ id: 'ConfirmSession' });
export type ConfirmSession = z.infer<typeof ConfirmSession>;

export const Session = z
  .object({
    id: z.string().meta({ example: 'ses_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    assignmentId: z.string(),
    mentorId: z.string(),
    mentorUserId: z.string(),
    startupId: z.string(),
    founderUserId: z.string(),
    date: z.string(),
    minutes: z.number().int(),
    mode: SessionMode,
    topics: z.array(z.string()),
    notes: z.string(),
    followUps: z.array(z.string()),
    confirmation: z.object({ rating: z.number().int(), comment: z.string().optional(), confirmedBy: z.string(), confirmedAt: z.string() }).optional(),
    /** Until then the author may edit it. */
    editableUntil: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

// ---------------------------------------------------------------- report

const ReportFigures = {
  sessions: z.number().int(),
  minutes: z.number().int(),
  hours: z.number(),
  startupsServed: z.number().int(),
  confirmed: z.number().int(),
  /** Confirmed sessions / sessions, 0–1; null without sessions. */
  confirmedShare: z.number().nullable(),
  /** Mean of the founders' ratings; null without ratings. */
  averageRating: z.number().nullable(),
};

export const MentorReport = z
  .object({
    mentorId: z.string(),
    from: z.string(),
    to: z.string(),
    months: z.array(z.object({ month: z.string(), ...ReportFigures })),
    totals: z.object(ReportFigures),
  })
  .meta({ id: 'MentorReport' });
export type MentorReport = z.infer<typeof MentorReport>;
