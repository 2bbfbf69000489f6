import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client';
import { defineEntity } from '../db/entity';
import { getItem, getItems, putNew, putVersioned, type Read } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { INDEXES, tableName, type IndexName } from '../db/table';
import type { TxItem } from '../db/transact';
import { monthOf } from '../clock';
import { ConflictError, PreconditionFailedError } from '../errors';
import { countWrites, statsKeys } from '../reports';
import type { Allocation, Community, SpaceKind, Unit, UnitStatus } from './schema';

/** Every key of the space aggregates (communities, units, allocations, waitlists) is built here. */
export const spaceKeys = {
  community: (id: string) => ({ pk: `COMMUNITY#${id}`, sk: 'COMMUNITY' }),
  allCommunities: () => 'COMMUNITIES',
  /** Unit codes are unique within a community: a constraint item per code. */
  unitCode: (communityId: string, code: string) => ({ pk: `COMMUNITY#${communityId}`, sk: `UNITCODE#${code.toUpperCase()}` }),
  /** Units, seats and active ones by kind, kept in the transactions that add units or change their status. */
  inventory: (communityId: string) => ({ pk: `COMMUNITY#${communityId}`, sk: 'INVENTORY' }),
  unit: (id: string) => ({ pk: `UNIT#${id}`, sk: 'UNIT' }),
  unitsOf: (communityId: string) => `UNITS#${communityId}`,
  /** One item per unit and month it is taken: `attribute_not_exists` on it is what forbids double booking. */
  unitMonth: (unitId: string, month: string) => ({ pk: `UNIT#${unitId}`, sk: `MONTH#${month}` }),
  /** The unit-month items of a community by month (gsi1, sort key `YYYY-MM#unitId`): free-unit searches. */
  occupancyOf: (communityId: string) => `OCCUPANCY#${communityId}`,
  /** Per startup: how many units it holds in each month (one attribute per `YYYY-MM`). */
  holding: (startupId: string) => ({ pk: `HOLDING#${startupId}`, sk: 'HOLDING' }),
  allocation: (id: string) => ({ pk: `ALLOCATION#${id}`, sk: 'ALLOCATION' }),
  allocationsOfStartup: (startupId: string) => `ALLOCATIONS#STARTUP#${startupId}`,
  allocationsOfUnit: (unitId: string) => `ALLOCATIONS#UNIT#${unitId}`,
  waitlistEntry: (communityId: string, startupId: string) => ({ pk: `WAITLIST#${communityId}`, sk: `STARTUP#${startupId}` }),
  /** First come, first served: gsi1 sorted by the time of joining. */
  waitlistQueue: (communityId: string) => `QUEUE#${communityId}`,
  waitlistsOfStartup: (startupId: string) => `WAITLISTED#${startupId}`,
  /** Active allocations by last month (gsi1, sort key `YYYY-MM#allocationId`): what the allocation-end job reads. */
  allocationsEnding: () => 'DUE#allocation-end',
};

export const CommunityEntity = defineEntity<Community, { id: string }>({
  name: 'community',
  module: 'spaces',
  prefix: 'COMMUNITY#',
  skPrefix: 'COMMUNITY',
  key: (community) => spaceKeys.community(community.id),
  serves: 'one community by id; its partition also holds its unit codes and inventory',
  indexes: {
    gsi1: { pk: () => spaceKeys.allCommunities(), sk: (community) => `${community.createdAt}#${community.id}`, serves: 'every community, oldest first' },
  },
});

/** Unit codes are unique within a community: a constraint item per code. */
export const UnitCodeEntity = defineEntity<{ unitId: string }, { communityId: string; code: string }>({
  name: 'unitCode',
  module: 'spaces',
  prefix: 'COMMUNITY#',
  skPrefix: 'UNITCODE#',
  key: (unitCode) => spaceKeys.unitCode(unitCode.communityId, unitCode.code),
  serves: 'once per community: the unit that holds a code',
});

/** Units, seats and active ones by kind, kept in the transactions that add units or change their status. */
export const CommunityInventoryEntity = defineEntity<Partial<Inventory>, { communityId: string }>({
  name: 'communityInventory',
  module: 'spaces',
  prefix: 'COMMUNITY#',
  skPrefix: 'INVENTORY',
  key: (inventory) => spaceKeys.inventory(inventory.communityId),
  serves: "a community's inventory counters (occupancy)",
});

