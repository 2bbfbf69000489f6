import * as z from 'zod';
import { getMyApplicant } from '../../../shared/applicants';
import { ApplicationStatus, listApplications } from '../../../shared/applications';
import { ClaimStatus, listClaims } from '../../../shared/claims';
import { Month, monthOf } from '../../../shared/clock';
import { NotFoundError } from '../../../shared/errors';
import { defineRoute, reply } from '../../../shared/http/route';
import { Id } from '../../../shared/ids';
import { sessionsOfStartup } from '../../../shared/mentors';
import { listJobReports, listStartups, StartupStatus } from '../../../shared/startups';

/** What the founder should do next, in one answer: the console's home renders it with one request. */
const FounderTodo = z
  .object({
    profile: z.boolean().meta({ description: 'The real-name profile is registered (nothing else is possible before)' }),
    application: z
      .object({ id: Id('app'), status: ApplicationStatus })
      .nullable()
      .meta({ description: 'The current application, if any' }),
    startup: z.object({ id: Id('stp'), status: StartupStatus }).nullable(),
    jobReportDue: Month.nullable().meta({ description: 'This month (Beijing time), when an incubating startup has not reported its jobs for it' }),
    sessionsToConfirm: z.number().int().meta({ description: 'Mentoring sessions of the startup not yet confirmed by the founder (of the newest 50)' }),
    claimsToCorrect: z.array(z.object({ id: Id('clm'), programmeName: z.string(), status: ClaimStatus })).meta({
      description: 'Claims rejected or whose payment failed (of the newest 50)',
    }),
  })
  .meta({ id: 'FounderTodo' });
type FounderTodo = z.infer<typeof FounderTodo>;

const NOTHING: Omit<FounderTodo, 'profile'> = { application: null, startup: null, jobReportDue: null, sessionsToConfirm: 0, claimsToCorrect: [] };

export const founderTodoRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/applicants/me/todo',
    operationId: 'getMyTodo',
    summary: "Your to-do list: the profile, the application, this month's job report, sessions to confirm, claims to correct",
    tags: ['Applicants'],
    access: ['applicant'],
    responses: { 200: { description: 'What to do next', schema: FounderTodo } },
    handler: async ({ c, ctx }) => {
      // The reads that do not depend on each other go together; a founder's own records only.
      const [profile, applications, startups, claims] = await Promise.all([
        getMyApplicant(ctx).catch((error: unknown) => (error instanceof NotFoundError ? undefined : Promise.reject(error))),
        listApplications(ctx, { mine: true }, { limit: 10 }),
        listStartups(ctx, { mine: true }, { limit: 1 }),
        listClaims(ctx, { mine: true }, { limit: 50 }),
      ]);
      if (!profile) return reply(c, { profile: false, ...NOTHING } satisfies FounderTodo);
      const active = applications.items.find((a) => a.status !== 'withdrawn' && a.status !== 'rejected');
      const startup = startups.items[0];
      let jobReportDue: string | null = null;
      let sessionsToConfirm = 0;
      if (startup?.status === 'incubating') {
        const current = monthOf(ctx.now);
        const [reports, sessions] = await Promise.all([listJobReports(ctx, startup.id, { limit: 1 }), sessionsOfStartup(ctx, startup.id, { limit: 50 })]);
        if (reports.items[0]?.month !== current) jobReportDue = current;
        sessionsToConfirm = sessions.items.filter((s) => !s.confirmation).length;
      }
      const todo: FounderTodo = {
        profile: true,
        application: active ? { id: active.id, status: active.status } : null,
        startup: startup ? { id: startup.id, status: startup.status } : null,
        jobReportDue,
        sessionsToConfirm,
        claimsToCorrect: claims.items
          .filter((claim) => claim.status === 'payment_failed' || claim.status === 'rejected')
          .map((claim) => ({ id: claim.id, programmeName: claim.programmeName, status: claim.status })),
      };
      return reply(c, todo);
    },
  }),
];
