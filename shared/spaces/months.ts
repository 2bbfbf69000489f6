/** Month arithmetic on `YYYY-MM` strings, which sort the same as the months they name. */

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** How many months `from`..`to` spans, both included. */
export function monthCount(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export const maxMonth = (a: string, b: string) => (a > b ? a : b);
export const minMonth = (a: string, b: string) => (a < b ? a : b);

/**
 * The months an allocation holds (or held) its unit: `fromMonth`..`lastMonth`, none at all when it
 * was cancelled (released from its first month). Every reader of an allocation's months asks this.
 */
export function heldMonths(allocation: { status: string; fromMonth: string; lastMonth: string }): string[] {
  return allocation.status === 'cancelled' ? [] : monthRange(allocation.fromMonth, allocation.lastMonth);
}

/** Whether an allocation holds its unit in `month` (never when cancelled). */
export function holdsIn(allocation: { status: string; fromMonth: string; lastMonth: string }, month: string): boolean {
  return allocation.status !== 'cancelled' && allocation.fromMonth <= month && month <= allocation.lastMonth;
}
