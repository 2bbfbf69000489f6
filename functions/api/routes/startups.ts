import { businessCodeFreeCheck } from '../../../shared/businesses';
import * as z from 'zod';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { Month } from '../../../shared/clock';
import { PageQuery } from '../../../shared/db/pagination';
import {
  AddCoFounder,
  CorrectJobReport,
  VerifyJobReport,
  ExitStartup,
  FileJobReport,
  GraduateStartup,
  JobReport,
  Startup,
  StartupStatus,
} from '../../../shared/startups';
import { addCoFounder, exitStartup, getStartup, graduateStartup, listStartups, startIncubation } from '../../../shared/startups';
import { seatsHeldIn } from '../../../shared/spaces';
import { correctJobReport, fileJobReport, listJobReports, verifyJobReport } from '../../../shared/startups';

const tags = ['Startups'];
const params = idParam('stp');
const monthParams = params.extend({ month: Month.meta({ param: { name: 'month', in: 'path' }, example: '2026-03' }) });
const one = (description: string) => ({ 200: { description, schema: Startup } });

export const startupRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/startups/{id}',
    operationId: 'getStartup',
    summary: 'One startup (its founder, officers, auditors, and those other modules relate to it)',
    description:
      'A park manager reads it while it holds space in a community they manage this month or later, or waits for one (on its waitlist, or preferring it). A cancelled or past allocation gives a manager no access.',
    tags,
    access: 'signed-in',
    params,
    responses: one('The startup'),
    handler: async ({ c, ctx, params }) => {
      const startup = await getStartup(ctx, params.id);
      return reply(c, startup, 200, startup.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/startups',
    operationId: 'listStartups',
    summary: 'Startups by status (officers, auditors), or your own (mine=true)',
    tags,
    access: ['officer', 'auditor', 'applicant'],
    query: listQuery({ status: StartupStatus.optional(), mine: z.enum(['true', 'false']).optional() }),
    responses: { 200: { description: 'A page of startups', schema: pageOf(Startup) } },
    handler: async ({ c, ctx, query: { status, mine, ...page } }) => reply(c, await listStartups(ctx, { status, mine: mine === 'true' }, page)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/start',
    operationId: 'startIncubation',
    summary: 'Start incubation (approved → incubating)',
    tags,
    access: ['officer'],
    params,
    responses: one('Incubating'),
    handler: async ({ c, ctx, params }) => {
      const startup = await startIncubation(ctx, params.id);
      return reply(c, startup, 200, startup.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/graduate',
    operationId: 'graduateStartup',
    summary: 'Graduate a startup registered as a business (credit code checked, GB 32100)',
    tags,
    access: ['officer'],
    params,
    body: GraduateStartup,
    responses: one('Graduated'),
    handler: async ({ c, ctx, params, body }) => {
      const startup = await graduateStartup(ctx, params.id, body, businessCodeFreeCheck);
      return reply(c, startup, 200, startup.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/exit',
    operationId: 'exitStartup',
    summary: 'End incubation without graduating (withdrawn or terminated)',
    tags,
    access: ['officer'],
    params,
    body: ExitStartup,
    responses: one('Left the programme'),
    handler: async ({ c, ctx, params, body }) => {
      const startup = await exitStartup(ctx, params.id, body);
      return reply(c, startup, 200, startup.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/co-founders',
    operationId: 'addCoFounder',
    summary: 'Record a partner of the business as a co-founder (officer); co-founders may claim for it, once per business',
    tags,
    access: ['officer'],
    params,
    body: AddCoFounder,
    responses: one('The startup with its co-founders'),
    handler: async ({ c, ctx, params, body }) => {
      const startup = await addCoFounder(ctx, params.id, body);
      return reply(c, startup, 200, startup.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/job-reports',
    operationId: 'fileJobReport',
    summary: 'Report the jobs of a month (founder; one report per month; refused above the seats held + the margin)',
    tags,
    access: ['applicant'],
    params,
    body: FileJobReport,
    responses: { 201: { description: 'Filed', schema: JobReport } },
    handler: async ({ c, ctx, params, body }) => {
      const report = await fileJobReport(ctx, params.id, body, seatsHeldIn);
      return reply(c, report, 201, report.version);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/startups/{id}/job-reports/{month}',
    operationId: 'correctJobReport',
    summary: "Correct a month's job report (founder, If-Match) until the end of the month after next",
    tags,
    access: ['applicant'],
    params: monthParams,
    body: CorrectJobReport,
    ifMatch: true,
    responses: { 200: { description: 'Corrected', schema: JobReport } },
    handler: async ({ c, ctx, params, body, expectedVersion }) => {
      const report = await correctJobReport(ctx, params.id, params.month, body, expectedVersion, seatsHeldIn);
      return reply(c, report, 200, report.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/startups/{id}/job-reports/{month}/verification',
    operationId: 'verifyJobReport',
    summary: "Verify a month's job report against evidence (officer); only verified reports count in figures and minJobsReported",
    tags,
    access: ['officer'],
    params: monthParams,
    body: VerifyJobReport,
    responses: { 200: { description: 'Verified', schema: JobReport } },
    handler: async ({ c, ctx, params, body }) => {
      const report = await verifyJobReport(ctx, params.id, params.month, body);
      return reply(c, report, 200, report.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/startups/{id}/job-reports',
    operationId: 'listJobReports',
    summary: "A startup's job reports, newest month first",
    tags,
    access: 'signed-in',
    params,
    query: PageQuery,
    responses: { 200: { description: 'A page of job reports', schema: pageOf(JobReport) } },
    handler: async ({ c, ctx, params, query }) => reply(c, await listJobReports(ctx, params.id, query)),
  }),
];
