import * as z from 'zod';
import { Id } from '../ids';
import { Instant } from '../clock';

/**
 * Programme events (创业大赛 / 创业沙龙 / 项目展示交流 / 创业路演) that officers run and people attend.
 * Named "programme events" in code so they are never confused with domain events (`shared/events`).
 */
export const EVENT_KINDS = ['competition', 'salon', 'showcase', 'roadshow'] as const;
export const EventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKind>;

/** Kinds where startups enter and judges score. */
export const JUDGED_KINDS: readonly EventKind[] = ['competition', 'roadshow'];

export const EVENT_STATUSES = ['draft', 'published', 'closed', 'completed', 'cancelled'] as const;
export const EventStatus = z.enum(EVENT_STATUSES);
export type EventStatus = z.infer<typeof EventStatus>;

export const MAX_CAPACITY = 5000;
/** Entries per event: keeps the ranking one bounded Query (a single page). */
export const MAX_ENTRIES = 100;

const eventId = Id('evt');

const eventFields = {
  kind: EventKind,
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().min(1).max(4000),
  startsAt: Instant,
  endsAt: Instant,
  venue: z.string().trim().min(1).max(200).optional(),
  onlineUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  capacity: z.number().int().min(1).max(MAX_CAPACITY),
  registrationDeadline: Instant,
  communityId: z.string().trim().min(1).max(40).optional(),
  pastEvent: z
    .boolean()
    .optional()
    .meta({ description: 'true records an event that has already taken place: required when startsAt is in the past, refused when it is not.' }),
};

type TimeRule = Partial<Record<'startsAt' | 'endsAt' | 'registrationDeadline' | 'venue' | 'onlineUrl', string | null>>;

/** The rules between fields of an event; checked on create and again on the merged result of a PATCH. */
export function eventProblem(value: TimeRule): { field: string; message: string } | null {
  if (!value.venue && !value.onlineUrl) return { field: 'venue', message: 'a venue or an onlineUrl is required' };
  if (value.startsAt && value.endsAt && value.endsAt <= value.startsAt) return { field: 'endsAt', message: 'endsAt must be after startsAt' };
  if (value.startsAt && value.registrationDeadline && value.registrationDeadline >= value.startsAt) {
    return { field: 'registrationDeadline', message: 'registrationDeadline must be before startsAt' };
  }
  return null;
}

