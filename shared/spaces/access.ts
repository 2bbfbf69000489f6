import type { Ctx } from '../context';
import { hasRole } from '../context';
import { ForbiddenError, NotFoundError } from '../errors';
import { getCommunity } from './repository';
import type { Community } from './schema';

/** Whether the caller is one of the community's park managers. */
export function manages(ctx: Ctx, community: Community): boolean {
  return hasRole(ctx, 'park_manager') && community.managerIds.includes(ctx.actor.sub);
}

/** A manager acts only on their own community's space; other managers get 403. */
export function requireManager(ctx: Ctx, community: Community): void {
  if (!manages(ctx, community)) throw new ForbiddenError('Only a manager of this community may do this.', 'NOT_COMMUNITY_MANAGER');
}

/** Officers and auditors see every community's figures; a park manager only their own. */
export function requireStaffOrManager(ctx: Ctx, community: Community, staff: Array<'officer' | 'auditor'> = ['officer', 'auditor']): void {
  if (staff.some((role) => hasRole(ctx, role))) return;
  requireManager(ctx, community);
}

export async function communityOrThrow(id: string): Promise<Community> {
  const community = await getCommunity(id);
  if (!community) throw new NotFoundError('community');
  return community;
}
