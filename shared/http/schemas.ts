import * as z from 'zod';
import { PageQuery } from '../db/pagination';
import { Id, type IdPrefix } from '../ids';

/** The shape of every list answer. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A list route's query: its own filters plus `limit` and `cursor`. */
export function listQuery<T extends z.ZodRawShape>(filters: T) {
  return z.strictObject({ ...PageQuery.shape, ...filters });
}

/** `{id}` path parameter with the entity's prefix, e.g. `apl_…`. */
export function idParam(prefix: IdPrefix) {
  return z.strictObject({
    id: Id(prefix).meta({ param: { name: 'id', in: 'path' }, example: `${prefix}_01JD3Z7K8M9N0P1Q2R3S4T5V6W` }),
  });
}
