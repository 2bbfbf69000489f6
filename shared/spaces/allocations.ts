import type { Ctx } from '../context';
import { hasRole } from '../context';
import { monthOf } from '../clock';
import { newId } from '../ids';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../errors';
import { auditRecord, commit } from '../audit';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict, TransactionConflictError, type TxItem } from '../db/transact';
import { readTogether } from '../db/items';
import { tableName } from '../db/table';
import { startupRead, startupUnchangedCheck } from '../startups';
import { ACTIVE_STARTUP_STATUSES, type Startup } from '../startups';
import { startIncubationWrites } from '../startups';
import { communityOrThrow, manages, requireManager } from './access';
import { addMonths, heldMonths, maxMonth, monthCount, monthRange } from './months';
import {
  allocationPage,
  allocationsOfStartup,
  communityRead,
  createAllocationWrite,
  getAllocationRecord,
  getCommunity,
  getUnitRecord,
  saveAllocationWrite,
  spaceKeys,
  type AllocationRecord,
} from './repository';
import { leaveWaitlistWrite, waitlistEntryRead } from './waitlist-repository';
import { MAX_ALLOCATION_MONTHS, type AllocateUnit, type Allocation, type ReleaseAllocation, type WaitlistEntry } from './schema';
import { giveBackUnitMonthsWrites, takeUnitMonthsWrites } from './unit-months';
import { firstWaiting } from './waitlist';

/** The unit must still be active; the allocation count tells a concurrent status change that it lost. */
function unitStillActive(unitId: string): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: spaceKeys.unit(unitId),
      UpdateExpression: 'ADD allocationCount :one',
      ConditionExpression: 'attribute_exists(pk) AND #status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':one': 1, ':active': 'active' },
    },
    onConditionFailed: () => new ConflictError('The unit is under maintenance and cannot be allocated.', 'UNIT_IN_MAINTENANCE'),
  };
}

function checkPeriod(ctx: Ctx, input: AllocateUnit): void {
  if (input.toMonth < input.fromMonth) throw new ValidationError('toMonth is before fromMonth.', [{ field: 'body.toMonth', message: 'before fromMonth' }]);
  if (monthCount(input.fromMonth, input.toMonth) > MAX_ALLOCATION_MONTHS) {
    throw new ValidationError(`An allocation covers at most ${MAX_ALLOCATION_MONTHS} months.`, [
      { field: 'body.toMonth', message: `more than ${MAX_ALLOCATION_MONTHS} months` },
    ]);
  }
  if (input.fromMonth < monthOf(ctx.now)) throw new UnprocessableError('An allocation cannot start in a past month.', 'PAST_MONTH');
}

/**
 * Moves a startup into a unit for `fromMonth`..`toMonth`. Every rule is a condition of the one
 * transaction: each unit-month is free, the unit is active, the startup is unchanged (still approved
 * or incubating) and holds no more units in any of these months than it asked for. The first
 * allocation moves an approved startup to incubating; a waitlist entry for the community leaves.
 */