/** A unit, with the count of allocations made for it (bookkeeping, never returned). */
export const UnitEntity = defineEntity<Unit & { allocationCount: number }, { id: string }>({
  name: 'unit',
  module: 'spaces',
  prefix: 'UNIT#',
  skPrefix: 'UNIT',
  key: (unit) => spaceKeys.unit(unit.id),
  serves: 'one unit by id; its partition also holds the months it is taken',
  indexes: {
    gsi1: { pk: (unit) => spaceKeys.unitsOf(unit.communityId), sk: (unit) => `${unit.code.toUpperCase()}#${unit.id}`, serves: "a community's units by code" },
  },
  hidden: ['allocationCount', 'founderUserId'],
});

/** One item per unit and month it is taken: `attribute_not_exists` on it is what forbids double booking. */
export const UnitMonthEntity = defineEntity<
  { unitId: string; month: string; allocationId: string; startupId: string; communityId: string },
  { unitId: string; month: string }
>({
  name: 'unitMonth',
  module: 'spaces',
  prefix: 'UNIT#',
  skPrefix: 'MONTH#',
  key: (taken) => spaceKeys.unitMonth(taken.unitId, taken.month),
  serves: 'once per unit and month: whether a unit is taken from a month on',
  indexes: {
    gsi1: {
      pk: (taken) => spaceKeys.occupancyOf(taken.communityId),
      sk: (taken) => `${taken.month}#${taken.unitId}`,
      serves: "a community's taken unit-months by month (free-unit searches)",
    },
  },
});

/** Per startup: how many units it holds in each month (one attribute per `YYYY-MM`). */
export const SpaceHoldingEntity = defineEntity<Record<string, number>, { startupId: string }>({
  name: 'spaceHolding',
  module: 'spaces',
  prefix: 'HOLDING#',
  key: (holding) => spaceKeys.holding(holding.startupId),
  serves: "a startup's units held per month, capped",
});

/** An allocation, with the founder's login kept for object-level checks (never returned). */
export const AllocationEntity = defineEntity<Allocation & { founderUserId: string }, { id: string }>({
  name: 'allocation',
  module: 'spaces',
  prefix: 'ALLOCATION#',
  key: (allocation) => spaceKeys.allocation(allocation.id),
  serves: 'one allocation by id (or a batch of them)',
  indexes: {
    // Sparse: only an active allocation waits for its last month to pass.
    gsi1: {
      pk: () => spaceKeys.allocationsEnding(),
      sk: (allocation) => `${allocation.lastMonth}#${allocation.id}`,
      serves: 'active allocations by last month (the allocation-end job)',
      when: (allocation) => allocation.status === 'active',
    },
    gsi2: {
      pk: (allocation) => spaceKeys.allocationsOfStartup(allocation.startupId),
      sk: (allocation) => `${allocation.fromMonth}#${allocation.id}`,
      serves: "a startup's allocations",
    },
    gsi3: {
      pk: (allocation) => spaceKeys.allocationsOfUnit(allocation.unitId),
      sk: (allocation) => `${allocation.fromMonth}#${allocation.id}`,
      serves: "a unit's allocations",
    },
  },
  hidden: ['allocationCount', 'founderUserId'],
});

/** Every page of one partition. Only for partitions bounded by the domain (a community's units, ≤ 24 months of one community). */
export async function queryAll<T>(index: IndexName | undefined, partition: string, between?: [string, string]): Promise<T[]> {
  const keys = index ? INDEXES.find((i) => i.name === index)! : { partitionKey: 'pk', sortKey: 'sk' };
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index,
        KeyConditionExpression: between ? '#pk = :pk AND #sk BETWEEN :from AND :to' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': keys.partitionKey, ...(between ? { '#sk': keys.sortKey } : {}) },
        ExpressionAttributeValues: { ':pk': partition, ...(between ? { ':from': between[0], ':to': between[1] } : {}) },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((result.Items ?? []) as T[]));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
}

// ---- communities

const communityItem = CommunityEntity.toItem;

export function createCommunityWrite(community: Community): TxItem {
  return putNew(communityItem(community), () => new ConflictError('Community id collision; retry.'));
}

export function saveCommunityWrite(community: Community, expectedVersion: number): TxItem {
  return putVersioned({ ...communityItem(community), version: expectedVersion }, expectedVersion);
}

