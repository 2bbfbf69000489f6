import { monthOf, now } from '../clock';
import { systemCtx, type Ctx } from '../context';
import { commit } from '../audit';
import { retryOnConflict } from '../db/transact';
import { onEvent } from '../events';
import { addStartupViewerRule } from '../startups';
import { leftWaitlistWrites, releaseWrites } from './allocations';
import { addMonths, maxMonth } from './months';
import { isManagerOfStartup } from './service';
import { allocationsOfStartup, getAllocationRecord } from './repository';
import { getWaitlistEntry, waitlistsOfStartup } from './waitlist-repository';

/**
 * When a startup graduates, withdraws or is terminated, its space is given back from the next
 * month on (never a past month) and it leaves every waitlist, with audit records by the system.
 */
onEvent('StartupLeftIncubation', async (event) => {
  const startupId = String(event.data.startupId);
  const ctx = systemCtx(event.requestId, new Date(event.at));
  const leftAt = typeof event.data.leftAt === 'string' && !Number.isNaN(Date.parse(event.data.leftAt)) ? new Date(event.data.leftAt) : ctx.now;
  // The month after leaving; a late delivery of the event (stream retries) still never frees a past month.
  const from = maxMonth(addMonths(maxMonth(monthOf(leftAt), monthOf(ctx.now)), 1), monthOf(now()));
  await releaseSpaceOf(ctx, startupId, from, `startup ${String(event.data.outcome)}`);
  for (const entry of await waitlistsOfStartup(startupId)) {
    await retryOnConflict(async () => {
      const current = await getWaitlistEntry(entry.communityId, startupId);
      if (current) await commit(ctx, leftWaitlistWrites(ctx, current, 'left_incubation'));
    });
  }
});

async function releaseSpaceOf(ctx: Ctx, startupId: string, from: string, reason: string): Promise<void> {
  for (const { allocation } of await allocationsOfStartup(startupId)) {
    await retryOnConflict(async () => {
      const record = await getAllocationRecord(allocation.id);
      const release = record && releaseWrites(ctx, record, from, reason);
      if (release) await commit(ctx, release.writes);
    });
  }
}

/** Park managers read the startups that hold space in their community now or later, or wait for it. */
addStartupViewerRule((ctx, startup) => isManagerOfStartup(ctx, startup));
