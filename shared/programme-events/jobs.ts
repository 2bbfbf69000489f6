import type { Ctx } from '../context';
import { ConflictError } from '../errors';
import type { JobSummary } from '../jobs';
import { getEvent, listOpenEventsDue } from './repository';
import { moveEvent } from './service';

const PAGE = 50;

/**
 * Closes registration of every published event whose deadline has passed (`EventRegistrationClosed`,
 * audited as the system). Reads the published events by deadline (a sparse index) up to now; an
 * event is read again before it is closed, since the index may lag behind a deadline just moved
 * later. Safe to run twice: a closed event leaves the index.
 */
export async function closeEventRegistrations(ctx: Ctx): Promise<JobSummary> {
  const now = ctx.now.toISOString();
  const seen = new Set<string>();
  let closed = 0;
  for (let round = 0; round < 100; round += 1) {
    const due = (await listOpenEventsDue(now, PAGE)).filter((event) => !seen.has(event.id));
    for (const { id } of due) {
      seen.add(id);
      const event = await getEvent(id);
      if (!event || event.status !== 'published' || event.registrationDeadline > now) continue;
      try {
        await moveEvent(ctx, id, 'closed');
        closed += 1;
      } catch (error) {
        // Someone closed or cancelled it at the same moment: nothing left to do.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    if (due.length === 0) break;
  }
  return { closed };
}
