import type { Ctx } from '../context';
import { hasRole } from '../context';
import { dayOf } from '../clock';
import { newId } from '../ids';
import { ConflictError, NotFoundError, PreconditionFailedError, UnprocessableError } from '../errors';
import { auditRecord, commit } from '../audit';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict, type TxItem } from '../db/transact';
import { countWrites } from '../reports';
import { findStartup as getStartup } from '../startups';
import { getAssignmentItem } from './assignments-repository';
import { getMentorItem, getPair } from './repository';
import {
  confirmationWrite,
  dayMinutesWrite,
  getSessionItem,
  listSessionsOfMentor,
  listSessionsOfStartup,
  mentorMonthStartupWrite,
  mentorMonthWrite,
  sessionCreateWrite,
  sessionSaveWrite,
} from './sessions-repository';
import { SESSION_EDIT_DAYS, type Assignment, type ConfirmSession, type LogSession, type Session, type UpdateSession } from './schema';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A session is dated between the assignment's first day (and its last, once ended) and today. */
function checkDate(ctx: Ctx, assignment: Assignment, date: string): void {
  if (date > dayOf(ctx.now)) throw new UnprocessableError('A session cannot be dated in the future.', 'SESSION_DATE_IN_FUTURE', { date });
  if (date < assignment.startDate) {
    throw new UnprocessableError(`The assignment began on ${assignment.startDate}; a session cannot be dated before it.`, 'SESSION_BEFORE_ASSIGNMENT', {
      date,
    });
  }
  if (assignment.endedAt && date > dayOf(new Date(assignment.endedAt))) {
    throw new UnprocessableError('The assignment had ended by that date.', 'SESSION_AFTER_ASSIGNMENT', { date });
  }
}

/**
 * The counter writes that add (`+1`) or take away (`-1`) sessions: the mentor's minutes per day
 * (capped), the district's report counters and the mentor's own month figures, all in the month
 * of the session's date. An edit is "take the old one away, add the new one", merged per item
 * because a transaction may touch an item only once.
 */
function counterWrites(mentorId: string, changes: Array<[Session, 1 | -1]>): TxItem[] {
  const days = new Map<string, number>();
  const months = new Map<string, { sessions: number; minutes: number }>();
  const markers = new Map<string, number>();
  for (const [session, sign] of changes) {
    const month = session.date.slice(0, 7);
    days.set(session.date, (days.get(session.date) ?? 0) + sign * session.minutes);
    const m = months.get(month) ?? { sessions: 0, minutes: 0 };
    months.set(month, { sessions: m.sessions + sign, minutes: m.minutes + sign * session.minutes });
    const marker = `${month}|${session.startupId}`;
    markers.set(marker, (markers.get(marker) ?? 0) + sign);
  }
  const writes: TxItem[] = [];
  for (const [day, delta] of days) if (delta !== 0) writes.push(dayMinutesWrite(mentorId, day, delta));
  for (const [month, { sessions, minutes }] of months) {
    if (sessions === 0 && minutes === 0) continue;
    writes.push(...countWrites(month, { sessions, session_minutes: minutes }));
    writes.push(mentorMonthWrite(mentorId, month, Object.fromEntries(Object.entries({ sessions, minutes }).filter(([, n]) => n !== 0))));
  }
  for (const [marker, sessions] of markers) {
    const [month, startupId] = marker.split('|') as [string, string];
    if (sessions !== 0) writes.push(mentorMonthStartupWrite(mentorId, month, startupId, sessions));
  }
  return writes;
}

async function assignmentOfMentor(ctx: Ctx, assignmentId: string): Promise<Assignment> {
  const assignment = await getAssignmentItem(assignmentId);
  // Another mentor's assignment looks like no assignment at all.
  if (!assignment || !hasRole(ctx, 'mentor') || assignment.mentorUserId !== ctx.actor.sub) throw new NotFoundError('assignment');
  return assignment;
}

