import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { claims } from '../../auth/session';
import { beijingToday } from '../../format';
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

/** Every page of a list route (communities, units): lists a manager reads whole are short. */
async function allPages<T>(page: (cursor?: string) => Promise<{ data?: { items: T[]; nextCursor: string | null }; error?: unknown }>) {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 20; guard++) {
    const { data, error } = await page(cursor);
    if (error !== undefined || !data) return { error };
    items.push(...data.items);
    if (!data.nextCursor) break;
    cursor = data.nextCursor;
  }
  return { data: items };
}

/** The communities the signed-in park manager manages (the API lists every community to anyone signed in). */
export function useMyCommunities() {
  const sub = claims.value?.sub ?? '';
  return useLoad(async () => {
    const all = await allPages<Community>((cursor) => api.GET('/v1/communities', { params: { query: { limit: 100, cursor } } }));
    return all.data ? { data: all.data.filter((c) => c.managerIds.includes(sub)) } : { error: all.error };
  }, [sub]);
}

export function loadUnits(id: string) {
  return allPages<Unit>((cursor) => api.GET('/v1/communities/{id}/units', { params: { path: { id }, query: { limit: 100, cursor } } }));
}

/** A unit's code and kind in words, e.g. "A-101（工位）". */
export const unitLabel = (unit: Pick<Unit, 'code'>) => unit.code;