export function communityRead(id: string): Read<Community> {
  return { key: spaceKeys.community(id), from: CommunityEntity.fromItem };
}

export async function getCommunity(id: string): Promise<Community | undefined> {
  const item = await getItem<Record<string, unknown>>(spaceKeys.community(id));
  return item ? CommunityEntity.fromItem(item) : undefined;
}

export async function listCommunityItems(page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: spaceKeys.allCommunities(), page });
  return { items: result.items.map((item) => CommunityEntity.fromItem(item)), nextCursor: result.nextCursor };
}

// ---- inventory

export type Inventory = Record<`${'units' | 'seats' | 'active_units' | 'active_seats'}__${SpaceKind}`, number>;

function inventoryWrite(communityId: string, counts: Partial<Inventory>): TxItem {
  const entries = Object.entries(counts).filter(([, n]) => n !== 0);
  const names: Record<string, string> = { '#entity': 'entity' };
  const values: Record<string, unknown> = { ':entity': CommunityInventoryEntity.name };
  const adds = entries.map(([name, n], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: CommunityInventoryEntity.key({ communityId }),
      UpdateExpression: `SET #entity = :entity${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The community, its inventory and its report counters of one month, in one BatchGetItem: what occupancy reads. */
export async function getOccupancyFacts(communityId: string, month: string) {
  const [community, inventory, counters] = await getItems<Record<string, unknown>>([
    spaceKeys.community(communityId),
    spaceKeys.inventory(communityId),
    statsKeys.item(month, communityId),
  ]);
  return {
    community: community ? CommunityEntity.fromItem(community) : undefined,
    inventory: (inventory ?? {}) as Partial<Inventory>,
    counters: (counters ?? {}) as Record<string, number>,
  };
}

// ---- units

export interface UnitRecord {
  unit: Unit;
  /** Bumped by every allocation of the unit, so a status change can tell that one slipped in after it looked. */
  allocationCount: number;
}

function unitItem(unit: Unit, allocationCount: number) {
  return UnitEntity.toItem({ ...unit, allocationCount });
}

const activeDelta = (unit: Unit, sign: number): Partial<Inventory> => ({
  [`active_units__${unit.kind}`]: sign,
  [`active_seats__${unit.kind}`]: sign * unit.seats,
});

/** The month's change of available units, for the assessment's space utilisation (a month's units are those active at its end). */
const availableWrites = (unit: Unit, sign: number, at: string): TxItem[] => countWrites(monthOf(new Date(at)), { units_active_change: sign }, unit.communityId);

/** A new unit, its code's uniqueness within the community, and the community's inventory. */
export function createUnitWrites(unit: Unit): TxItem[] {
  return [
    putNew(unitItem(unit, 0), () => new ConflictError('Unit id collision; retry.')),
    putNew(
      { ...UnitCodeEntity.key(unit), entity: UnitCodeEntity.name, unitId: unit.id },
      () => new ConflictError(`The community already has a unit with code ${unit.code}.`, 'UNIT_CODE_TAKEN'),
    ),
    inventoryWrite(unit.communityId, {
      [`units__${unit.kind}`]: 1,
      [`seats__${unit.kind}`]: unit.seats,
      ...(unit.status === 'active' ? activeDelta(unit, 1) : {}),
    }),
    ...(unit.status === 'active' ? availableWrites(unit, 1, unit.createdAt) : []),
  ];
}

/**
 * Replaces a unit if neither its version nor its allocation count moved since it was read: a unit
 * cannot go into maintenance while an allocation is being made for it. Keeps the inventory in step.
 */
export function saveUnitWrites(before: UnitRecord, after: Unit, expectedVersion: number): TxItem[] {
  const write: TxItem = {
    Put: {
      TableName: tableName(),
      Item: { ...unitItem(after, before.allocationCount), version: expectedVersion + 1 },
      ConditionExpression: '#version = :expected AND #count = :count',
      ExpressionAttributeNames: { '#version': 'version', '#count': 'allocationCount' },
      ExpressionAttributeValues: { ':expected': expectedVersion, ':count': before.allocationCount },
    },
    onConditionFailed: () => new PreconditionFailedError(),
  };
  const statusChanged = (from: UnitStatus, to: UnitStatus) => before.unit.status === from && after.status === to;
  if (statusChanged('active', 'maintenance'))
    return [write, inventoryWrite(after.communityId, activeDelta(after, -1)), ...availableWrites(after, -1, after.updatedAt)];
  if (statusChanged('maintenance', 'active'))
    return [write, inventoryWrite(after.communityId, activeDelta(after, 1)), ...availableWrites(after, 1, after.updatedAt)];
  return [write];
}

export async function getUnitRecord(id: string): Promise<UnitRecord | undefined> {
  const item = await getItem<Record<string, unknown>>(spaceKeys.unit(id));
  return item ? { unit: UnitEntity.fromItem(item), allocationCount: Number(item.allocationCount ?? 0) } : undefined;
}

/** Every unit of a community (one index partition, as large as the community). */
export async function listUnitsOfCommunity(communityId: string): Promise<Unit[]> {
  return (await queryAll<Record<string, unknown>>('gsi1', spaceKeys.unitsOf(communityId))).map((item) => UnitEntity.fromItem(item));
}

export async function listUnitPage(communityId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: spaceKeys.unitsOf(communityId), page });
  return { items: result.items.map((item) => UnitEntity.fromItem(item)), nextCursor: result.nextCursor };
}

/** Whether the unit is taken in `month` or any later month (one item read at most). */
export async function unitTakenFrom(unitId: string, month: string): Promise<boolean> {
  const result = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': spaceKeys.unit(unitId).pk, ':from': `MONTH#${month}`, ':to': 'MONTH#9999' },
      ConsistentRead: true,
      Limit: 1,
    }),
  );
  return (result.Items ?? []).length > 0;
}

