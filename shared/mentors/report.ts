import type { Ctx } from '../context';
import { hasRole } from '../context';
import { NotFoundError, ValidationError } from '../errors';
import { getMentorItem } from './repository';
import { listMentorStats, type StatsRow } from './sessions-repository';
import type { MentorReport } from './schema';

/** A report spans at most two years: 24 month items plus their startup markers. */
export const MAX_REPORT_MONTHS = 24;

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let key = from; key <= to; key = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

function figures(sessions: number, minutes: number, confirmed: number, ratingSum: number, startupsServed: number) {
  return {
    sessions,
    minutes,
    hours: Math.round((minutes / 60) * 100) / 100,
    startupsServed,
    confirmed,
    confirmedShare: sessions > 0 ? Math.round((confirmed / sessions) * 1000) / 1000 : null,
    averageRating: confirmed > 0 ? Math.round((ratingSum / confirmed) * 100) / 100 : null,
  };
}

/**
 * Sessions, hours, startups served, confirmed share and average rating per month, read from the
 * mentor's month counters (never from the sessions themselves). Officers, auditors and the mentor.
 */
export async function mentorReport(ctx: Ctx, mentorId: string, from: string, to: string): Promise<MentorReport> {
  const mentor = await getMentorItem(mentorId);
  const staff = hasRole(ctx, 'officer') || hasRole(ctx, 'auditor');
  if (!mentor || (!staff && mentor.userId !== ctx.actor.sub)) throw new NotFoundError('mentor');
  const months = from <= to ? monthsBetween(from, to) : [];
  if (months.length === 0 || months.length > MAX_REPORT_MONTHS) {
    throw new ValidationError(`from must not be after to, and the range at most ${MAX_REPORT_MONTHS} months.`, [
      { field: 'query.to', message: `from ≤ to, at most ${MAX_REPORT_MONTHS} months` },
    ]);
  }
  const rows = await listMentorStats(mentorId, from, to);
  const totals = new Map<string, StatsRow>();
  const served = new Map<string, Set<string>>();
  for (const row of rows) {
    const [month, startupId] = row.sk.split('#') as [string, string | undefined];
    if (!startupId) totals.set(month, row);
    else if ((row.sessions ?? 0) > 0) served.set(month, (served.get(month) ?? new Set()).add(startupId));
  }
  const perMonth = months.map((month) => {
    const row = totals.get(month);
    return { month, ...figures(row?.sessions ?? 0, row?.minutes ?? 0, row?.confirmed ?? 0, row?.ratingSum ?? 0, served.get(month)?.size ?? 0) };
  });
  const sum = (field: 'sessions' | 'minutes' | 'confirmed' | 'ratingSum') => [...totals.values()].reduce((n, row) => n + (row[field] ?? 0), 0);
  const allServed = new Set([...served.values()].flatMap((set) => [...set]));
  return {
    mentorId,
    from,
    to,
    months: perMonth,
    totals: figures(sum('sessions'), sum('minutes'), sum('confirmed'), sum('ratingSum'), allServed.size),
  };
}
