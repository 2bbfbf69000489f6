import * as z from 'zod';

/**
 * Every domain event Fuhua emits, declared once: its type and the zod schema of its data. Producers
 * are type-checked against it (an audit change's `event` is one of these, see `DomainEvent`), the
 * audit record refuses a type that is not here, and reactions receive the data parsed by its
 * schema, so a consumer reads `event.data.startupId` as the string it is.
 *
 * Data holds ids and facts only (never identity numbers or bank accounts) and only flat values,
 * as the audit record stores them. Each schema is built the first time an event of its type is
 * dispatched: API functions, which only produce events, build none at import (cold start).
 */
const id = () => z.string().min(1);
const month = () => z.string().regex(/^\d{4}-\d{2}$/);
/** A programme event moved along its lifecycle (published, registration closed, completed, cancelled). */
const eventMoved = () => z.object({ eventId: id(), kind: z.string().min(1), startsAt: z.string().min(1) });

const CATALOGUE = {
  ApplicationSubmitted: () => z.object({ applicationId: id(), applicantId: id() }),
  ApplicationApproved: () => z.object({ applicationId: id() }),
  ApplicationRejected: () => z.object({ applicationId: id() }),
  StartupApproved: () => z.object({ startupId: id(), applicationId: id() }),
  StartupStartedIncubation: () => z.object({ startupId: id() }),
  StartupLeftIncubation: () => z.object({ startupId: id(), outcome: z.enum(['graduated', 'terminated', 'withdrawn']), leftAt: z.string().min(1) }),

  UnitAllocated: () => z.object({ allocationId: id(), startupId: id(), unitId: id(), communityId: id(), fromMonth: month(), toMonth: month() }),
  UnitReleased: () => z.object({ allocationId: id(), startupId: id(), unitId: id(), communityId: id(), fromMonth: month(), cancelled: z.boolean() }),
  AllocationFinished: () => z.object({ allocationId: id(), startupId: id(), unitId: id(), communityId: id(), lastMonth: month() }),

  MentorAssigned: () => z.object({ assignmentId: id(), mentorId: id(), startupId: id() }),
  MentorAssignmentEnded: () => z.object({ assignmentId: id(), mentorId: id(), startupId: id() }),
  MentoringSessionLogged: () => z.object({ sessionId: id(), mentorId: id(), startupId: id(), date: z.string().min(1), minutes: z.number().int() }),
  MentoringSessionConfirmed: () => z.object({ sessionId: id(), mentorId: id(), startupId: id(), rating: z.number().int() }),

  EventPublished: () => eventMoved(),
  EventRegistrationClosed: () => eventMoved(),
  EventCompleted: () => eventMoved(),
  EventCancelled: () => eventMoved(),
  EventRegistered: () => z.object({ eventId: id(), registrationId: id(), status: z.string().min(1) }),
  EventRegistrationCancelled: () => z.object({ eventId: id(), registrationId: id(), freedSeat: z.boolean() }),
  EventRegistrationPromoted: () => z.object({ eventId: id(), registrationId: id(), userId: id() }),
  EventCheckedIn: () => z.object({ eventId: id(), registrationId: id() }),
  EventResultsPublished: () => z.object({ eventId: id(), entries: z.number().int() }),

  ClaimSubmitted: () =>
    z.object({
      claimId: id(),
      programmeId: id(),
      programmeKind: z.string().min(1),
      applicantId: id(),
      startupId: id().nullable(),
      stage: z.number().int().optional(),
    }),
  ClaimVerified: () => z.object({ claimId: id(), programmeId: id(), amountFen: z.number().int() }),
  ClaimRejected: () => z.object({ claimId: id(), programmeId: id(), alertId: id().optional() }),
  ClaimBankAccountChanged: () => z.object({ claimId: id() }),
  ClaimPaymentFailed: () => z.object({ claimId: id(), batchId: id(), bankReference: z.string().min(1) }),
  DisclosureNoticePublished: () =>
    z.object({ noticeId: id(), number: z.string().min(1), programmeId: id(), claimCount: z.number().int(), closesAt: z.string().min(1) }),
  DisclosureNoticeClosed: () => z.object({ noticeId: id(), number: z.string().min(1), programmeId: id(), claimCount: z.number().int() }),
  PayoutBatchApproved: () => z.object({ batchId: id(), programmeId: id(), totalFen: z.number().int(), claimCount: z.number().int() }),
  PayoutBatchSettled: () => z.object({ batchId: id(), programmeId: id(), claimCount: z.number().int() }),
  LedgerEntryWritten: () => z.object({ entryId: id(), programmeId: id(), claimId: id(), kind: z.string().min(1), amountFen: z.number().int() }),

  RiskAlertRaised: () => z.object({ alertId: id(), rule: z.string().min(1), subjectId: id() }),
} satisfies Record<string, () => z.ZodObject>;

export type EventType = keyof typeof CATALOGUE;
export type EventData<T extends EventType> = z.infer<ReturnType<(typeof CATALOGUE)[T]>>;

/** A domain event of one declared type: what an audit change carries. */
export type DomainEvent<T extends EventType = EventType> = { [K in T]: { type: K; data: EventData<K> } }[T];

/** Every declared type, for the checks and the documentation. */
export const EVENT_TYPES = Object.keys(CATALOGUE) as EventType[];

export function isDeclaredEvent(type: string): type is EventType {
  return Object.hasOwn(CATALOGUE, type);
}

/** An event that is not in the catalogue: a programming error, or poison from the bus. */
export class UndeclaredEventError extends Error {
  constructor(type: string) {
    super(`The event type ${JSON.stringify(type)} is not declared in shared/events/catalogue.ts.`);
  }
}

const built = new Map<EventType, z.ZodObject>();

/** The schema of a type's data, built on first use. */
function schemaOf(type: EventType): z.ZodObject {
  let schema = built.get(type);
  if (!schema) {
    schema = CATALOGUE[type]() as z.ZodObject;
    built.set(type, schema);
  }
  return schema;
}

/** The event with its data checked against its declaration (a consumer's view of what arrived). */
export function parseEvent(type: string, data: unknown): DomainEvent {
  if (!isDeclaredEvent(type)) throw new UndeclaredEventError(type);
  return { type, data: schemaOf(type).parse(data) } as DomainEvent;
}
