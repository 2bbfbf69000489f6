import { toCsv, type CsvCell } from '../csv';
import { yuan } from '../money';
import { type JobReportFact, readJobReportsOfMonth, readMonthlyCounters, type MonthCounters } from './repository';
import { UPWARD_GROUPS, type UpwardGroup } from './counters';
import {
  monthsBetween,
  type Assessment,
  type AssessmentFigures,
  type MonthlySeries,
  type PublicStats,
  type Summary,
  type UpwardLine,
  type UpwardReport,
} from './schema';

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
 * read newest first, one Query each, so the cost grows with the months, not the history. With a
 * community, only the reports of startups that chose it (as the report names it).
 */
async function jobsInPeriod(months: string[], communityId?: string) {
  const latest = new Map<string, JobReportFact>();
  for (const month of [...months].reverse()) {
    for (const report of await readJobReportsOfMonth(month)) {
      if (communityId && report.communityId !== communityId) continue;
      if (!latest.has(report.startupId)) latest.set(report.startupId, report);
    }
  }
  let created = 0;
  let collegeGraduates = 0;
  // Jobs by the upward report's groups: the groups a report names, the rest of its employees as `other`.
  const byGroup: Record<UpwardGroup, number> = { college_graduate: 0, returning_migrant_worker: 0, veteran: 0, employment_difficulty: 0, other: 0 };
  for (const report of latest.values()) {
    created += report.employees;
    collegeGraduates += report.collegeGraduatesEmployed;
    byGroup.college_graduate += report.collegeGraduatesEmployed;
    byGroup.returning_migrant_worker += report.returningMigrantWorkersEmployed ?? 0;
    byGroup.veteran += report.veteransEmployed ?? 0;
    byGroup.employment_difficulty += report.employmentDifficultyEmployed ?? 0;
  }
  byGroup.other = created - byGroup.college_graduate - byGroup.returning_migrant_worker - byGroup.veteran - byGroup.employment_difficulty;
  return { created, collegeGraduates, byGroup, startupsReporting: latest.size };
}

const jobTotals = ({ created, collegeGraduates, startupsReporting }: Awaited<ReturnType<typeof jobsInPeriod>>) => ({
  created,
  collegeGraduates,
  startupsReporting,
});

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
  const net = (kind: string) => n(`paid_fen__${kind}`) - n(`reversed_fen__${kind}`);
  const sourceLines: Summary['sourceLines'] = [
    {
      line: 'entity_subsidies_paid',
      definition: 'Startup-entity subsidies paid (创业实体补贴), net of reversals, by the month of the ledger entry.',
      amount: money(net('entity_subsidy')),
    },
    {
      line: 'founders_supported',
      definition:
        'People who started a business with that support (扶持创业): founders of startups that graduated with a credit code or were paid an entity subsidy, each once.',
      count: n('founders_supported'),
    },
    {
      line: 'loans_and_startup_subsidies_paid',
      definition:
        'Small guaranteed-loan interest subsidies and one-off startup subsidies paid (创业担保贷款贴息及创业补贴), net of reversals: one line as the source publishes it, not two figures to add.',
      amount: money(net('loan_interest_subsidy') + net('startup_subsidy')),
    },
  ];
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
    jobs: communityId ? { created: 0, collegeGraduates: 0, startupsReporting: 0 } : jobTotals(await jobsInPeriod(months)),
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
    sourceLines,
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
    if (section === 'sourceLines') {
      for (const line of summary.sourceLines)
        rows.push([section, line.line, line.amount ? 'yuan' : 'count', line.amount ? line.amount.yuan : (line.count ?? 0)]);
      continue;
    }
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

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/**
 * The figures of one scope for a year. One Query of the scope's counters from the first month on
 * record to the year's end: the year's counts, and the running sums (units available, mentors)
 * that start before it.
 */
async function assessScope(year: number, communityId: string | undefined): Promise<AssessmentFigures> {
  const from = `${year}-01`;
  const to = `${year}-12`;
  const counters = await readMonthlyCounters('0000-01', to, communityId);
  let units = 0;
  let mentors = 0;
  let unitMonthsAvailable = 0;
  const inYear = new Map<string, MonthCounters>();
  for (const month of [...counters.keys()].sort()) {
    const c = counters.get(month)!;
    if (month < from) {
      units += c.units_active_change ?? 0;
      mentors += c.mentors_active_change ?? 0;
    } else inYear.set(month, c);
  }
  for (const month of monthsBetween(from, to)) {
    units += inYear.get(month)?.units_active_change ?? 0;
    mentors += inYear.get(month)?.mentors_active_change ?? 0;
    unitMonthsAvailable += Math.max(0, units);
  }
  const c = total(inYear);
  const n = (name: string) => c[name] ?? 0;
  return {
    communityId: communityId ?? null,
    startupsIncubated: n('startups_incubating'),
    startupsLeft: n('startups_left'),
    startupsSucceeded: n('startups_succeeded'),
    successRate: rate(n('startups_succeeded'), n('startups_left')),
    startupsLeftOnTime: n('startups_left_on_time'),
    onTimeExitRate: rate(n('startups_left_on_time'), n('startups_left')),
    unitMonthsOccupied: n('unit_months_occupied'),
    unitMonthsAvailable,
    spaceUtilisation: rate(n('unit_months_occupied'), unitMonthsAvailable),
    jobsCreated: (await jobsInPeriod(monthsBetween(from, to), communityId)).created,
    eventsHeld: n('events_held'),
    mentors: communityId ? null : mentors,
  };
}

