import * as z from 'zod';
import { PageQuery } from '../db/pagination';

/** The shape of every list answer. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A list route's query: its own filters plus `limit` and `cursor`. */
export function listQuery<T extends z.ZodRawShape>(filters: T) {
  return z.strictObject({ ...PageQuery.shape, ...filters });
}

/** `{id}` path parameter with the entity's prefix, e.g. `apl_…`. */
export function idParam(prefix: string) {
  return z.strictObject({
    id: z
      .string()
      .regex(new RegExp(`^${prefix}_[0-9A-Z]{26}$`), `must be an id starting with ${prefix}_`)
      .meta({ param: { name: 'id', in: 'path' }, example: `${prefix}_01JD3Z7K8M9N0P1Q2R3S4T5V6W` }),
  });
}

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
