import * as z from 'zod';
import { Month } from '../clock';

/** A period of months (and optionally one community), as JSON or CSV, at most `maxMonths` long. */
function periodQuery(maxMonths: number, what: string) {
  return z
    .strictObject({
      from: Month,
      to: Month,
      communityId: z.string().min(1).max(64).optional(),
      format: z.enum(['json', 'csv']).optional(),
    })
    .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
    .refine((q) => monthsBetween(q.from, q.to).length <= maxMonths, { message: `${what} covers at most ${maxMonths} months`, path: ['to'] });
}

export const SummaryQuery = periodQuery(120, 'a report');

/** A monthly series is one read per month for jobs: three years at most. */
export const MAX_SERIES_MONTHS = 36;
export const MonthlyQuery = periodQuery(MAX_SERIES_MONTHS, 'a monthly series');

/** Every `YYYY-MM` from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) break;
    months.push(month);
    if (months.length > 1200) break;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

const Money = z.object({ fen: z.number().int(), yuan: z.string() });
const Count = z.number().int();

const TrainingFigures = z.object({
  enrolments: Count,
  completions: Count,
  enrolmentsByCourseType: z.record(z.string(), Count),
  completionsByCourseType: z.record(z.string(), Count),
  /** Course type → the trainee's group (applicant category) → completions. */
  completionsByCourseTypeAndGroup: z.record(z.string(), z.record(z.string(), Count)),
});

/** One line of the centre's published half-year report (e.g. 天府新区 2025 上半年), with what it counts. */
export const SourceLine = z
  .object({
    line: z.enum(['entity_subsidies_paid', 'founders_supported', 'loans_and_startup_subsidies_paid']),
    definition: z.string(),
    amount: Money.optional(),
    count: Count.optional(),
  })
  .meta({ id: 'ReportSourceLine' });
export type SourceLine = z.infer<typeof SourceLine>;

export const Summary = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    communityId: z.string().nullable(),
    applications: z.object({ submitted: Count, approved: Count, rejected: Count, withdrawn: Count, submittedByCategory: z.record(z.string(), Count) }),
    startups: z.object({ approved: Count, incubating: Count, graduated: Count, exited: Count }),
    foundersSupported: Count.meta({
      description: 'People who started a business with support: founders of startups that graduated with a credit code or received an entity subsidy',
    }),
    jobs: z.object({ created: Count, collegeGraduates: Count, startupsReporting: Count }),
    space: z.object({ unitMonthsOccupied: Count }),
    mentoring: z.object({ sessions: Count, hours: z.number(), averageRating: z.number().nullable() }),
    events: z.object({ held: Count, heldByKind: z.record(z.string(), Count), checkins: Count }),
    money: z.object({
      byKind: z.record(z.string(), z.object({ paid: Money, reversed: Money, net: Money, payments: Count })),
      net: Money,
    }),
    loans: z.object({ issued: Count, principal: Money }),
    /** Entrepreneurship training in person-times (人次): enrolments in the month enrolled, completions in the month certified. */
    training: TrainingFigures,
    /** The source report's own lines as it publishes them, each with its definition: read them as they are, never added up. */
    sourceLines: z.array(SourceLine),
  })
  .meta({ id: 'ReportSummary' });
export type Summary = z.infer<typeof Summary>;

export const MonthlySeries = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    communityId: z.string().nullable(),
    months: z.array(
      z.object({
        month: z.string().meta({ description: 'YYYY-MM, Beijing time' }),
        subsidiesPaid: Money.meta({ description: 'Paid less reversed in the month' }),
        jobsCreated: Count.nullable().meta({ description: "Employees in the month's job reports; null for one community (job reports are district-wide)" }),
        unitMonthsOccupied: Count,
        foundersSupported: Count,
        applicationsSubmitted: Count,
        startupsApproved: Count,
      }),
    ),
  })
  .meta({ id: 'ReportMonthlySeries' });
export type MonthlySeries = z.infer<typeof MonthlySeries>;

