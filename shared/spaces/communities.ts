import type { Ctx } from '../context';
import { monthOf } from '../clock';
import { newId } from '../ids';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../errors';
import { auditRecord, commit } from '../audit';
import type { PageQuery } from '../db/pagination';
import { communityOrThrow, requireManager, requireStaffOrManager } from './access';
import { monthCount } from './months';
import { countWrites } from '../reports';
import {
  createCommunityWrite,
  createUnitWrites,
  getOccupancyFacts,
  getUnitRecord,
  listCommunityItems,
  listUnitPage,
  listUnitsOfCommunity,
  saveCommunityWrite,
  saveUnitWrites,
  takenUnitIds,
  unitTakenFrom,
} from './repository';
import {
  MAX_ALLOCATION_MONTHS,
  type Community,
  type CreateCommunity,
  type CreateUnit,
  type Figures,
  type Occupancy,
  type SpaceKind,
  type Unit,
  type UpdateCommunity,
  type UpdateUnit,
} from './schema';

/** Opens a youth community or startup park with its park managers. */
export async function createCommunity(ctx: Ctx, input: CreateCommunity): Promise<Community> {
  const at = ctx.now.toISOString();
  const community: Community = { id: newId('cmt'), ...input, managerIds: [...new Set(input.managerIds)], createdAt: at, updatedAt: at, version: 1 };
  await commit(ctx, [
    createCommunityWrite(community),
    ...countWrites(monthOf(ctx.now), { carriers_opened: 1 }),
    auditRecord(ctx, { action: 'community.created', entityType: 'community', entityId: community.id, after: community }),
  ]);
  return community;
}

/** Renames a community or changes who manages it. */
export async function updateCommunity(ctx: Ctx, id: string, patch: UpdateCommunity, expectedVersion: number): Promise<Community> {
  const before = await communityOrThrow(id);
  const after: Community = {
    ...before,
    ...patch,
    ...(patch.managerIds ? { managerIds: [...new Set(patch.managerIds)] } : {}),
    updatedAt: ctx.now.toISOString(),
    version: expectedVersion + 1,
  };
  await commit(ctx, [
    saveCommunityWrite(after, expectedVersion),
    auditRecord(ctx, { action: 'community.updated', entityType: 'community', entityId: id, before, after }),
  ]);
  return after;
}

export const getCommunity = (id: string) => communityOrThrow(id);

export const listCommunities = (page: PageQuery) => listCommunityItems(page);

/** Adds a desk or office to the caller's own community; its code is unique there. */
export async function createUnit(ctx: Ctx, communityId: string, input: CreateUnit): Promise<Unit> {
  requireManager(ctx, await communityOrThrow(communityId));
  const at = ctx.now.toISOString();
  const unit: Unit = { id: newId('unt'), communityId, ...input, status: 'active', createdAt: at, updatedAt: at, version: 1 };
  await commit(ctx, [...createUnitWrites(unit), auditRecord(ctx, { action: 'unit.created', entityType: 'unit', entityId: unit.id, after: unit })]);
  return unit;
}

async function unitOf(communityId: string, unitId: string) {
  const record = await getUnitRecord(unitId);
  if (!record || record.unit.communityId !== communityId) throw new NotFoundError('unit');
  return record;
}

export async function getUnit(communityId: string, unitId: string): Promise<Unit> {
  return (await unitOf(communityId, unitId)).unit;
}

/**
 * Changes a unit's status, rent or floor. A unit still allocated for this month or later cannot go
 * into maintenance: release its allocations first.
 */
export async function updateUnit(ctx: Ctx, communityId: string, unitId: string, patch: UpdateUnit, expectedVersion: number): Promise<Unit> {
  requireManager(ctx, await communityOrThrow(communityId));
  const record = await unitOf(communityId, unitId);
  const before = record.unit;
  if (before.version !== expectedVersion) throw new PreconditionFailedError();
  if (patch.status === 'maintenance' && before.status === 'active' && (await unitTakenFrom(unitId, monthOf(ctx.now)))) {
    throw new ConflictError('The unit is allocated for this month or later; release its allocations before maintenance.', 'UNIT_OCCUPIED', { unitId });
  }
  const after: Unit = { ...before, ...patch, updatedAt: ctx.now.toISOString(), version: expectedVersion + 1 };
  await commit(ctx, [
    ...saveUnitWrites(record, after, expectedVersion),
    auditRecord(ctx, { action: 'unit.updated', entityType: 'unit', entityId: unitId, before, after }),
  ]);
  return after;
}

export interface UnitFilter {
  kind?: SpaceKind;
  freeFrom?: string;
  freeTo?: string;
}

/**
 * A community's units, page by page; with `freeFrom`/`freeTo`, only the active units free in every
 * month of that period: one query of the community's units and one of its unit-months in the
 * period (≤ 24 months), never a scan.
 */
export async function listUnits(communityId: string, filter: UnitFilter, page: PageQuery): Promise<{ items: Unit[]; nextCursor: string | null }> {
  await communityOrThrow(communityId);
  if (!filter.freeFrom && !filter.freeTo) {
    const result = await listUnitPage(communityId, page);
    return { items: result.items.filter((unit) => !filter.kind || unit.kind === filter.kind), nextCursor: result.nextCursor };
  }
  const { freeFrom, freeTo } = filter;
  if (!freeFrom || !freeTo)
    throw new ValidationError('freeFrom and freeTo go together.', [{ field: 'query.freeTo', message: 'give both freeFrom and freeTo' }]);
  if (freeTo < freeFrom || monthCount(freeFrom, freeTo) > MAX_ALLOCATION_MONTHS) {
    throw new ValidationError(`freeFrom..freeTo must be 1 to ${MAX_ALLOCATION_MONTHS} months.`, [{ field: 'query.freeTo', message: 'invalid period' }]);
  }
  const [units, taken] = await Promise.all([listUnitsOfCommunity(communityId), takenUnitIds(communityId, freeFrom, freeTo)]);
  const free = units.filter((unit) => unit.status === 'active' && (!filter.kind || unit.kind === filter.kind) && !taken.has(unit.id));
  return { items: free, nextCursor: null };
}

function figures(total: number, active: number, occupied: number): Figures {
  return { total, active, occupied, free: Math.max(0, active - occupied), occupancyRate: active > 0 ? Math.round((occupied / active) * 10_000) / 10_000 : 0 };
}

/**
 * Units and seats of a community in a month, by kind. One BatchGetItem whatever the history: the
 * community, its inventory item (current totals) and its report-counter item for that month
 * (`unit_months_occupied` split by kind and seats, kept in the allocate/release transactions).
 */
export async function occupancy(ctx: Ctx, communityId: string, month: string): Promise<Occupancy> {
  const { community, inventory, counters } = await getOccupancyFacts(communityId, month);
  if (!community) throw new NotFoundError('community');
  requireStaffOrManager(ctx, community);
  const n = (value: number | undefined) => Number(value ?? 0);
  const byKind = (kind: SpaceKind) => ({
    units: figures(n(inventory[`units__${kind}`]), n(inventory[`active_units__${kind}`]), n(counters[`unit_months_occupied__${kind}`])),
    seats: figures(n(inventory[`seats__${kind}`]), n(inventory[`active_seats__${kind}`]), n(counters[`unit_months_occupied__${kind}_seats`])),
  });
  const desk = byKind('desk');
  const office = byKind('office');
  const sum = (a: Figures, b: Figures) => figures(a.total + b.total, a.active + b.active, a.occupied + b.occupied);
  return { communityId, month, units: sum(desk.units, office.units), seats: sum(desk.seats, office.seats), byKind: { desk, office } };
}
