import { toCsv, type CsvCell } from '../csv';
import { yuan } from '../money';
import { readJobReportsOfMonth, readMonthlyCounters, type MonthCounters } from './repository';
import { monthsBetween, type MonthlySeries, type PublicStats, type Summary } from './schema';

export { yuan };

const money = (fen: number) => ({ fen, yuan: yuan(fen) });

function total(months: Map<string, MonthCounters>): MonthCounters {
  const sum: MonthCounters = {};
  for (const counters of months.values()) {
    for (const [name, value] of Object.entries(counters)) if (typeof value === 'number') sum[name] = (sum[name] ?? 0) + value;
  }
  return sum;
}

/** `{ kind: n }` of the counters named `<base>__<kind>`. */
function byDimension(counters: MonthCounters, base: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) if (name.startsWith(`${base}__`)) out[name.slice(base.length + 2)] = value;
  return out;
}

/**
 * Jobs created in a period: for each startup, its latest job report within the period. Months are
 * read newest first, one Query each, so the cost grows with the months, not the history.
 */
async function jobsInPeriod(months: string[]) {
  const latest = new Map<string, { employees: number; collegeGraduatesEmployed: number }>();
  for (const month of [...months].reverse()) {
    for (const report of await readJobReportsOfMonth(month)) if (!latest.has(report.startupId)) latest.set(report.startupId, report);
  }
  let created = 0;
  let collegeGraduates = 0;
  for (const report of latest.values()) {
    created += report.employees;
    collegeGraduates += report.collegeGraduatesEmployed;
  }
  return { created, collegeGraduates, startupsReporting: latest.size };
}

/** The programme's figures for a period (and optionally one community), straight from the counters. */
export async function summarize(from: string, to: string, communityId?: string): Promise<Summary> {
  const months = monthsBetween(from, to);
  const c = total(await readMonthlyCounters(from, to, communityId));
  const n = (name: string) => c[name] ?? 0;
  const kinds = new Set([...Object.keys(byDimension(c, 'paid_fen')), ...Object.keys(byDimension(c, 'reversed_fen'))]);
  const byKind: Summary['money']['byKind'] = {};
  for (const kind of kinds) {
    const paid = n(`paid_fen__${kind}`);
    const reversed = n(`reversed_fen__${kind}`);
    byKind[kind] = { paid: money(paid), reversed: money(reversed), net: money(paid - reversed), payments: n(`payments__${kind}`) };
  }
  const ratings = n('session_ratings');
  return {
    period: { from, to },
    communityId: communityId ?? null,
    applications: {
      submitted: n('applications_submitted'),
      approved: n('applications_approved'),
      rejected: n('applications_rejected'),
      withdrawn: n('applications_withdrawn'),
      submittedByCategory: byDimension(c, 'applications_submitted'),
    },
    startups: { approved: n('startups_approved'), incubating: n('startups_incubating'), graduated: n('startups_graduated'), exited: n('startups_exited') },
    foundersSupported: n('founders_supported'),
    jobs: communityId ? { created: 0, collegeGraduates: 0, startupsReporting: 0 } : await jobsInPeriod(months),
    space: { unitMonthsOccupied: n('unit_months_occupied') },
    mentoring: {
      sessions: n('sessions'),
      hours: Math.round((n('session_minutes') / 60) * 10) / 10,
      averageRating: ratings > 0 ? Math.round((n('session_rating_sum') / ratings) * 100) / 100 : null,
    },
    events: { held: n('events_held'), heldByKind: byDimension(c, 'events_held'), checkins: n('event_checkins') },
    money: { byKind, net: money(n('paid_fen') - n('reversed_fen')) },
    loans: { issued: n('loans_issued'), principal: money(n('loans_principal_fen')) },
    training: trainingFigures(c),
  };
}

/** Training person-times from the counters: `training_completions__syb` by course type, `…__syb__veteran` by type and group. */
function trainingFigures(c: MonthCounters): Summary['training'] {
  const single = (base: string) => Object.fromEntries(Object.entries(byDimension(c, base)).filter(([key]) => !key.includes('__')));
  const byGroup: Record<string, Record<string, number>> = {};
  for (const [key, value] of Object.entries(byDimension(c, 'training_completions'))) {
    const [courseType, group] = key.split('__');
    if (!courseType || !group) continue;
    byGroup[courseType] = { ...byGroup[courseType], [group]: value };
  }
  return {
    enrolments: c.training_enrolments ?? 0,
    completions: c.training_completions ?? 0,
    enrolmentsByCourseType: single('training_enrolments'),
    completionsByCourseType: single('training_completions'),
    completionsByCourseTypeAndGroup: byGroup,
  };
}

