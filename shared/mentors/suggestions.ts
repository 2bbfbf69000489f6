import type { Ctx } from '../context';
import { NotFoundError } from '../errors';
import type { PageQuery } from '../db/pagination';
import { findStartup as getStartup } from '../startups';
import { getStartupMentors } from './assignments-repository';
import { listActiveMentorItems, listMentorItemsBySector } from './repository';
import type { Mentor, MentorSuggestion } from './schema';

/**
 * Reads are bounded: the startup's sector partition of the sector index (at most
 * SECTOR_READ_LIMIT entries, in pages of 100, each page followed by one BatchGet of the profiles
 * for their current load) and, only to fill up the list, one page of the active-mentor index.
 * Sorting by load happens in memory over what was read, which a sector team's size bounds.
 */
export const SECTOR_READ_LIMIT = 300;
const OTHERS_READ_LIMIT = 100;

const hasRoom = (mentor: Mentor) => mentor.active && mentor.activeMentees < mentor.maxMentees;
const byLoad = (a: Mentor, b: Mentor) =>
  a.activeMentees - b.activeMentees || b.maxMentees - a.maxMentees || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id);

/** Active mentors with free places for a startup: those covering its sector first, then by lowest load. */
export async function suggestMentors(_ctx: Ctx, startupId: string, limit: number) {
  const startup = await getStartup(startupId);
  if (!startup) throw new NotFoundError('startup');
  const assigned = new Set((await getStartupMentors(startupId)).mentorIds);

  const inSector: Mentor[] = [];
  let page: PageQuery = { limit: 100 };
  while (inSector.length < SECTOR_READ_LIMIT) {
    const result = await listMentorItemsBySector(startup.sector, page);
    inSector.push(...result.items);
    if (!result.nextCursor) break;
    page = { limit: 100, cursor: result.nextCursor };
  }
  const seen = new Set(inSector.map((m) => m.id));
  const first = inSector.filter((m) => hasRoom(m) && !assigned.has(m.id)).sort(byLoad);

  let others: Mentor[] = [];
  if (first.length < limit) {
    const result = await listActiveMentorItems({ limit: OTHERS_READ_LIMIT });
    others = result.items.filter((m) => !seen.has(m.id) && hasRoom(m) && !assigned.has(m.id)).sort(byLoad);
  }

  const describe = (mentor: Mentor, coversSector: boolean): MentorSuggestion => {
    const load = `${mentor.activeMentees} of ${mentor.maxMentees} places taken`;
    return {
      mentor,
      freeSlots: mentor.maxMentees - mentor.activeMentees,
      coversSector,
      reason: coversSector ? `covers ${startup.sector}; ${load}` : `has free capacity (${load}); does not cover ${startup.sector}`,
    };
  };
  return {
    startupId,
    sector: startup.sector,
    items: [...first.map((m) => describe(m, true)), ...others.map((m) => describe(m, false))].slice(0, limit),
  };
}
