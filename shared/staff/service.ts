// The staff directory: who the officers can choose from (reviewers, judges), by name.
import { commit, auditRecord } from '../audit/service';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { ForbiddenError, NotFoundError } from '../errors';
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
