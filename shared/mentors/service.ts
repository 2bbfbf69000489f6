import type { Ctx } from '../context';
import { hasRole } from '../context';
import { getPair } from './repository';

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
