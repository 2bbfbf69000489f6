import { csvHeaders } from '../../../shared/csv';
import { defineRoute, reply } from '../../../shared/http/route';
import { PublicStats, PublicStatsQuery, Summary, SummaryQuery } from '../../../shared/reports/schema';
import { publicStats, summarize, summaryCsv } from '../../../shared/reports/service';

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
      const csv = query.format === 'csv' || (query.format === undefined && (c.req.header('accept') ?? '').includes('text/csv'));
      if (!csv) return reply(c, summary);
      return c.body(summaryCsv(summary), 200, csvHeaders(`fuhua-summary-${query.from}-${query.to}.csv`));
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