/** The assessment of an incubation base for a year: the community asked for (if any), and the district. */
export async function assessment(year: number, communityId?: string): Promise<Assessment> {
  const scopes = communityId ? [await assessScope(year, communityId), await assessScope(year, undefined)] : [await assessScope(year, undefined)];
  return { year, scopes };
}

const ASSESSMENT_COLUMNS = [
  'communityId',
  'startupsIncubated',
  'startupsLeft',
  'startupsSucceeded',
  'successRate',
  'startupsLeftOnTime',
  'onTimeExitRate',
  'unitMonthsOccupied',
  'unitMonthsAvailable',
  'spaceUtilisation',
  'jobsCreated',
  'eventsHeld',
  'mentors',
] as const;

/** One row per scope (the district's community_id empty). */
export function assessmentCsv(report: Assessment): string {
  return toCsv(
    ['year', ...ASSESSMENT_COLUMNS],
    report.scopes.map((scope): CsvCell[] => [report.year, ...ASSESSMENT_COLUMNS.map((column) => scope[column] ?? '')]),
  );
}

/**
 * The provincial plan's indicators for a period (本期) and its year to date (累计), from the
 * counters: one Query of the district's counters up to `to` (running sums start before the year)
 * and the job reports of the months read.
 */
export async function upwardReport(from: string, to: string): Promise<UpwardReport> {
  const ytdFrom = `${to.slice(0, 4)}-01`;
  const counters = await readMonthlyCounters('0000-01', to);
  const within = (start: string) => total(new Map([...counters].filter(([month]) => month >= start && month <= to)));
  const running = (name: string) => [...counters.values()].reduce((sum, c) => sum + (c[name] ?? 0), 0);
  const period = within(from);
  const ytd = within(ytdFrom);
  const [jobs, jobsYtd] = await Promise.all([jobsInPeriod(monthsBetween(from, to)), jobsInPeriod(monthsBetween(ytdFrom, to))]);
  const lines: UpwardLine[] = [];
  const line = (indicator: UpwardLine['indicator'], unit: UpwardLine['unit'], dimension: string | null, p: number, y: number) =>
    lines.push({ indicator, dimension, period: p, yearToDate: y, unit });
  const counted = (indicator: UpwardLine['indicator'], unit: UpwardLine['unit'], name: string, dimension: string | null = null) =>
    line(indicator, unit, dimension, period[name] ?? 0, ytd[name] ?? 0);
  counted('founders_supported', 'people', 'founders_supported');
  for (const group of UPWARD_GROUPS) counted('founders_supported', 'people', `founders_supported__${group}`, group);
  line('jobs_created', 'jobs', null, jobs.created, jobsYtd.created);
  for (const group of UPWARD_GROUPS) line('jobs_created', 'jobs', group, jobs.byGroup[group], jobsYtd.byGroup[group]);
  counted('loans_issued', 'loans', 'loans_issued');
  counted('loans_amount', 'fen', 'loans_principal_fen');
  const policies = new Set([...Object.keys(byDimension(ytd, 'paid_fen_by_policy')), ...Object.keys(byDimension(ytd, 'reversed_fen_by_policy'))]);
  const net = (c: MonthCounters, policy: string) => (c[`paid_fen_by_policy__${policy}`] ?? 0) - (c[`reversed_fen_by_policy__${policy}`] ?? 0);
  for (const policy of [...policies].sort()) line('subsidies_paid', 'fen', policy, net(period, policy), net(ytd, policy));
  const mentors = running('mentors_active_change');
  line('mentors', 'people', null, mentors, mentors);
  counted('events_held', 'events', 'events_held');
  const carriers = running('carriers_opened');
  line('incubation_carriers', 'carriers', null, carriers, carriers);
  // Training in person-times (人次), by course type (the course types of the year so far).
  counted('training_completions', 'person_times', 'training_completions');
  const courseTypes = Object.keys(byDimension(ytd, 'training_completions')).filter((key) => !key.includes('__'));
  for (const type of courseTypes.sort()) counted('training_completions', 'person_times', `training_completions__${type}`, type);
  return { period: { from, to }, yearToDate: { from: ytdFrom, to }, lines };
}

export function upwardCsv(report: UpwardReport): string {
  return toCsv(
    ['period_from', 'period_to', 'indicator', 'dimension', 'unit', 'period', 'year_to_date'],
    report.lines.map((l): CsvCell[] => [report.period.from, report.period.to, l.indicator, l.dimension ?? '', l.unit, l.period, l.yearToDate]),
  );
}