/**
 * The figures month by month, for the reports' charts: one read of the counters for the period,
 * and (district-wide) one read of each month's job reports, in parallel.
 */
export async function monthlySeries(from: string, to: string, communityId?: string): Promise<MonthlySeries> {
  const months = monthsBetween(from, to);
  const counters = await readMonthlyCounters(from, to, communityId);
  const jobs = communityId ? months.map(() => null) : await Promise.all(months.map(async (month) => (await jobsInPeriod([month])).created));
  return {
    period: { from, to },
    communityId: communityId ?? null,
    months: months.map((month, i) => {
      const c = counters.get(month) ?? {};
      const n = (name: string) => c[name] ?? 0;
      return {
        month,
        subsidiesPaid: money(n('paid_fen') - n('reversed_fen')),
        jobsCreated: jobs[i] ?? null,
        unitMonthsOccupied: n('unit_months_occupied'),
        foundersSupported: n('founders_supported'),
        applicationsSubmitted: n('applications_submitted'),
        startupsApproved: n('startups_approved'),
      };
    }),
  };
}

export function monthlyCsv(series: MonthlySeries): string {
  return toCsv(
    [
      'month',
      'community_id',
      'subsidies_paid_yuan',
      'jobs_created',
      'unit_months_occupied',
      'founders_supported',
      'applications_submitted',
      'startups_approved',
    ],
    series.months.map((m): CsvCell[] => [
      m.month,
      series.communityId ?? '',
      m.subsidiesPaid.yuan,
      m.jobsCreated ?? '',
      m.unitMonthsOccupied,
      m.foundersSupported,
      m.applicationsSubmitted,
      m.startupsApproved,
    ]),
  );
}

/** The summary as CSV rows: section, metric, dimension, value. */
export function summaryCsv(summary: Summary): string {
  const rows: Array<[string, string, string, string | number]> = [];
  const walk = (section: string, value: unknown, metric = '', dimension = '') => {
    if (value === null || typeof value !== 'object') {
      rows.push([section, metric, dimension, value === null ? '' : (value as string | number)]);
      return;
    }
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (metric === '') walk(section, inner, key, dimension);
      else walk(section, inner, metric, dimension ? `${dimension}.${key}` : key);
    }
  };
  for (const [section, value] of Object.entries(summary)) {
    if (section === 'period' || section === 'communityId') continue;
    if (typeof value === 'number') rows.push([section, section, '', value]);
    else walk(section, value);
  }
  return toCsv(
    ['period_from', 'period_to', 'community_id', 'section', 'metric', 'dimension', 'value'],
    rows.map((row): CsvCell[] => [summary.period.from, summary.period.to, summary.communityId ?? '', ...row]),
  );
}

/** District-wide headline figures for a year; aggregates only, no personal data. */
export async function publicStats(year: number): Promise<PublicStats> {
  const [summary, counters] = await Promise.all([summarize(`${year}-01`, `${year}-12`), readMonthlyCounters(`${year}-01`, `${year}-12`)]);
  const subsidiesPaid: PublicStats['subsidiesPaid'] = {};
  for (const [kind, figures] of Object.entries(summary.money.byKind)) subsidiesPaid[kind] = figures.net;
  return {
    year,
    startupsApproved: summary.startups.approved,
    foundersSupported: summary.foundersSupported,
    jobsCreated: summary.jobs.created,
    collegeGraduatesEmployed: summary.jobs.collegeGraduates,
    eventsHeld: summary.events.held,
    subsidiesPaid,
    loansIssued: summary.loans.issued,
    loansPrincipal: summary.loans.principal,
    trainingCompletions: summary.training.completions,
    trainingCompletionsByCourseType: summary.training.completionsByCourseType,
    months: monthsBetween(`${year}-01`, `${year}-12`).map((month) => {
      const c = counters.get(month) ?? {};
      const n = (name: string) => c[name] ?? 0;
      return {
        month,
        startupsApproved: n('startups_approved'),
        foundersSupported: n('founders_supported'),
        subsidiesPaid: money(n('paid_fen') - n('reversed_fen')),
      };
    }),
  };
}
