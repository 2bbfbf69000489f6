import { tableName } from '../db/table';
import type { TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { countWrites, type CounterName } from '../reports';
import { SpaceHoldingEntity, spaceKeys, UnitMonthEntity } from './repository';
import type { Allocation } from './schema';

/**
 * The writes that take and give back unit-months. Per month an allocation covers:
 *  - one unit-month item (`UNIT#<unit>` / `MONTH#<YYYY-MM>`), created with `attribute_not_exists`:
 *    two allocations of one unit for one month cannot both commit, however many race;
 *  - the report counters of that month (reports' `StatsEntity`, district-wide and per community): `unit_months_occupied`
 *    split by kind and seats. The community's item is also what occupancy reads, so
 *    `GET …/occupancy?month=` costs one read of counters whatever the history;
 * plus one update of the startup's holding item, whose per-month attributes count the units it holds
 * (conditioned on staying within what its application asked for).
 * At most 24 months → 24 + 48 + 1 items, leaving room under DynamoDB's 100-item limit for the
 * allocation, its audit record, the unit, the startup (and its move to incubating) and the waitlist.
 */

function counts(allocation: Allocation, sign: 1 | -1): Partial<Record<CounterName, number>> {
  return {
    unit_months_occupied: sign,
    [`unit_months_occupied__${allocation.unitKind}`]: sign,
    [`unit_months_occupied__${allocation.unitKind}_seats`]: sign * allocation.seats,
  };
}

export function takeUnitMonthsWrites(allocation: Allocation, months: string[], maxUnitsAtOnce: number): TxItem[] {
  const occupancy: TxItem[] = months.map((month) => ({
    Put: {
      TableName: tableName(),
      Item: UnitMonthEntity.toItem({
        unitId: allocation.unitId,
        month,
        allocationId: allocation.id,
        startupId: allocation.startupId,
        communityId: allocation.communityId,
      }),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
    onConditionFailed: () => new ConflictError(`The unit is already allocated for ${month}.`, 'UNIT_OCCUPIED', { month, unitId: allocation.unitId }),
  }));
  return [
    ...occupancy,
    holdingWrite(allocation.startupId, months, 1, maxUnitsAtOnce),
    ...months.flatMap((month) => countWrites(month, counts(allocation, 1), allocation.communityId)),
  ];
}

export function giveBackUnitMonthsWrites(allocation: Allocation, months: string[]): TxItem[] {
  const deletes: TxItem[] = months.map((month) => ({
    Delete: {
      TableName: tableName(),
      Key: spaceKeys.unitMonth(allocation.unitId, month),
      // Only this allocation's own months: never free a month someone else holds.
      ConditionExpression: 'allocationId = :id',
      ExpressionAttributeValues: { ':id': allocation.id },
    },
    onConditionFailed: () => new ConflictError('The allocation no longer holds these months; read it again.', 'CONCURRENT_UPDATE'),
  }));
  return [
    ...deletes,
    holdingWrite(allocation.startupId, months, -1),
    ...months.flatMap((month) => countWrites(month, counts(allocation, -1), allocation.communityId)),
  ];
}

/** Adds `delta` to the startup's holding in each month; taking units is refused past `max` in any month. */
function holdingWrite(startupId: string, months: string[], delta: 1 | -1, max?: number): TxItem {
  const names: Record<string, string> = { '#entity': 'entity' };
  const values: Record<string, unknown> = { ':entity': SpaceHoldingEntity.name, ':delta': delta };
  for (const [i, month] of months.entries()) names[`#m${i}`] = month;
  const adds = months.map((_, i) => `#m${i} :delta`).join(', ');
  const condition = max === undefined ? undefined : months.map((_, i) => `(attribute_not_exists(#m${i}) OR #m${i} < :max)`).join(' AND ');
  if (max !== undefined) values[':max'] = max;
  return {
    Update: {
      TableName: tableName(),
      Key: spaceKeys.holding(startupId),
      UpdateExpression: `SET #entity = :entity ADD ${adds}`,
      ...(condition ? { ConditionExpression: condition } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    onConditionFailed: () =>
      new ConflictError(`The startup already holds the ${max} unit(s) its application asked for in one of these months.`, 'SPACE_LIMIT_REACHED', {
        max: max ?? 0,
      }),
  };
}
