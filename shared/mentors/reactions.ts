import { systemCtx } from '../context';
import { onEvent } from '../events/bus';
import { endAssignmentsOfStartup } from './assignments';

/** A startup that graduates, withdraws or is terminated keeps no mentors: its assignments end. */
onEvent('StartupLeftIncubation', async (event) => {
  const ctx = systemCtx(event.requestId, new Date(event.at));
  await endAssignmentsOfStartup(ctx, String(event.data.startupId), `startup ${String(event.data.outcome)}`);
});
