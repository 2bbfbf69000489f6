import type { Ctx } from '../context';
import { hasRole } from '../context';
import { dayOf } from '../clock';
import { newId } from '../ids';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { auditRecord, commit } from '../audit';
import type { PageQuery } from '../db/pagination';
import { readTogether } from '../db/items';
import { retryOnConflict } from '../db/transact';
import { findStartup as getStartup, startupRead } from '../startups';
import { ACTIVE_STARTUP_STATUSES } from '../startups';
import {
  assignmentWrites,
  endWrites,
  getAssignmentItem,
  getStartupMentors,
  listAssignmentsOfMentor,
  listAssignmentsOfStartup,
  startupMentorsRead,
} from './assignments-repository';
import { getPair, mentorRead } from './repository';
import { findMentorOfUser } from './service';
import { MAX_MENTORS_PER_STARTUP, type Assignment, type CreateAssignment } from './schema';

/**
 * Assigns a mentor to a startup (officer). The reads give the precise reason for a refusal; the
 * conditions in the transaction make the limits hold under any concurrency, and a collision
 * re-reads, so the losers of a race for the last place get MENTOR_AT_CAPACITY.
 */
export async function assignMentor(ctx: Ctx, input: CreateAssignment): Promise<Assignment> {
  return retryOnConflict(async () => {
    // What the decision needs, by known keys, in one BatchGetItem; the pair needs the mentor's login, so it comes second.
    const [mentor, startup, mentors] = await readTogether(mentorRead(input.mentorId), startupRead(input.startupId), startupMentorsRead(input.startupId));
    if (!mentor) throw new NotFoundError('mentor');
    if (!startup) throw new NotFoundError('startup');
    if (!ACTIVE_STARTUP_STATUSES.includes(startup.status)) {
      throw new ConflictError(`A startup that is ${startup.status} gets no new mentors.`, 'STARTUP_NOT_ACTIVE');
    }
    if (!mentor.active) throw new ConflictError('This mentor is inactive and takes no new startups.', 'MENTOR_INACTIVE');
    if (mentor.activeMentees >= mentor.maxMentees) {
      throw new ConflictError('The mentor has no free place for another startup.', 'MENTOR_AT_CAPACITY');
    }
    if ((await getPair(mentor.userId, startup.id))?.activeAssignmentId) {
      throw new ConflictError('This mentor is already assigned to this startup.', 'ALREADY_ASSIGNED');
    }
    if ((mentors?.mentorCount ?? 0) >= MAX_MENTORS_PER_STARTUP) {
      throw new ConflictError(`A startup has at most ${MAX_MENTORS_PER_STARTUP} mentors at once.`, 'STARTUP_MENTOR_LIMIT');
    }
    const at = ctx.now.toISOString();
    const assignment: Assignment = {
      id: newId('asg'),
      mentorId: mentor.id,
      mentorUserId: mentor.userId,
      mentorName: mentor.name,
      startupId: startup.id,
      startupName: startup.name,
      founderUserId: startup.founderUserId,
      status: 'active',
      startDate: dayOf(ctx.now),
      startedAt: at,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await commit(ctx, [
      ...assignmentWrites(assignment),
      auditRecord(ctx, {
        action: 'assignment.created',
        entityType: 'assignment',
        entityId: assignment.id,
        after: assignment,
        event: { type: 'MentorAssigned', data: { assignmentId: assignment.id, mentorId: mentor.id, startupId: startup.id } },
      }),
    ]);
    return assignment;
  });
}

/** Ends an active assignment, freeing a place on both sides; the mentor keeps the sessions already logged. */
export async function endAssignment(ctx: Ctx, id: string, reason: string): Promise<Assignment> {
  return retryOnConflict(async () => {
    const before = await getAssignmentItem(id);
    if (!before) throw new NotFoundError('assignment');
    if (before.status !== 'active') throw new ConflictError('This assignment has already ended.', 'ASSIGNMENT_ENDED');
    const at = ctx.now.toISOString();
    const after: Assignment = { ...before, status: 'ended', endedAt: at, endReason: reason, updatedAt: at, version: before.version + 1 };
    await commit(ctx, [
      ...endWrites(before, after),
      auditRecord(ctx, {
        action: 'assignment.ended',
        entityType: 'assignment',
        entityId: id,
        before,
        after,
        event: { type: 'MentorAssignmentEnded', data: { assignmentId: id, mentorId: before.mentorId, startupId: before.startupId } },
      }),
    ]);
    return after;
  });
}

/** Ends every current assignment of a startup (when it leaves incubation). */
export async function endAssignmentsOfStartup(ctx: Ctx, startupId: string, reason: string): Promise<number> {
  const { assignmentIds } = await getStartupMentors(startupId);
  for (const id of assignmentIds) {
    try {
      await endAssignment(ctx, id, reason);
    } catch (error) {
      // Ended by an officer in the meantime: nothing left to do for this one.
      if (!(error instanceof ConflictError && error.code === 'ASSIGNMENT_ENDED')) throw error;
    }
  }
  return assignmentIds.length;
}

/** Staff see any assignment; a mentor their own; a founder their startup's. Anyone else: 404. */
function maySee(ctx: Ctx, assignment: Assignment): boolean {
  if (hasRole(ctx, 'officer') || hasRole(ctx, 'auditor')) return true;
  if (hasRole(ctx, 'mentor') && assignment.mentorUserId === ctx.actor.sub) return true;
  return hasRole(ctx, 'applicant') && assignment.founderUserId === ctx.actor.sub;
}

export async function getAssignment(ctx: Ctx, id: string): Promise<Assignment> {
  const assignment = await getAssignmentItem(id);
  if (!assignment || !maySee(ctx, assignment)) throw new NotFoundError('assignment');
  return assignment;
}

/**
 * Assignments of a mentor or of a startup. Staff may ask for either; a mentor sees their own
 * (the default when they name none); a founder sees their startup's.
 */
export async function listAssignments(ctx: Ctx, filter: { mentorId?: string; startupId?: string }, page: PageQuery) {
  const staff = hasRole(ctx, 'officer') || hasRole(ctx, 'auditor');
  if ((filter.mentorId && filter.startupId) || (staff && !filter.mentorId && !filter.startupId)) {
    throw new ValidationError('Name one of mentorId or startupId.', [{ field: 'query', message: 'exactly one of mentorId, startupId' }]);
  }
  if (filter.startupId) {
    if (!staff) {
      const startup = await getStartup(filter.startupId);
      const founder = hasRole(ctx, 'applicant') && startup?.founderUserId === ctx.actor.sub;
      const mentor = hasRole(ctx, 'mentor') && (await getPair(ctx.actor.sub, filter.startupId)) !== undefined;
      if (!founder && !mentor) throw new NotFoundError('startup');
    }
    return listAssignmentsOfStartup(filter.startupId, page);
  }
  if (staff && filter.mentorId) return listAssignmentsOfMentor(filter.mentorId, page);
  if (hasRole(ctx, 'mentor')) {
    const mine = await findMentorOfUser(ctx.actor.sub);
    if (!mine || (filter.mentorId && filter.mentorId !== mine.id)) throw new NotFoundError('mentor');
    return listAssignmentsOfMentor(mine.id, page);
  }
  throw new NotFoundError('mentor');
}
