import { auditRecord, commit } from '../audit';
import { addDays, dayOf, startOfDay, weekdayOf } from '../clock';
import type { Ctx } from '../context';
import { PreconditionFailedError, ValidationError } from '../errors';
import { SHIPPED_CALENDARS } from './official';
import { getStoredCalendar, saveCalendarWrite } from './repository';
import type { Calendar, PutCalendar } from './schema';

function expand(holidays: Calendar['holidays']): string[] {
  const days = new Set<string>();
  for (const holiday of holidays) for (let day = holiday.from; day <= holiday.to; day = addDays(day, 1)) days.add(day);
  return [...days].sort();
}

/** A year's calendar: the officer's replacement, else the shipped one, else Saturdays and Sundays only (and it says so). */
export async function getCalendar(year: number): Promise<Calendar> {
  const stored = await getStoredCalendar(year);
  if (stored) {
    return {
      year,
      source: 'officer',
      basis: stored.basis,
      holidays: stored.holidays,
      makeUpWorkingDays: stored.makeUpWorkingDays,
      nonWorkingDays: expand(stored.holidays),
      note: `Replaced by an officer on ${dayOf(new Date(stored.updatedAt))}.`,
      updatedBy: stored.updatedBy,
      updatedAt: stored.updatedAt,
      version: stored.version,
    };
  }
  const shipped = SHIPPED_CALENDARS.find((c) => c.year === year);
  if (shipped) {
    return {
      year,
      source: shipped.source,
      basis: shipped.basis,
      holidays: shipped.holidays,
      makeUpWorkingDays: shipped.makeUpWorkingDays,
      nonWorkingDays: expand(shipped.holidays),
      note:
        shipped.source === 'official'
          ? 'The State Council’s holiday arrangement, as shipped.'
          : `Provisional: worked out before the State Council published ${year}'s arrangement. Check it and replace it with PUT /v1/calendar/${year}.`,
      version: 0,
    };
  }
  return {
    year,
    source: 'weekends_only',
    basis: '',
    holidays: [],
    makeUpWorkingDays: [],
    nonWorkingDays: [],
    note: `No calendar of holidays is on record for ${year}: only Saturdays and Sundays count as non-working days. An officer can add it with PUT /v1/calendar/${year}.`,
    version: 0,
  };
}

/** An officer replaces a year's calendar (If-Match the version read; the shipped calendar is version 0). */
export async function putCalendar(ctx: Ctx, year: number, input: PutCalendar, expectedVersion: number): Promise<Calendar> {
  const outside = [...input.holidays.flatMap((h) => [h.from, h.to]), ...input.makeUpWorkingDays].filter((day) => !day.startsWith(`${year}-`));
  if (outside.length > 0) {
    throw new ValidationError(`Every day must be in ${year}: ${outside.join(', ')}.`, [{ field: 'body', message: `days outside ${year}` }]);
  }
  const before = await getCalendar(year);
  if (before.version !== expectedVersion) throw new PreconditionFailedError();
  const at = ctx.now.toISOString();
  const stored = { year, ...input, updatedBy: ctx.actor.sub, updatedAt: at, version: expectedVersion + 1 };
  await commit(ctx, [
    saveCalendarWrite(stored, expectedVersion),
    auditRecord(ctx, {
      action: 'calendar.replaced',
      entityType: 'calendar',
      entityId: `calendar-${year}`,
      before: { source: before.source, basis: before.basis, holidays: before.holidays, makeUpWorkingDays: before.makeUpWorkingDays },
      after: { source: 'officer', basis: input.basis, holidays: input.holidays, makeUpWorkingDays: input.makeUpWorkingDays },
    }),
  ]);
  return getCalendar(year);
}

/** Answers "is this day worked?" for days of any year, reading each year's calendar once. */
export class WorkingDays {
  private readonly years = new Map<number, Promise<Calendar>>();

  private calendar(year: number): Promise<Calendar> {
    let found = this.years.get(year);
    if (!found) {
      found = getCalendar(year);
      this.years.set(year, found);
    }
    return found;
  }

  async isWorkingDay(day: string): Promise<boolean> {
    const calendar = await this.calendar(Number(day.slice(0, 4)));
    if (calendar.makeUpWorkingDays.includes(day)) return true;
    if (calendar.nonWorkingDays.includes(day)) return false;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  /** The years consulted so far that had no calendar (their weekends only counted). */
  async weekendsOnlyYears(): Promise<number[]> {
    const calendars = await Promise.all(this.years.values());
    return calendars.filter((c) => c.source === 'weekends_only').map((c) => c.year);
  }
}

export interface WorkingDayWindow {
  /** The first and last working day of the window. */
  firstDay: string;
  lastDay: string;
  /** 00:00 Beijing time of the first day, and 24:00 of the last (as UTC instants). */
  startsAt: string;
  endsAt: string;
  /** Years of the window that had no calendar (weekends only counted), to be said out loud. */
  weekendsOnlyYears: number[];
}

/** `count` working days starting the working day after the (Beijing-time) day of `after`, ending at 24:00 of the last. */
export async function workingDaysAfter(after: Date, count: number): Promise<WorkingDayWindow> {
  const calendar = new WorkingDays();
  let day = dayOf(after);
  const days: string[] = [];
  while (days.length < count) {
    day = addDays(day, 1);
    if (await calendar.isWorkingDay(day)) days.push(day);
  }
  const firstDay = days[0]!;
  const lastDay = days[days.length - 1]!;
  return {
    firstDay,
    lastDay,
    startsAt: startOfDay(firstDay).toISOString(),
    endsAt: startOfDay(addDays(lastDay, 1)).toISOString(),
    weekendsOnlyYears: await calendar.weekendsOnlyYears(),
  };
}
