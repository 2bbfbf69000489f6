import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { claims } from '../../auth/session';
import { beijingToday } from '../../format';
import { allPages } from '../../api/all-pages';

/** Lists a manager reads whole (communities, units) are short: 20 pages of 100 at most. */
const MAX_PAGES = 20;
import { addMonths, heldMonths, holdsIn, monthRange } from '../../../../../shared/spaces/months';

// Month arithmetic is the server's own pure module (no imports), shared with the browser.
export { addMonths, heldMonths, holdsIn, monthRange };

export type Community = Schemas['Community'];
export type Unit = Schemas['Unit'];
export type CommunityAllocation = Schemas['CommunityAllocation'];
export type WaitingStartup = Schemas['WaitingStartup'];

/** This Beijing month, `YYYY-MM`. */
export const thisMonth = () => beijingToday().slice(0, 7);

/** `n` months from `from` on, `YYYY-MM`. */
export const monthsFrom = (from: string, n: number) => monthRange(from, addMonths(from, n - 1));

/** The communities the signed-in park manager manages (the API lists every community to anyone signed in). */
export function useMyCommunities() {
  const sub = claims.value?.sub ?? '';
  return useLoad(async () => {
    const all = await allPages<Community>((cursor) => api.GET('/v1/communities', { params: { query: { limit: 100, cursor } } }), MAX_PAGES);
    return all.data ? { data: all.data.filter((c) => c.managerIds.includes(sub)) } : { error: all.error };
  }, [sub]);
}

export function loadUnits(id: string) {
  return allPages<Unit>((cursor) => api.GET('/v1/communities/{id}/units', { params: { path: { id }, query: { limit: 100, cursor } } }), MAX_PAGES);
}

/** A unit's code and kind in words, e.g. "A-101（工位）". */
export const unitLabel = (unit: Pick<Unit, 'code'>) => unit.code;