export const PublicStatsQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export const PublicStats = z
  .object({
    year: z.number().int(),
    startupsApproved: Count,
    foundersSupported: Count,
    jobsCreated: Count,
    collegeGraduatesEmployed: Count,
    eventsHeld: Count,
    subsidiesPaid: z.record(z.string(), Money),
    loansIssued: Count,
    loansPrincipal: Money,
    /** Training completions (人次) in the year, in total and by course type. */
    trainingCompletions: Count,
    trainingCompletionsByCourseType: z.record(z.string(), Count),
    /** The year month by month, for the home page's charts: district-wide counts only. */
    months: z.array(z.object({ month: z.string(), startupsApproved: Count, foundersSupported: Count, subsidiesPaid: Money })),
  })
  .meta({ id: 'PublicStats' });
export type PublicStats = z.infer<typeof PublicStats>;

export const AssessmentQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  communityId: z.string().min(1).max(64).optional(),
  format: z.enum(['json', 'csv']).optional(),
});

const Rate = z.number().min(0).nullable().meta({ description: 'A share from 0 to 1 (4 decimals); null when nothing was there to count' });

/** The figures one incubation base (a community, or the whole district) is assessed on for a year. */
export const AssessmentFigures = z
  .object({
    communityId: z.string().nullable().meta({ description: 'null: the whole district' }),
    startupsIncubated: Count.meta({ description: 'Startups that began incubation in the year (counted in the community they chose)' }),
    startupsLeft: Count.meta({ description: 'Startups that left incubation in the year: graduated, withdrawn or terminated' }),
    startupsSucceeded: Count.meta({ description: 'Startups recorded in the year as a success as the policy defines it' }),
    successRate: Rate.meta({ description: 'startupsSucceeded ÷ startupsLeft' }),
    startupsLeftOnTime: Count.meta({ description: "Of those that left, those that left by their term's last day (Beijing days)" }),
    onTimeExitRate: Rate.meta({ description: 'startupsLeftOnTime ÷ startupsLeft' }),
    unitMonthsOccupied: Count,
    unitMonthsAvailable: Count.meta({ description: 'For each month of the year, the units active at its end, added up' }),
    spaceUtilisation: Rate.meta({ description: 'unitMonthsOccupied ÷ unitMonthsAvailable' }),
    jobsCreated: Count.meta({
      description:
        'Employees in the latest job report of the year of each startup; for one community, of the startups that chose it (the community a report names when it is filed)',
    }),
    eventsHeld: Count.meta({ description: 'Activities held: events completed, by the month they were held' }),
    mentors: Count.nullable().meta({ description: "Active members of the mentor team at the year's end; null for one community (the team is the district's)" }),
  })
  .meta({ id: 'AssessmentFigures' });
export type AssessmentFigures = z.infer<typeof AssessmentFigures>;

export const Assessment = z
  .object({
    year: z.number().int(),
    /** The community asked for (when one was), then the district. */
    scopes: z.array(AssessmentFigures),
  })
  .meta({ id: 'ReportAssessment' });
export type Assessment = z.infer<typeof Assessment>;

/** The upward report's period: at most 12 months (its year to date runs from January of `to`'s year). */
export const UpwardQuery = periodQuery(12, 'an upward report');

export const UpwardLine = z
  .object({
    indicator: z.enum([
      'founders_supported',
      'jobs_created',
      'loans_issued',
      'loans_amount',
      'subsidies_paid',
      'mentors',
      'events_held',
      'incubation_carriers',
      'training_completions',
    ]),
    /** The group (people, jobs), policy (subsidies) or course type (training) of a split line; null for the total. */
    dimension: z.string().nullable(),
    /** 本期: the period asked for. Money in fen; mentors and carriers as at the period's last month. */
    period: Count,
    /** 累计: January of the year of `to` through `to`. */
    yearToDate: Count,
    unit: z.enum(['people', 'jobs', 'loans', 'fen', 'events', 'carriers', 'person_times']),
  })
  .meta({ id: 'UpwardLine' });
export type UpwardLine = z.infer<typeof UpwardLine>;

export const UpwardReport = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    yearToDate: z.object({ from: z.string(), to: z.string() }),
    lines: z.array(UpwardLine),
  })
  .meta({ id: 'ReportUpward' });
export type UpwardReport = z.infer<typeof UpwardReport>;