export async function allocateUnit(ctx: Ctx, input: AllocateUnit): Promise<Allocation> {
  checkPeriod(ctx, input);
  // A lost transaction race re-reads everything: the losers then see the unit taken (UNIT_OCCUPIED).
  return retryOnConflict(async () => {
    const unitRecord = await getUnitRecord(input.unitId);
    if (!unitRecord) throw new NotFoundError('unit');
    const { unit } = unitRecord;
    // The rest by known keys in one BatchGetItem: the unit's community, the startup, its place on the community's waitlist.
    const [community, startup, waiting] = await readTogether(
      communityRead(unit.communityId),
      startupRead(input.startupId),
      waitlistEntryRead(unit.communityId, input.startupId),
    );
    if (!community) throw new NotFoundError('community');
    requireManager(ctx, community);
    if (unit.status !== 'active') throw new ConflictError('The unit is under maintenance and cannot be allocated.', 'UNIT_IN_MAINTENANCE');
    if (!startup) throw new NotFoundError('startup');
    if (!ACTIVE_STARTUP_STATUSES.includes(startup.status)) {
      throw new ConflictError(`A startup that is ${startup.status} cannot be given space.`, 'STARTUP_NOT_ACTIVE', { currentStatus: startup.status });
    }
    if (unit.kind !== startup.space.kind) {
      throw new UnprocessableError(
        `The startup asked for ${startup.space.kind === 'desk' ? 'desks' : 'offices'}; this unit is a ${unit.kind}.`,
        'UNIT_KIND_NOT_REQUESTED',
        {
          requested: startup.space.kind,
          unitKind: unit.kind,
        },
      );
    }
    await requireWaitingFor(startup, unit.communityId, waiting);
    if (input.fromMonth < startup.incubationStart.slice(0, 7) || input.toMonth > startup.incubationEnd.slice(0, 7)) {
      throw new UnprocessableError(
        `The allocation must lie within the incubation period ${startup.incubationStart} to ${startup.incubationEnd}.`,
        'OUTSIDE_INCUBATION',
      );
    }
    const at = ctx.now.toISOString();
    const allocation: Allocation = {
      id: newId('alc'),
      startupId: startup.id,
      unitId: unit.id,
      unitCode: unit.code,
      unitKind: unit.kind,
      seats: unit.seats,
      communityId: unit.communityId,
      monthlyRentFen: unit.monthlyRentFen,
      areaM2: unit.areaM2,
      fromMonth: input.fromMonth,
      toMonth: input.toMonth,
      status: 'active',
      lastMonth: input.toMonth,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    // The first allocation starts incubation exactly as an officer's start does (its period and the month's counter).
    const startupWrites =
      startup.status === 'approved'
        ? startIncubationWrites(ctx, startup).writes.map((write, i) =>
            i === 0 ? { ...write, onConditionFailed: () => new TransactionConflictError() } : write,
          )
        : [startupUnchangedCheck(startup)];
    // Unit-months first: when several conditions fail, the answer names the occupied month.
    await commit(ctx, [
      ...takeUnitMonthsWrites(allocation, monthRange(allocation.fromMonth, allocation.toMonth), startup.space.count),
      unitStillActive(unit.id),
      ...startupWrites,
      createAllocationWrite(allocation, startup.founderUserId),
      auditRecord(ctx, {
        action: 'allocation.created',
        entityType: 'allocation',
        entityId: allocation.id,
        after: allocation,
        event: {
          type: 'UnitAllocated',
          data: {
            allocationId: allocation.id,
            startupId: startup.id,
            unitId: unit.id,
            communityId: unit.communityId,
            fromMonth: allocation.fromMonth,
            toMonth: allocation.toMonth,
          },
        },
      }),
      ...(waiting ? leftWaitlistWrites(ctx, waiting, 'allocated') : []),
    ]);
    return allocation;
  }, 20);
}

/**
 * A park manager places only startups that wait for their community: on its waitlist, preferring
 * it, or already holding space there (a second unit, a renewal). Others are the centre's to send.
 */
async function requireWaitingFor(startup: Startup, communityId: string, waiting: WaitlistEntry | undefined): Promise<void> {
  if (startup.preferredCommunityId === communityId) return;
  if (waiting) return;
  // A cancelled allocation never held space there: it does not make the startup one of the community's.
  if ((await allocationsOfStartup(startup.id)).some(({ allocation }) => allocation.communityId === communityId && heldMonths(allocation).length > 0)) return;
  throw new UnprocessableError('This startup does not wait for this community: it is not on its waitlist and did not ask for it.', 'NOT_WAITING_FOR_COMMUNITY');
}

/** The waitlist entry leaves, with its audit record; gone already means someone else decided first. */
export function leftWaitlistWrites(ctx: Ctx, entry: WaitlistEntry, why: string): TxItem[] {
  const write = leaveWaitlistWrite(entry.communityId, entry.startupId);
  return [
    { Delete: { ...write.Delete!, ConditionExpression: 'attribute_exists(pk)' }, onConditionFailed: () => new TransactionConflictError() },
    auditRecord(ctx, { action: `waitlist.left.${why}`, entityType: 'waitlistEntry', entityId: entry.startupId, before: entry }),
  ];
}

/**
 * The writes that give back every month of an allocation from `effectiveMonth` on, or null when it
 * holds none of them any more. Given back from its first month, the allocation is `cancelled`: it
 * never held a month, and keeps `lastMonth` = `toMonth` (every reader asks `heldMonths`). Otherwise
 * it is `released` with `lastMonth` the month before the first one given back.
 */
export function releaseWrites(ctx: Ctx, record: AllocationRecord, effectiveMonth: string, reason: string): { writes: TxItem[]; after: Allocation } | null {
  const before = record.allocation;
  const held = heldMonths(before);
  const from = maxMonth(effectiveMonth, before.fromMonth);
  const givenBack = held.filter((month) => month >= from);
  if (before.status === 'finished' || givenBack.length === 0) return null;
  const cancelled = from === before.fromMonth;
  const after: Allocation = {
    ...before,
    status: cancelled ? 'cancelled' : 'released',
    releasedFrom: from,
    releaseReason: reason,
    lastMonth: cancelled ? before.toMonth : addMonths(from, -1),
    updatedAt: ctx.now.toISOString(),
    version: before.version + 1,
  };
  return {
    after,
    writes: [
      saveAllocationWrite(after, record.founderUserId, before.version, () => new TransactionConflictError()),
      ...giveBackUnitMonthsWrites(before, givenBack),
      auditRecord(ctx, {
        action: cancelled ? 'allocation.cancelled' : 'allocation.released',
        entityType: 'allocation',
        entityId: before.id,
        before,
        after,
        // One event either way: whoever reacts to space given back (rent claims) checks again.
        event: {
          type: 'UnitReleased',
          data: { allocationId: before.id, startupId: before.startupId, unitId: before.unitId, communityId: before.communityId, fromMonth: from, cancelled },
        },
      }),
    ],
  };
}

/** Gives a unit back from `effectiveMonth` on (not a past month) and names who waits for one of its kind. */
export async function releaseAllocation(
  ctx: Ctx,
  id: string,
  input: ReleaseAllocation,
): Promise<{ allocation: Allocation; suggestedNextTenant: WaitlistEntry | null }> {
  if (input.effectiveMonth < monthOf(ctx.now)) throw new UnprocessableError('Past months cannot be released.', 'PAST_MONTH');
  const allocation = await retryOnConflict(async () => {
    const record = await getAllocationRecord(id);
    if (!record) throw new NotFoundError('allocation');
    requireManager(ctx, await communityOrThrow(record.allocation.communityId));
    const release = releaseWrites(ctx, record, input.effectiveMonth, input.reason);
    if (!release) throw new ConflictError(`The allocation holds no month from ${input.effectiveMonth} on.`, 'NOTHING_TO_RELEASE');
    await commit(ctx, release.writes);
    return release.after;
  });
  return { allocation, suggestedNextTenant: await firstWaiting(allocation.communityId, allocation.unitKind) };
}

/** Who may see an allocation: officers and auditors, the founder of its startup, a manager of its community. */
async function visibility(ctx: Ctx): Promise<(record: AllocationRecord) => Promise<boolean>> {
  if (hasRole(ctx, 'officer') || hasRole(ctx, 'auditor')) return async () => true;
  const managed = new Map<string, boolean>();
  return async (record) => {
    if (record.founderUserId === ctx.actor.sub && hasRole(ctx, 'applicant')) return true;
    if (!hasRole(ctx, 'park_manager')) return false;
    const { communityId } = record.allocation;
    if (!managed.has(communityId)) {
      const community = await getCommunity(communityId);
      managed.set(communityId, !!community && manages(ctx, community));
    }
    return managed.get(communityId)!;
  };
}

export async function getAllocation(ctx: Ctx, id: string): Promise<Allocation> {
  const record = await getAllocationRecord(id);
  if (!record || !(await (await visibility(ctx))(record))) throw new NotFoundError('allocation');
  return record.allocation;
}

/** The allocations of one startup or one unit, oldest first, limited to those the caller may see. */
export async function listAllocations(ctx: Ctx, by: { startupId?: string; unitId?: string }, page: PageQuery) {
  if (!by.startupId === !by.unitId) {
    throw new ValidationError('Give exactly one of startupId or unitId.', [{ field: 'query.startupId', message: 'exactly one of startupId, unitId' }]);
  }
  const visible = await visibility(ctx);
  const result = await allocationPage(by, page);
  const items: Allocation[] = [];
  for (const record of result.items) if (await visible(record)) items.push(record.allocation);
  return { items, nextCursor: result.nextCursor };
}
