import { auditRecord } from '../audit';
import { dayOf, monthOf } from '../clock';
import { countWrites } from '../reports';
import type { Ctx } from '../context';
import type { TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { saveStartupWrite } from './repository';
import type { Startup, StartupStatus } from './schema';

/** The startup state machine: approved → incubating → graduated | withdrawn | terminated. */
const NEXT: Record<StartupStatus, readonly StartupStatus[]> = {
  approved: ['incubating', 'withdrawn', 'terminated'],
  incubating: ['graduated', 'withdrawn', 'terminated'],
  graduated: [],
  withdrawn: [],
  terminated: [],
};

export function canMove(from: StartupStatus, to: StartupStatus): boolean {
  return NEXT[from].includes(to);
}

export const LEFT_INCUBATION = ['graduated', 'withdrawn', 'terminated'] as const satisfies readonly StartupStatus[];
const hasLeft = (status: StartupStatus): status is (typeof LEFT_INCUBATION)[number] => (LEFT_INCUBATION as readonly StartupStatus[]).includes(status);

/**
 * The writes that move a startup to `to` (with its audit record and, when it leaves incubation,
 * the `StartupLeftIncubation` event other modules react to). The version condition makes two
 * concurrent moves impossible: the second gets 409.
 */
export function moveStartup(ctx: Ctx, startup: Startup, to: StartupStatus, changes: Partial<Startup> = {}): { writes: TxItem[]; after: Startup } {
  if (!canMove(startup.status, to)) {
    throw new ConflictError(`A startup that is ${startup.status} cannot become ${to}.`, 'INVALID_TRANSITION', { from: startup.status, to });
  }
  const after: Startup = { ...startup, ...changes, status: to, updatedAt: ctx.now.toISOString(), version: startup.version + 1 };
  // Counted district-wide and in the community the startup chose (the incubation base it is assessed in).
  const counted = hasLeft(to)
    ? { startups_left: 1, startups_left_on_time: dayOf(ctx.now) <= startup.incubationEnd ? 1 : 0 }
    : to === 'incubating'
      ? { startups_incubating: 1 }
      : {};
  return {
    after,
    writes: [
      saveStartupWrite(after, startup.version, () => new ConflictError('The startup changed at the same time; read it again.', 'CONCURRENT_UPDATE')),
      auditRecord(ctx, {
        action: `startup.${to}`,
        entityType: 'startup',
        entityId: startup.id,
        before: startup,
        after,
        event: hasLeft(to)
          ? { type: 'StartupLeftIncubation', data: { startupId: startup.id, outcome: to, leftAt: after.leftAt ?? ctx.now.toISOString() } }
          : to === 'incubating'
            ? { type: 'StartupStartedIncubation', data: { startupId: startup.id } }
            : undefined,
      }),
      ...countWrites(monthOf(ctx.now), counted, startup.preferredCommunityId),
    ],
  };
}
