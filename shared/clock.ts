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
