import { csvHeaders } from '../../../shared/csv';
import { defineRoute, reply } from '../../../shared/http/route';
import type { Context } from 'hono';
import { MonthlyQuery, MonthlySeries, PublicStats, PublicStatsQuery, Summary, SummaryQuery } from '../../../shared/reports';
import { monthlyCsv, monthlySeries, publicStats, summarize, summaryCsv } from '../../../shared/reports';

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