/** The assigned mentor logs a session; at most 12 hours per mentor per day, whatever runs in parallel. */
export async function logSession(ctx: Ctx, assignmentId: string, input: LogSession): Promise<Session> {
  const assignment = await assignmentOfMentor(ctx, assignmentId);
  checkDate(ctx, assignment, input.date);
  const at = ctx.now.toISOString();
  const session: Session = {
    id: newId('ses'),
    assignmentId,
    mentorId: assignment.mentorId,
    mentorUserId: assignment.mentorUserId,
    startupId: assignment.startupId,
    founderUserId: assignment.founderUserId,
    ...input,
    editableUntil: new Date(ctx.now.getTime() + SESSION_EDIT_DAYS * DAY_MS).toISOString(),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await retryOnConflict(() =>
    commit(ctx, [
      sessionCreateWrite(session),
      ...counterWrites(session.mentorId, [[session, 1]]),
      auditRecord(ctx, {
        action: 'session.logged',
        entityType: 'session',
        entityId: session.id,
        after: session,
        event: {
          type: 'MentoringSessionLogged',
          data: { sessionId: session.id, mentorId: session.mentorId, startupId: session.startupId, date: session.date, minutes: session.minutes },
        },
      }),
    ]),
  );
  return session;
}

/** Its author corrects a session within 7 days of logging it, while the founder has not confirmed it. */
export async function updateSession(ctx: Ctx, id: string, patch: UpdateSession, expectedVersion: number): Promise<Session> {
  return retryOnConflict(async () => {
    const before = await getSessionItem(id);
    if (!before || !hasRole(ctx, 'mentor') || before.mentorUserId !== ctx.actor.sub) throw new NotFoundError('session');
    if (ctx.now.toISOString() > before.editableUntil) {
      throw new ConflictError(`A session can be changed for ${SESSION_EDIT_DAYS} days after it was logged; this one is locked.`, 'SESSION_LOCKED');
    }
    if (before.confirmation) throw new ConflictError('The founder has confirmed this session; it can no longer be changed.', 'SESSION_CONFIRMED');
    if (before.version !== expectedVersion) throw new PreconditionFailedError();
    if (patch.date && patch.date !== before.date) {
      const assignment = await getAssignmentItem(before.assignmentId);
      checkDate(ctx, assignment!, patch.date);
    }
    const after: Session = { ...before, ...patch, updatedAt: ctx.now.toISOString(), version: expectedVersion + 1 };
    await commit(ctx, [
      sessionSaveWrite(after, expectedVersion),
      ...counterWrites(before.mentorId, [
        [before, -1],
        [after, 1],
      ]),
      auditRecord(ctx, { action: 'session.updated', entityType: 'session', entityId: id, before, after }),
    ]);
    return after;
  });
}

/** The startup's founder confirms a session once, with a rating of 1–5. */
export async function confirmSession(ctx: Ctx, id: string, input: ConfirmSession): Promise<Session> {
  return retryOnConflict(async () => {
    const before = await getSessionItem(id);
    if (!before || !hasRole(ctx, 'applicant') || before.founderUserId !== ctx.actor.sub) throw new NotFoundError('session');
    if (before.confirmation) throw new ConflictError('You have already confirmed this session.', 'ALREADY_CONFIRMED');
    const at = ctx.now.toISOString();
    const confirmation = { rating: input.rating, ...(input.comment ? { comment: input.comment } : {}), confirmedBy: ctx.actor.sub, confirmedAt: at };
    const after: Session = { ...before, confirmation, updatedAt: at, version: before.version + 1 };
    const month = before.date.slice(0, 7);
    await commit(ctx, [
      confirmationWrite(after, before.version),
      ...countWrites(month, { session_ratings: 1, session_rating_sum: input.rating }),
      mentorMonthWrite(before.mentorId, month, { confirmed: 1, ratingSum: input.rating }),
      auditRecord(ctx, {
        action: 'session.confirmed',
        entityType: 'session',
        entityId: id,
        before,
        after,
        event: { type: 'MentoringSessionConfirmed', data: { sessionId: id, mentorId: before.mentorId, startupId: before.startupId, rating: input.rating } },
      }),
    ]);
    return after;
  });
}

function isStaff(ctx: Ctx): boolean {
  return hasRole(ctx, 'officer') || hasRole(ctx, 'auditor');
}

/** Staff, the startup's founder and its mentors (present or past) read a session; anyone else gets 404. */
export async function getSession(ctx: Ctx, id: string): Promise<Session> {
  const session = await getSessionItem(id);
  if (!session) throw new NotFoundError('session');
  const allowed =
    isStaff(ctx) ||
    (hasRole(ctx, 'applicant') && session.founderUserId === ctx.actor.sub) ||
    (hasRole(ctx, 'mentor') && (session.mentorUserId === ctx.actor.sub || (await getPair(ctx.actor.sub, session.startupId)) !== undefined));
  if (!allowed) throw new NotFoundError('session');
  return session;
}

/** A startup's sessions: staff, its founder, and mentors who are or were assigned to it. */
export async function sessionsOfStartup(ctx: Ctx, startupId: string, page: PageQuery) {
  if (!isStaff(ctx)) {
    const founder = hasRole(ctx, 'applicant') && (await getStartup(startupId))?.founderUserId === ctx.actor.sub;
    const mentor = hasRole(ctx, 'mentor') && (await getPair(ctx.actor.sub, startupId)) !== undefined;
    if (!founder && !mentor) throw new NotFoundError('startup');
  }
  return listSessionsOfStartup(startupId, page);
}

/** A mentor's sessions (of one month, if asked): staff and the mentor themself. */
export async function sessionsOfMentor(ctx: Ctx, mentorId: string, month: string | undefined, page: PageQuery) {
  if (!isStaff(ctx)) {
    const mentor = await getMentorItem(mentorId);
    if (!mentor || !hasRole(ctx, 'mentor') || mentor.userId !== ctx.actor.sub) throw new NotFoundError('mentor');
  }
  return listSessionsOfMentor(mentorId, month, page);
}
