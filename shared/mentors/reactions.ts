import { systemCtx } from '../context';
import { onEvent } from '../events';
import { addStartupViewerRule } from '../startups';
import { endAssignmentsOfStartup } from './assignments';
import { isMentorOfStartup } from './service';

/** A startup that graduates, withdraws or is terminated keeps no mentors: its assignments end. */
onEvent('StartupLeftIncubation', async (event) => {
  const ctx = systemCtx(event.requestId, new Date(event.at));
  await endAssignmentsOfStartup(ctx, String(event.data.startupId), `startup ${String(event.data.outcome)}`);
});

/** A mentor reads the startups currently assigned to them (and no others). */
addStartupViewerRule((ctx, startup) => isMentorOfStartup(ctx, startup.id));