const withEventRules = <T extends z.ZodType<TimeRule>>(schema: T) =>
  schema.superRefine((value, check) => {
    const problem = eventProblem(value);
    if (problem) check.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

export const CreateEvent = withEventRules(z.strictObject(eventFields)).meta({ id: 'CreateEvent' });
export type CreateEvent = z.infer<typeof CreateEvent>;

/** The kind cannot change (entries and judges depend on it); `null` removes venue, onlineUrl or community. */
export const UpdateEvent = z
  .strictObject({
    ...eventFields,
    venue: eventFields.venue.unwrap().nullable(),
    onlineUrl: eventFields.onlineUrl.unwrap().nullable(),
    communityId: eventFields.communityId.unwrap().nullable(),
  })
  .omit({ kind: true })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'at least one field to change')
  .meta({ id: 'UpdateEvent' });
export type UpdateEvent = z.infer<typeof UpdateEvent>;

export const ProgrammeEvent = z
  .object({
    id: z.string().meta({ example: 'evt_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    kind: EventKind,
    title: z.string(),
    description: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    venue: z.string().optional(),
    onlineUrl: z.string().optional(),
    capacity: z.number().int(),
    registrationDeadline: z.string(),
    communityId: z.string().optional(),
    /** Recorded after it took place (its start was already past when it was created or moved). */
    pastEvent: z.boolean().optional(),
    status: EventStatus,
    createdBy: z.string(),
    resultsPublishedAt: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Event' });
export type ProgrammeEvent = z.infer<typeof ProgrammeEvent>;

/** The event with its seat counts, as officers and attendees read it. */
export const EventDetail = ProgrammeEvent.extend({
  registered: z.number().int(),
  waiting: z.number().int(),
  seatsLeft: z.number().int(),
}).meta({ id: 'EventDetail' });
export type EventDetail = z.infer<typeof EventDetail>;

/**
 * What anyone may see without signing in: no creator, no waiting list, nothing personal; the seats
 * left, so a visitor knows whether registering is still worth it.
 */
export const PublicEvent = ProgrammeEvent.pick({
  id: true,
  kind: true,
  title: true,
  description: true,
  startsAt: true,
  endsAt: true,
  venue: true,
  onlineUrl: true,
  capacity: true,
  registrationDeadline: true,
  communityId: true,
})
  .extend({ seatsLeft: z.number().int().meta({ description: 'Seats not yet taken (0: new registrations join the waiting list)' }) })
  .meta({ id: 'PublicEvent' });
export type PublicEvent = z.infer<typeof PublicEvent>;

/** An event whose ranking is published, as anyone may list it (the ranking itself is one more read). */
export const PublicResult = ProgrammeEvent.pick({ id: true, kind: true, title: true, startsAt: true, endsAt: true, venue: true })
  .extend({ resultsPublishedAt: z.string() })
  .meta({ id: 'PublicResult' });
export type PublicResult = z.infer<typeof PublicResult>;

export const EventListFilters = {
  status: EventStatus.optional(),
  /** Events starting at or after this instant. */
  from: Instant.optional(),
};

export const EventIdParam = z.strictObject({ id: eventId.meta({ param: { name: 'id', in: 'path' }, example: 'evt_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }) });
export const RegistrationPath = EventIdParam.extend({
  registrationId: Id('reg').meta({ param: { name: 'registrationId', in: 'path' }, example: 'reg_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
});
export const JudgePath = EventIdParam.extend({
  userId: z
    .string()
    .min(1)
    .max(128)
    .meta({ param: { name: 'userId', in: 'path' }, description: 'The judge’s login sub (URL-encoded)' }),
});
export const EntryPath = EventIdParam.extend({
  entryId: Id('ent').meta({ param: { name: 'entryId', in: 'path' } }),
});

// ------------------------------------------------------------------ registration and attendance

export const RegistrationStatus = z.enum(['registered', 'waitlisted', 'cancelled']);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

export const Register = z
  .strictObject({
    startupId: Id('stp').optional(),
  })
  .meta({ id: 'RegisterForEvent' });
export type Register = z.infer<typeof Register>;

export const Registration = z
  .object({
    id: z.string().meta({ example: 'reg_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    eventId: z.string(),
    userId: z.string(),
    startupId: z.string().optional(),
    status: RegistrationStatus,
    waitlistPosition: z
      .number()
      .int()
      .optional()
      .meta({ description: 'While waitlisted: the current place in the queue (1: the next freed seat is theirs), after anyone ahead left or was promoted.' }),
    promotedAt: z.string().optional(),
    cancelledAt: z.string().optional(),
    checkedInAt: z.string().optional(),
    /** The registrant's name from their applicant profile, for the officers at the door (staff lists only; absent without a profile). */
    registrantName: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'EventRegistration' });
export type Registration = z.infer<typeof Registration>;

export const CheckIn = z.strictObject({ registrationId: RegistrationPath.shape.registrationId }).meta({ id: 'EventCheckIn' });

// ------------------------------------------------------------------ judging

export const CreateEntry = z
  .strictObject({
    startupId: Id('stp'),
    pitchTitle: z.string().trim().min(1).max(120),
    summary: z.string().trim().min(1).max(2000),
  })
  .meta({ id: 'CreateEventEntry' });
export type CreateEntry = z.infer<typeof CreateEntry>;

export const Entry = z
  .object({
    id: z.string().meta({ example: 'ent_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    eventId: z.string(),
    startupId: z.string(),
    startupName: z.string(),
    pitchTitle: z.string(),
    summary: z.string(),
    enteredBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'EventEntry' });
export type Entry = z.infer<typeof Entry>;

export const AssignJudge = z.strictObject({ userId: z.string().trim().min(1).max(128) }).meta({ id: 'AssignJudge' });

export const Judge = z
  .object({
    eventId: z.string(),
    userId: z.string(),
    assignedBy: z.string(),
    assignedAt: z.string(),
    /** The name the judge recorded in the staff directory (lists only). */
    displayName: z.string().optional(),
    /** Entries of this event the judge has scored (lists only); a judge who has scored cannot be removed. */
    scoreCount: z.number().int().optional(),
  })
  .meta({ id: 'EventJudge' });
export type Judge = z.infer<typeof Judge>;

export const CRITERIA = ['innovation', 'market', 'team', 'execution', 'socialImpact'] as const;
export type Criterion = (typeof CRITERIA)[number];
const Mark = z.number().int().min(0).max(10);

export const SubmitScore = z
  .strictObject({
    innovation: Mark,
    market: Mark,
    team: Mark,
    execution: Mark,
    socialImpact: Mark,
    comment: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'SubmitScore' });
export type SubmitScore = z.infer<typeof SubmitScore>;

export const Score = SubmitScore.extend({
  eventId: z.string(),
  entryId: z.string(),
  judgeUserId: z.string(),
  total: z.number().int(),
  createdAt: z.string(),
}).meta({ id: 'EventScore' });
export type Score = z.infer<typeof Score>;

export const RankedEntry = z
  .object({
    rank: z.number().int(),
    entryId: z.string(),
    startupId: z.string(),
    startupName: z.string(),
    pitchTitle: z.string(),
    scoreCount: z.number().int(),
    /** Mean of the judges' totals (0–50), two decimals; null before the first score. */
    meanTotal: z.number().nullable(),
    meanExecution: z.number().nullable(),
  })
  .meta({ id: 'RankedEntry' });
export type RankedEntry = z.infer<typeof RankedEntry>;

export const Ranking = z
  .object({ eventId: z.string(), published: z.boolean(), resultsPublishedAt: z.string().optional(), items: z.array(RankedEntry) })
  .meta({ id: 'EventRanking' });
export type Ranking = z.infer<typeof Ranking>;

/** An event the caller judges, with each entry and whether they have scored it: a judging task. */
export const JudgingTask = z
  .object({
    event: ProgrammeEvent.pick({ id: true, kind: true, title: true, startsAt: true, status: true, resultsPublishedAt: true }),
    assignedAt: z.string(),
    /** Scores are taken once the event has started, while it is published or closed and its results are not out. */
    open: z.boolean(),
    entries: z.array(
      z.object({
        id: z.string(),
        startupId: z.string(),
        startupName: z.string(),
        pitchTitle: z.string(),
        scoredByMe: z.boolean(),
        /** The caller mentors or mentored the startup: they may not score this entry. */
        conflictOfInterest: z.boolean(),
      }),
    ),
    /** Entries the caller still has to score (open, not scored, no conflict). */
    toScore: z.number().int(),
  })
  .meta({ id: 'JudgingTask' });
export type JudgingTask = z.infer<typeof JudgingTask>;
