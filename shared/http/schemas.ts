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
