import type { Ctx } from '../context';
import { hasRole } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { auditRecord, commit } from '../audit';
import { retryOnConflict } from '../db/transact';
import { findStartup as getStartup, startupUnchangedCheck } from '../startups';
import { ACTIVE_STARTUP_STATUSES } from '../startups';
import { communityOrThrow, requireManager, requireStaffOrManager } from './access';
import { joinWaitlistWrite, waitlistOf } from './waitlist-repository';
import type { SpaceKind, WaitlistEntry, WaitlistRequest } from './schema';

/** Puts a startup on a community's waitlist for a desk or an office: once per community. */
export async function joinWaitlist(ctx: Ctx, communityId: string, input: WaitlistRequest): Promise<WaitlistEntry> {
  const community = await communityOrThrow(communityId);
  if (!hasRole(ctx, 'officer')) requireManager(ctx, community);
  return retryOnConflict(async () => {
    const startup = await getStartup(input.startupId);
    if (!startup) throw new NotFoundError('startup');
    if (!ACTIVE_STARTUP_STATUSES.includes(startup.status)) {
      throw new ConflictError(`A startup that is ${startup.status} cannot wait for space.`, 'STARTUP_NOT_ACTIVE', { currentStatus: startup.status });
    }
    const entry: WaitlistEntry = { communityId, startupId: startup.id, startupName: startup.name, kind: input.kind, joinedAt: ctx.now.toISOString() };
    await commit(ctx, [
      joinWaitlistWrite(entry),
      // Still in the programme when the entry is written: a startup leaving at the same moment wins or waits.
      startupUnchangedCheck(startup),
      auditRecord(ctx, { action: 'waitlist.joined', entityType: 'waitlistEntry', entityId: startup.id, after: entry }),
    ]);
    return entry;
  });
}

/** The first startup waiting for a unit of `kind` in the community: the suggested next tenant. */
export async function firstWaiting(communityId: string, kind: SpaceKind): Promise<WaitlistEntry | null> {
  return (await waitlistOf(communityId)).find((entry) => entry.kind === kind) ?? null;
}

/** A community's waitlist, first come first served, with the first waiting startup of each kind. */
export async function getWaitlist(ctx: Ctx, communityId: string) {
  requireStaffOrManager(ctx, await communityOrThrow(communityId));
  const items = await waitlistOf(communityId);
  const first = (kind: SpaceKind) => items.find((entry) => entry.kind === kind) ?? null;
  return { items, suggestedNext: { desk: first('desk'), office: first('office') } };
}
