import type { Ctx } from '../context';
import { hasRole } from '../context';
import { manages } from './access';
import { heldMonths, holdsIn } from './months';
import { allocationsOfStartup, getCommunity } from './repository';

/**
 * What other modules may ask of incubation space. Subsidies compute rent from the months a startup
 * held a unit; the startup module lets the managers of its communities see it.
 */

export interface OccupiedMonth {
  month: string;
  unitId: string;
  communityId: string;
  monthlyRentFen: number;
}

/** Every month a startup holds (or held) a unit, with the rent fixed at allocation; released months and cancelled allocations excluded. */
export async function occupiedMonthsOf(startupId: string): Promise<OccupiedMonth[]> {
  const records = await allocationsOfStartup(startupId);
  return records
    .flatMap(({ allocation }) =>
      heldMonths(allocation).map((month) => ({
        month,
        unitId: allocation.unitId,
        communityId: allocation.communityId,
        monthlyRentFen: allocation.monthlyRentFen,
      })),
    )
    .sort((a, b) => a.month.localeCompare(b.month) || a.unitId.localeCompare(b.unitId));
}

/** Seats the startup holds in a month (desks 1 each, offices their seats): what its job reports are held against. */
export async function seatsHeldIn(startupId: string, month: string): Promise<number> {
  const records = await allocationsOfStartup(startupId);
  return records.filter(({ allocation }) => holdsIn(allocation, month)).reduce((sum, { allocation }) => sum + allocation.seats, 0);
}

/** True when the caller manages a community in which the startup holds or held an allocation. */
export async function isManagerOfStartup(ctx: Ctx, startupId: string): Promise<boolean> {
  if (!hasRole(ctx, 'park_manager')) return false;
  const communityIds = new Set((await allocationsOfStartup(startupId)).map(({ allocation }) => allocation.communityId));
  for (const id of communityIds) {
    const community = await getCommunity(id);
    if (community && manages(ctx, community)) return true;
  }
  return false;
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
export { communityAllocations, waitingStartups } from './overview';
