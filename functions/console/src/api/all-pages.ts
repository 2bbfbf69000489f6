/** One page of a list route, as openapi-fetch answers it. */
type PageAnswer<T> = Promise<{ data?: { items: T[]; nextCursor?: string | null }; error?: unknown }>;

/**
 * Every page of a list route, for lists a screen needs whole (a manager's communities, a month's
 * sessions, the staff directory): page after page, at most `maxPages`, stopping at the first error.
 */
export async function allPages<T>(page: (cursor: string | undefined) => PageAnswer<T>, maxPages: number): Promise<{ data?: T[]; error?: unknown }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < maxPages; n++) {
    const { data, error } = await page(cursor);
    if (error !== undefined || !data) return { error };
    items.push(...data.items);
    if (!data.nextCursor) break;
    cursor = data.nextCursor;
  }
  return { data: items };
}
