import { lang } from './i18n';

const ZONE = 'Asia/Shanghai';

/** Money from integer fen: ¥3,000.00. Integer arithmetic, so no float rounding. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

function locale(): string {
  return lang.value === 'en' ? 'en-GB' : 'zh-CN';
}

/** An instant as a date and time in Beijing time. */
export function dateTime(iso: string | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** An instant, or a `YYYY-MM-DD` day, as a day in Beijing time. */
export function day(value: string | undefined): string {
  if (!value) return '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+08:00`) : new Date(value);
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, dateStyle: 'medium' }).format(date);
}

/** A `YYYY-MM` month in words. */
export function month(value: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, year: 'numeric', month: 'long' }).format(new Date(`${value}-15T12:00:00+08:00`));
}

/** Today in Beijing time, `YYYY-MM-DD`. */
export function beijingToday(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
