import { csvHeaders } from '../../../shared/csv';
import { defineRoute, reply } from '../../../shared/http/route';
import type { Context } from 'hono';
import { ValidationError } from '../../../shared/errors';
import {
  Assessment,
  AssessmentQuery,
  MonthlyQuery,
  MonthlySeries,
  PublicStats,
  PublicStatsQuery,
  Summary,
  SummaryQuery,
  UpwardQuery,
  UpwardReport,
} from '../../../shared/reports';
import { assessment, assessmentCsv, monthlyCsv, monthlySeries, publicStats, summarize, summaryCsv, upwardCsv, upwardReport } from '../../../shared/reports';

/** CSV when asked for by `?format=csv`, or by `Accept: text/csv` when no format is given. */
const wantsCsv = (c: Context, format: 'json' | 'csv' | undefined) =>
  format === 'csv' || (format === undefined && (c.req.header('accept') ?? '').includes('text/csv'));

export const reportRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/reports/summary',
    operationId: 'getSummaryReport',
    summary: 'The programme figures for a period (and optionally a community), as JSON or CSV',
    description: 'Send `Accept: text/csv` or `?format=csv` for CSV with a header row. Costs one read per month of the period.',
    tags: ['Reports'],
    access: ['officer', 'auditor'],
    query: SummaryQuery,
    responses: { 200: { description: 'The figures', schema: Summary } },
    handler: async ({ c, query }) => {
      const summary = await summarize(query.from, query.to, query.communityId);
      if (!wantsCsv(c, query.format)) return reply(c, summary);
      return c.body(summaryCsv(summary), 200, csvHeaders(`fuhua-summary-${query.from}-${query.to}.csv`));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/reports/monthly',
    operationId: 'getMonthlyReport',
    summary: 'The programme figures month by month (subsidies paid, jobs created, occupancy, founders supported), as JSON or CSV',
    description: "For the reports' charts: at most 36 months. Send `Accept: text/csv` or `?format=csv` for CSV with a header row.",
    tags: ['Reports'],
    access: ['officer', 'auditor'],
    query: MonthlyQuery,
    responses: { 200: { description: 'One line per month of the period', schema: MonthlySeries } },
    handler: async ({ c, query }) => {
      const series = await monthlySeries(query.from, query.to, query.communityId);
      if (!wantsCsv(c, query.format)) return reply(c, series);
      return c.body(monthlyCsv(series), 200, csvHeaders(`fuhua-monthly-${query.from}-${query.to}.csv`));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/reports/assessment',
    operationId: 'getAssessmentReport',
    summary: "A year's assessment figures of an incubation base (a community) beside the district's, as JSON or CSV",
    description:
      'Startups incubated, success and on-time exit rates, space utilisation (occupied ÷ available unit-months), jobs created, activities held and mentors, from the monthly counters. Send `Accept: text/csv` or `?format=csv` for CSV with a header row.',
    tags: ['Reports'],
    access: ['officer', 'auditor'],
    query: AssessmentQuery,
    responses: { 200: { description: 'The community asked for (if any), then the district', schema: Assessment } },
    handler: async ({ c, query }) => {
      const report = await assessment(query.year, query.communityId);
      if (!wantsCsv(c, query.format)) return reply(c, report);
      return c.body(assessmentCsv(report), 200, csvHeaders(`fuhua-assessment-${query.year}${query.communityId ? `-${query.communityId}` : ''}.csv`));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/reports/upward',
    operationId: 'getUpwardReport',
    summary: "The provincial plan's indicators for a period (本期) and its year to date (累计), as JSON or CSV",
    description:
      'People helped to start a business (by group) and jobs created, guaranteed loans issued (count and amount), subsidies paid by policy (net of reversals), mentors, activities held and incubation carriers. At most 12 months; the year to date runs from January of the year of `to`. Send `Accept: text/csv` or `?format=csv` for CSV.',
    tags: ['Reports'],
    access: ['officer', 'auditor'],
    query: UpwardQuery,
    responses: { 200: { description: 'One line per indicator (and group or policy)', schema: UpwardReport } },
    handler: async ({ c, query }) => {
      if (query.communityId) throw new ValidationError('The upward report is the district’s.', [{ field: 'query.communityId', message: 'not taken here' }]);
      const report = await upwardReport(query.from, query.to);
      if (!wantsCsv(c, query.format)) return reply(c, report);
      return c.body(upwardCsv(report), 200, csvHeaders(`fuhua-upward-${query.from}-${query.to}.csv`));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/stats',
    operationId: 'getPublicStats',
    summary: 'Headline figures of a year, district-wide (no login, no personal data)',
    tags: ['Public'],
    access: 'public',
    query: PublicStatsQuery,
    responses: { 200: { description: 'The figures', schema: PublicStats } },
    handler: async ({ c, query }) => reply(c, await publicStats(query.year)),
  }),
];
