import * as z from 'zod';

/**
 * The time, in one place, so that tests of date rules can fix it, and the centre's calendar: every
 * day, month and "today" of a rule is a calendar day in the centre's time zone (`FUHUA_TIME_ZONE`,
 * default Asia/Shanghai, the same locally and in the stack). Instants stay ISO-8601 UTC in storage.
 */
let fixed: Date | undefined;

export function now(): Date {
  return fixed ? new Date(fixed) : new Date();
}

/** Tests only: make `now()` return this instant until `useRealClock()` is called. */
export function useFixedClock(at: Date | string): void {
  fixed = new Date(at);
}

export function useRealClock(): void {
  fixed = undefined;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(): Intl.DateTimeFormat {
  const zone = centreTimeZone();
  let found = formatters.get(zone);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new Error(`FUHUA_TIME_ZONE "${zone}" is not a time zone this runtime knows (e.g. Asia/Shanghai).`);
    }
    formatters.set(zone, found);
  }
  return found;
}

/** The centre's IANA time zone. */
export function centreTimeZone(): string {
  return process.env.FUHUA_TIME_ZONE || DEFAULT_TIME_ZONE;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(at: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter().formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of an instant, in the centre's time zone. */
export function dayOf(at: Date): string {
  const w = wallClock(at);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** `YYYY-MM` of an instant, in the centre's time zone. */
export function monthOf(at: Date): string {
  return dayOf(at).slice(0, 7);
}

/** The calendar year of an instant, in the centre's time zone. */
export function yearOf(at: Date): number {
  return wallClock(at).year;
}

/** How far the centre's wall clock is ahead of UTC at this instant, in milliseconds. */
function offsetMs(at: Date): number {
  const w = wallClock(at);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a centre-time calendar day begins (00:00 there); 24:00 of a day is the start of the next. */
export function startOfDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  let at = guess - offsetMs(new Date(guess));
  // Across a change of offset (not in China, but a zone may have one) the first guess can be off.
  const corrected = guess - offsetMs(new Date(at));
  if (corrected !== at) at = corrected;
  return new Date(at);
}

/** `YYYY-MM-DD` plus `n` days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Day of the week of a calendar day: 0 Sunday … 6 Saturday. */
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

// ---- the schemas of a calendar day, a month and an instant, as the API takes them ----

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'not a real date');

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))?$/i;

/** Why a timestamp is not one the API takes, or null. */
function instantProblem(value: string): string | null {
  const match = INSTANT.exec(value);
  if (!match) return 'must be an ISO-8601 date-time with an offset, e.g. 2026-12-20T19:00:00+08:00';
  const [, y, mo, d, h, mi, s, , zone, oh, om] = match;
  if (!zone) return 'has no time-zone offset: add one, e.g. 2026-12-20T19:00:00+08:00 (Beijing time) or …Z (UTC)';
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return 'is not a real date';
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return 'is not a real time of day';
  if (oh !== undefined && (Number(oh) > 14 || Number(om) > 59)) return 'has an offset out of range';
  return null;
}

/**
 * A timestamp sent by a client: it must carry its offset (`Z` or `+08:00`), and is stored
 * normalised to UTC with milliseconds, so stored instants compare as strings.
 */
export const Instant = z
  .string()
  .max(40)
  .superRefine((value, check) => {
    const problem = instantProblem(value);
    if (problem) check.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => new Date(value).toISOString())
  .meta({ format: 'date-time', example: '2026-12-20T19:00:00+08:00', description: 'ISO-8601 with an offset; answered in UTC' });
