import type { Ctx } from '../context';
import { hasRole } from '../context';
import { newId } from '../ids';
import { NotFoundError } from '../errors';
import { auditRecord, commit } from '../audit';
import type { PageQuery } from '../db/pagination';
import type { Sector } from '../sectors';
import { creationWrites, getMentorIdOfUser, getMentorItem, getPair, listMentorItems, listMentorItemsBySector, updateWrites } from './repository';
import type { CreateMentor, Mentor, UpdateMentor } from './schema';
import { monthOf } from '../clock';
import { countWrites } from '../reports';

/** Adds a member to the mentor team: one profile per login. */
export async function createMentor(ctx: Ctx, input: CreateMentor): Promise<Mentor> {
  const at = ctx.now.toISOString();
  const mentor: Mentor = { id: newId('mtr'), ...input, active: true, activeMentees: 0, createdAt: at, updatedAt: at, version: 1 };
  await commit(ctx, [
    ...creationWrites(mentor),
    ...countWrites(monthOf(ctx.now), { mentors_active_change: 1 }),
    auditRecord(ctx, { action: 'mentor.created', entityType: 'mentor', entityId: mentor.id, after: mentor }),
  ]);
  return mentor;
}

/** Changes a profile (officer). Lowering `maxMentees` below the current load ends nothing; it only stops new assignments. */
export async function updateMentor(ctx: Ctx, id: string, patch: UpdateMentor, expectedVersion: number): Promise<Mentor> {
  const before = await getMentorItem(id);
  if (!before) throw new NotFoundError('mentor');
  const after: Mentor = { ...before, ...patch, updatedAt: ctx.now.toISOString(), version: expectedVersion + 1 };
  await commit(ctx, [
    ...updateWrites({ ...before, version: expectedVersion }, after),
    ...countWrites(monthOf(ctx.now), { mentors_active_change: Number(after.active) - Number(before.active) }),
    auditRecord(ctx, { action: 'mentor.updated', entityType: 'mentor', entityId: id, before, after }),
  ]);
  return after;
}

/** Any signed-in user may read the mentor team's profiles. */
export async function getMentor(id: string): Promise<Mentor> {
  const mentor = await getMentorItem(id);
  if (!mentor) throw new NotFoundError('mentor');
  return mentor;
}

/** The mentor profile of the caller's login, or undefined. */
export async function findMentorOfUser(sub: string): Promise<Mentor | undefined> {
  const id = await getMentorIdOfUser(sub);
  return id ? getMentorItem(id) : undefined;
}

export async function getMyMentor(ctx: Ctx): Promise<Mentor> {
  const mentor = await findMentorOfUser(ctx.actor.sub);
  if (!mentor) throw new NotFoundError('mentor profile for your login; an officer creates it');
  return mentor;
}

/** The team, or one sector of it (from the sector index). */
export async function listMentors(sector: Sector | undefined, page: PageQuery) {
  return sector ? listMentorItemsBySector(sector, page) : listMentorItems(page);
}

/** True if `ctx` is the mentor of this profile. */
export function isSelf(ctx: Ctx, mentor: Mentor): boolean {
  return hasRole(ctx, 'mentor') && mentor.userId === ctx.actor.sub;
}

/** True if the mentor whose login is `userId` is or ever was assigned to the startup (one GetItem). */
export async function hasMentored(userId: string, startupId: string): Promise<boolean> {
  return (await getPair(userId, startupId)) !== undefined;
}

/** True if the caller is a mentor currently assigned to the startup. */
export async function isMentorOfStartup(ctx: Ctx, startupId: string): Promise<boolean> {
  if (!hasRole(ctx, 'mentor')) return false;
  const pair = await getPair(ctx.actor.sub, startupId);
  return pair?.activeAssignmentId !== undefined;
}

// What other modules read (and write in their transactions) of this module's records, entering through index.ts.
export { getAssignmentItem } from './assignments-repository';
export { getDayMinutes, getSessionItem } from './sessions-repository';
