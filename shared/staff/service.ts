// The staff directory: who the officers can choose from (reviewers, judges), by name.
import { commit, auditRecord } from '../audit';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { getStaffMember, listStaffInRole, staffWrites } from './repository';
import { StaffRole, type RecordStaffMember, type StaffMember } from './schema';

function staffRolesOf(ctx: Ctx): StaffRole[] {
  return ctx.actor.roles.flatMap((role) => {
    const parsed = StaffRole.safeParse(role);
    return parsed.success ? [parsed.data] : [];
  });
}

/** A staff member records the name colleagues see; the roles listed are those of their sign-in. */
export async function recordMyself(ctx: Ctx, input: RecordStaffMember): Promise<StaffMember> {
  const roles = staffRolesOf(ctx);
  if (roles.length === 0) throw new ForbiddenError('Only staff are listed in the staff directory.');
  const before = await getStaffMember(ctx.actor.sub);
  const member: StaffMember = { userId: ctx.actor.sub, displayName: input.displayName, roles, updatedAt: ctx.now.toISOString() };
  await commit(ctx, [
    ...staffWrites(member, before?.roles ?? []),
    auditRecord(ctx, { action: before ? 'staff.updated' : 'staff.recorded', entityType: 'staff', entityId: member.userId, before, after: member }),
  ]);
  return member;
}

export async function myself(ctx: Ctx): Promise<StaffMember> {
  const member = await getStaffMember(ctx.actor.sub);
  if (!member) throw new NotFoundError('staff directory entry');
  return member;
}

export function listStaff(role: 'officer' | 'mentor', page: PageQuery) {
  return listStaffInRole(role, page);
}

/**
 * Reviewers and judges are chosen from the directory: `userId` must have recorded their name while
 * signed in with one of `roles`; otherwise a 422 naming the field, so a typo or a stranger's id
 * never becomes a reviewer or a judge.
 */
export async function assertInStaffDirectory(userId: string, roles: readonly ('officer' | 'mentor')[], field: string): Promise<StaffMember> {
  const member = await getStaffMember(userId);
  if (!member || !member.roles.some((role) => roles.includes(role as 'officer' | 'mentor'))) {
    const message = `${userId} is not in the staff directory as ${roles.join(' or ')}: they sign in with that role and record their name (PUT /v1/staff/me) first.`;
    throw new UnprocessableError(message, 'NOT_IN_STAFF_DIRECTORY', { field, roles, errors: [{ field: `body.${field}`, message }] });
  }
  return member;
}

// What other modules read (and write in their transactions) of this module's records, entering through index.ts.
export { getStaffMember } from './repository';
