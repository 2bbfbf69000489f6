import { defineEntity } from '../db/entity';
import { getItem, putVersioned } from '../db/items';
import { tableName } from '../db/table';
import type { TxItem } from '../db/transact';
import { PreconditionFailedError } from '../errors';
import type { PutCalendar } from './schema';

/** A year's calendar as an officer replaced it. */
export interface StoredCalendar extends PutCalendar {
  year: number;
  updatedBy: string;
  updatedAt: string;
  version: number;
}

export const calendarKeys = {
  year: (year: number) => ({ pk: `CALENDAR#${year}`, sk: 'CALENDAR' }),
};

export const CalendarEntity = defineEntity<StoredCalendar, { year: number }>({
  name: 'calendar',
  module: 'calendar',
  prefix: 'CALENDAR#',
  key: (calendar) => calendarKeys.year(calendar.year),
  serves: "one year's working-day calendar as an officer replaced it",
});

export async function getStoredCalendar(year: number): Promise<StoredCalendar | undefined> {
  const item = await getItem<StoredCalendar & Record<string, unknown>>(calendarKeys.year(year));
  if (!item) return undefined;
  return CalendarEntity.fromItem(item);
}

/**
 * Replaces the stored calendar of a year if nobody changed it since it was read. The shipped
 * calendar counts as version 0: the first replacement must name it (If-Match: "0").
 */
export function saveCalendarWrite(calendar: StoredCalendar, expectedVersion: number): TxItem {
  const item = CalendarEntity.toItem(calendar);
  if (expectedVersion > 0) return putVersioned(item, expectedVersion);
  return {
    Put: { TableName: tableName(), Item: { ...item, version: 1 }, ConditionExpression: 'attribute_not_exists(pk)' },
    onConditionFailed: () => new PreconditionFailedError(),
  };
}
