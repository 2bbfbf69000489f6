import type { Ctx } from '../context';
import { dayOf, monthOf } from '../clock';
import { ValidationError } from '../errors';
import { getItems } from '../db/items';
import { startupFromItem as fromItem, startupKeys } from '../startups';
import { ACTIVE_STARTUP_STATUSES, type Startup } from '../startups';
import { communityOrThrow, requireStaffOrManager } from './access';
import { heldMonths, monthCount } from './months';
import { AllocationEntity, queryAll, spaceKeys } from './repository';
import { MAX_ALLOCATION_MONTHS, type Allocation, type CommunityAllocation, type PastTermStartup, type WaitingStartup } from './schema';
import { waitlistOf } from './waitlist-repository';

/** BatchGetItem takes at most 100 keys: larger sets are read in chunks. */
async function getAll<T>(keys: { pk: string; sk: string }[]): Promise<Array<T | undefined>> {
  const found: Array<T | undefined> = [];
  for (let i = 0; i < keys.length; i += 100) found.push(...(await getItems<T>(keys.slice(i, i + 100))));
  return found;
}

async function startupsById(ids: string[]): Promise<Map<string, Startup>> {
  const items = await getAll<Record<string, unknown>>(ids.map((id) => startupKeys.startup(id)));
  return new Map(items.filter((item) => item !== undefined).map((item) => [String(item.id), fromItem(item)]));
}

/**
 * The allocations holding any unit of the community in `fromMonth`..`toMonth` (≤ 24 months), with
 * the name of each startup: one Query of the community's unit-months in the period (gsi1), then the
 * allocations and startups they name by key. Never a scan, whatever the community's history.
 */
export async function communityAllocations(ctx: Ctx, communityId: string, fromMonth: string, toMonth: string): Promise<CommunityAllocation[]> {
  requireStaffOrManager(ctx, await communityOrThrow(communityId));
  if (toMonth < fromMonth || monthCount(fromMonth, toMonth) > MAX_ALLOCATION_MONTHS) {
    throw new ValidationError(`fromMonth..toMonth must be 1 to ${MAX_ALLOCATION_MONTHS} months.`, [{ field: 'query.toMonth', message: 'invalid period' }]);
  }
  const unitMonths = await queryAll<{ allocationId: string }>('gsi1', spaceKeys.occupancyOf(communityId), [`${fromMonth}#`, `${toMonth}#~`]);
  const ids = [...new Set(unitMonths.map((item) => item.allocationId))];
  const allocations = (await getAll<Record<string, unknown>>(ids.map((id) => spaceKeys.allocation(id))))
    .filter((item) => item !== undefined)
    .map((item): Allocation => AllocationEntity.fromItem(item))
    // Its unit-months are gone with a cancellation; a cancelled allocation never holds a cell.
    .filter((allocation) => heldMonths(allocation).length > 0);
  const startups = await startupsById([...new Set(allocations.map((a) => a.startupId))]);
  return allocations
    .map((allocation) => ({ ...allocation, startupName: startups.get(allocation.startupId)?.name ?? '' }))
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.fromMonth.localeCompare(b.fromMonth));
}

/**
 * The startups in the programme that wait for space in the community: those on its waitlist (first
 * come, first served), then those whose application prefers it and that hold fewer units than they
 * asked for in every month from this one on (an allocation starting next month counts). Reads the waitlist and the community's "preferring" index partition,
 * then the startups and their holdings by key.
 */
export async function waitingStartups(ctx: Ctx, communityId: string): Promise<WaitingStartup[]> {
  requireStaffOrManager(ctx, await communityOrThrow(communityId));
  const [waitlist, preferringItems] = await Promise.all([
    waitlistOf(communityId),
    queryAll<Record<string, unknown>>('gsi3', startupKeys.preferring(communityId)),
  ]);
  const preferring = preferringItems.map(fromItem);
  const startups = await startupsById(waitlist.map((entry) => entry.startupId));
  for (const startup of preferring) startups.set(startup.id, startup);
  const ids = [...startups.keys()];
  const thisMonth = monthOf(ctx.now);
  const holdings = await getAll<Record<string, unknown>>(ids.map((id) => spaceKeys.holding(id)));
  // The holding item has one count per `YYYY-MM` it holds units in: the most from this month on.
  const most = (holding: Record<string, unknown> | undefined) =>
    Math.max(0, ...Object.entries(holding ?? {}).flatMap(([key, n]) => (/^\d{4}-\d{2}$/.test(key) && key >= thisMonth ? [Number(n)] : [])));
  const held = new Map(ids.map((id, i) => [id, most(holdings[i])]));
  const view = (startup: Startup, kind: WaitingStartup['kind'], waitlistedAt?: string): WaitingStartup => ({
    startupId: startup.id,
    startupName: startup.name,
    status: startup.status as WaitingStartup['status'],
    kind,
    unitsRequested: startup.space.count,
    unitsHeld: held.get(startup.id) ?? 0,
    incubationStart: startup.incubationStart,
    incubationEnd: startup.incubationEnd,
    ...(waitlistedAt ? { waitlistedAt } : {}),
    prefersCommunity: startup.preferredCommunityId === communityId,
  });
  const result: WaitingStartup[] = [];
  const listed = new Set<string>();
  for (const entry of waitlist) {
    const startup = startups.get(entry.startupId);
    if (!startup || !ACTIVE_STARTUP_STATUSES.includes(startup.status)) continue;
    result.push(view(startup, entry.kind, entry.joinedAt));
    listed.add(startup.id);
  }
  for (const startup of preferring) {
    if (listed.has(startup.id) || !ACTIVE_STARTUP_STATUSES.includes(startup.status)) continue;
    if ((held.get(startup.id) ?? 0) >= startup.space.count) continue;
    result.push(view(startup, startup.space.kind));
  }
  return result;
}

/**
 * The community's incubating startups past their term's last day (Beijing time): those holding a
 * unit of it this month and those whose application prefers it. What the daily past-term alert is
 * about, for the park managers who must settle the space; read by key and by the community's index
 * partitions only.
 */
export async function pastTermStartups(ctx: Ctx, communityId: string): Promise<PastTermStartup[]> {
  const thisMonth = monthOf(ctx.now);
  const today = dayOf(ctx.now);
  const holding = await communityAllocations(ctx, communityId, thisMonth, thisMonth);
  const here = new Set(holding.map((allocation) => allocation.startupId));
  const startups = await startupsById([...here]);
  for (const item of await queryAll<Record<string, unknown>>('gsi3', startupKeys.preferring(communityId))) {
    const startup = fromItem(item);
    startups.set(startup.id, startup);
  }
  return [...startups.values()]
    .filter((startup) => startup.status === 'incubating' && startup.incubationEnd < today)
    .sort((a, b) => a.incubationEnd.localeCompare(b.incubationEnd) || a.id.localeCompare(b.id))
    .map((startup) => ({
      startupId: startup.id,
      startupName: startup.name,
      incubationStart: startup.incubationStart,
      incubationEnd: startup.incubationEnd,
      extended: startup.extension !== undefined,
      holdsSpaceHere: here.has(startup.id),
    }));
}
