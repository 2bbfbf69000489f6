import type { Schemas } from './api/client';

/** The months of incubation up to this one, `YYYY-MM`. */
export function incubationMonths(startup: Pick<Schemas['Startup'], 'incubationStart' | 'incubationEnd'>, today: string): string[] {
  const months: string[] = [];
  let [y, m] = startup.incubationStart.slice(0, 7).split('-').map(Number) as [number, number];
  const last = [startup.incubationEnd.slice(0, 7), today.slice(0, 7)].sort()[0]!;
  for (let guard = 0; guard < 60; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}
