import type { Ctx } from '../context';
import { hasRole } from '../context';
import { manages } from './access';
import { heldMonths, holdsIn } from './months';
import { monthOf } from '../clock';
import { getItem } from '../db/items';
import { ACTIVE_STARTUP_STATUSES, type Startup } from '../startups';
import { allocationsOfStartup, getCommunity, getUnitRecord, spaceKeys } from './repository';
import { waitlistsOfStartup } from './waitlist-repository';

/**
 * What other modules may ask of incubation space. Subsidies compute rent from the months a startup
 * held a unit; the startup module lets the managers of its communities see it.
 */

export interface OccupiedMonth {
  month: string;
  unitId: string;
  communityId: string;
  monthlyRentFen: number;
  /** The unit's area (m²) when allocated; for allocations made before areas were kept, the unit's area now. */
  areaM2: number;
}

/** Every month a startup holds (or held) a unit, with the rent fixed at allocation; released months and cancelled allocations excluded. */
export async function occupiedMonthsOf(startupId: string): Promise<OccupiedMonth[]> {
  const records = await allocationsOfStartup(startupId);
  const areas = new Map<string, number>();
  for (const { allocation } of records) {
    if (allocation.areaM2 === undefined && !areas.has(allocation.unitId))
      areas.set(allocation.unitId, (await getUnitRecord(allocation.unitId))?.unit.areaM2 ?? 0);
  }
  return records
    .flatMap(({ allocation }) =>
      heldMonths(allocation).map((month) => ({
        month,
        unitId: allocation.unitId,
        communityId: allocation.communityId,
        monthlyRentFen: allocation.monthlyRentFen,
        areaM2: allocation.areaM2 ?? areas.get(allocation.unitId) ?? 0,
      })),
    )
    .sort((a, b) => a.month.localeCompare(b.month) || a.unitId.localeCompare(b.unitId));
}

/** Seats the startup holds in a month (desks 1 each, offices their seats): what its job reports are held against. */
export async function seatsHeldIn(startupId: string, month: string): Promise<number> {
  const records = await allocationsOfStartup(startupId);
  return records.filter(({ allocation }) => holdsIn(allocation, month)).reduce((sum, { allocation }) => sum + allocation.seats, 0);
}

/**
 * Whether the caller, a park manager, may read the startup. Only while it has business with a
 * community they manage: it holds space there this month or later, or (approved or incubating) it
 * waits for space there, on the community's waitlist or preferring it while holding fewer units than
 * it asked for. Having placed it once is not enough: after a cancelled allocation, or once its
 * months there have passed, the manager reads it no more (the allocations themselves stay visible).
 */
export async function isManagerOfStartup(ctx: Ctx, startup: Startup): Promise<boolean> {
  if (!hasRole(ctx, 'park_manager')) return false;
  const thisMonth = monthOf(ctx.now);
  const candidates = new Set(
    (await allocationsOfStartup(startup.id))
      .filter(({ allocation }) => heldMonths(allocation).some((month) => month >= thisMonth))
      .map(({ allocation }) => allocation.communityId),
  );
  if (ACTIVE_STARTUP_STATUSES.includes(startup.status)) {
    for (const entry of await waitlistsOfStartup(startup.id)) candidates.add(entry.communityId);
    if (startup.preferredCommunityId && !candidates.has(startup.preferredCommunityId) && (await unitsHeldFrom(startup.id, thisMonth)) < startup.space.count) {
      candidates.add(startup.preferredCommunityId);
    }
  }
  for (const id of candidates) {
    const community = await getCommunity(id);
    if (community && manages(ctx, community)) return true;
  }
  return false;
}

/** The most units the startup holds in any month from `month` on (its holding item counts them per month). */
async function unitsHeldFrom(startupId: string, month: string): Promise<number> {
  const holding = await getItem<Record<string, unknown>>(spaceKeys.holding(startupId));
  return Math.max(0, ...Object.entries(holding ?? {}).flatMap(([key, n]) => (/^\d{4}-\d{2}$/.test(key) && key >= month ? [Number(n)] : [])));
}

export { allocateUnit, getAllocation, listAllocations, releaseAllocation } from './allocations';
export {
  createCommunity,
  createUnit,
  getCommunity as getCommunityById,
  getUnit,
  listCommunities,
  listUnits,
  occupancy,
  updateCommunity,
  updateUnit,
} from './communities';
export { getWaitlist, joinWaitlist } from './waitlist';
export { communityAllocations, pastTermStartups, waitingStartups } from './overview';
