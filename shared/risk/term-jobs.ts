import { dayOf } from '../clock';
import type { Ctx } from '../context';
import type { JobSummary } from '../jobs';
import { isReviewOverdue, listStartupsByStatus, type Startup } from '../startups';
import { raiseAlert } from './service';

/** The risk rules over incubating startups that run on a schedule (the past term, the overdue review). */

async function forEachIncubating(visit: (startup: Startup) => Promise<void>): Promise<number> {
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await listStartupsByStatus('incubating', { limit: 100, cursor });
    for (const startup of page.items) {
      seen += 1;
      await visit(startup);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

/**
 * Daily: a risk alert on every incubating startup past the last day of its term (one open alert per
 * startup). Reads the incubating startups by status (an index), never a Scan; safe to run twice.
 */
export async function flagPastTerm(ctx: Ctx): Promise<JobSummary> {
  const today = dayOf(ctx.now);
  let raised = 0;
  const checked = await forEachIncubating(async (startup) => {
    if (startup.incubationEnd >= today) return;
    const alert = await raiseAlert(ctx, {
      rule: 'past_incubation_term',
      subjectType: 'startup',
      subjectId: startup.id,
      summary: `${startup.name} is past its incubation term (last day ${startup.incubationEnd}).`,
      facts: { incubationEnd: startup.incubationEnd, preferredCommunityId: startup.preferredCommunityId ?? null, extended: startup.extension !== undefined },
    });
    if (alert) raised += 1;
  });
  return { checked, raised };
}

/** Daily: a risk alert on every incubating startup whose annual review is overdue. */
export async function flagOverdueReviews(ctx: Ctx): Promise<JobSummary> {
  const today = dayOf(ctx.now);
  let raised = 0;
  const checked = await forEachIncubating(async (startup) => {
    if (!isReviewOverdue(startup, today)) return;
    const alert = await raiseAlert(ctx, {
      rule: 'review_overdue',
      subjectType: 'startup',
      subjectId: startup.id,
      summary: `${startup.name} has not been reviewed since ${startup.lastReviewedOn ?? startup.incubationStart}.`,
      facts: { lastReviewedOn: startup.lastReviewedOn ?? null, incubationStart: startup.incubationStart },
    });
    if (alert) raised += 1;
  });
  return { checked, raised };
}
