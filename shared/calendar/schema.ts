import * as z from 'zod';
import { Day } from '../clock';

export const CalendarYear = z.coerce.number().int().min(2000).max(2100);

export const YearParam = z.strictObject({ year: CalendarYear.meta({ param: { name: 'year', in: 'path' }, example: 2026 }) });

export const Holiday = z.strictObject({ name: z.string().trim().min(1).max(40), from: Day, to: Day }).meta({ id: 'Holiday' });

export const CALENDAR_SOURCES = ['official', 'provisional', 'officer', 'weekends_only'] as const;

/** A replacement calendar for one year, as the State Council's notice gives it. */
export const PutCalendar = z
  .strictObject({
    basis: z.string().trim().min(1).max(300),
    holidays: z.array(Holiday).max(30),
    makeUpWorkingDays: z.array(Day).max(30),
  })
  .superRefine((value, check) => {
    for (const [i, holiday] of value.holidays.entries()) {
      if (holiday.to < holiday.from) check.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: 'to is before from' });
      else if ((Date.parse(holiday.to) - Date.parse(holiday.from)) / 86_400_000 > 15) {
        check.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: 'a holiday lasts at most 16 days' });
      }
    }
    for (const [i, day] of value.makeUpWorkingDays.entries()) {
      if (value.holidays.some((h) => h.from <= day && day <= h.to)) {
        check.addIssue({ code: 'custom', path: ['makeUpWorkingDays', i], message: 'a make-up working day cannot be inside a holiday' });
      }
    }
  })
  .meta({ id: 'PutCalendar' });
export type PutCalendar = z.infer<typeof PutCalendar>;

export const Calendar = z
  .object({
    year: z.number().int(),
    source: z.enum(CALENDAR_SOURCES).meta({
      description:
        'official: the State Council notice as shipped; provisional: shipped before the notice was out (check it); officer: replaced by an officer; weekends_only: no calendar, Saturdays and Sundays only',
    }),
    basis: z.string(),
    holidays: z.array(Holiday),
    makeUpWorkingDays: z.array(z.string()),
    /** Every day of the year that is not worked although it is a weekday, and every holiday day. */
    nonWorkingDays: z.array(z.string()),
    note: z.string(),
    updatedBy: z.string().optional(),
    updatedAt: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Calendar' });
export type Calendar = z.infer<typeof Calendar>;