/** `unitId` → months taken, for the community's unit-months in `from`..`to` (≤ 24 months of one community). */
export async function takenUnitIds(communityId: string, from: string, to: string): Promise<Set<string>> {
  const items = await queryAll<{ unitId: string }>('gsi1', spaceKeys.occupancyOf(communityId), [`${from}#`, `${to}#~`]);
  return new Set(items.map((item) => item.unitId));
}

// ---- allocations

function allocationItem(allocation: Allocation, founderUserId: string) {
  return AllocationEntity.toItem({ ...allocation, founderUserId });
}

export interface AllocationRecord {
  allocation: Allocation;
  founderUserId: string;
}

const toRecord = (item: Record<string, unknown>): AllocationRecord => ({
  allocation: AllocationEntity.fromItem(item),
  founderUserId: String(item.founderUserId),
});

export function createAllocationWrite(allocation: Allocation, founderUserId: string): TxItem {
  return putNew(allocationItem(allocation, founderUserId), () => new ConflictError('Allocation id collision; retry.'));
}

export function saveAllocationWrite(allocation: Allocation, founderUserId: string, expectedVersion: number, onStale?: () => Error): TxItem {
  return putVersioned({ ...allocationItem(allocation, founderUserId), version: expectedVersion }, expectedVersion, onStale);
}

export async function getAllocationRecord(id: string): Promise<AllocationRecord | undefined> {
  const item = await getItem<Record<string, unknown>>(spaceKeys.allocation(id));
  return item ? toRecord(item) : undefined;
}

/** Every allocation of a startup (a handful over its incubation). */
export async function allocationsOfStartup(startupId: string): Promise<AllocationRecord[]> {
  return (await queryAll<Record<string, unknown>>('gsi2', spaceKeys.allocationsOfStartup(startupId))).map(toRecord);
}

/** Active allocations whose last month is `lastMonth` or earlier (the index holds only active ones). */
export async function activeAllocationsEndingBy(lastMonth: string): Promise<AllocationRecord[]> {
  return (await queryAll<Record<string, unknown>>('gsi1', spaceKeys.allocationsEnding(), ['0000-00', `${lastMonth}#~`])).map(toRecord);
}

export async function allocationPage(by: { startupId?: string; unitId?: string }, page: PageQuery) {
  const result = by.startupId
    ? await queryPage<Record<string, unknown>>({ index: 'gsi2', partition: spaceKeys.allocationsOfStartup(by.startupId), page })
    : await queryPage<Record<string, unknown>>({ index: 'gsi3', partition: spaceKeys.allocationsOfUnit(by.unitId!), page });
  return { items: result.items.map(toRecord), nextCursor: result.nextCursor };
}
