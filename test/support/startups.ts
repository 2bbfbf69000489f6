import type { Application, ApplicationView, CreateApplication } from '../../shared/applications/schema';
import type { RegisterApplicant } from '../../shared/applicants/schema';
import type { Startup } from '../../shared/startups/schema';
import { call, uniqueSub, type Answer, type As } from './api';
import { applicantInput } from './factories';
import { staffMember } from './staff';

export const officer: As = { role: 'officer', sub: 'officer-startups' };

/** A complete application body that passes submission. */
export function applicationInput(overrides: Partial<CreateApplication> = {}): CreateApplication {
  return {
    projectName: '社区养老服务站',
    summary: 'Home-care services for elderly residents of the youth community.',
    sector: 'elderly_care_home_services',
    team: [
      { name: '李明', role: 'founder', isCollegeGraduate: true },
      { name: '王芳', role: 'operations', isCollegeGraduate: false },
    ],
    plannedJobs: 5,
    space: { kind: 'desk', count: 2 },
    businessPlan: 'Serve 200 households in year one; break even in month 14.',
    ...overrides,
  };
}

function expectStatus(res: Answer, status: number, step: string): void {
  if (res.status !== status) throw new Error(`${step}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

/** A signed-in applicant with a registered profile. */
export async function registeredApplicant(profile: Partial<RegisterApplicant> = {}): Promise<As> {
  const founder: As = { role: 'applicant', sub: uniqueSub('founder') };
  expectStatus(await call('POST', '/v1/applicants', { as: founder, body: applicantInput(profile) }), 201, 'register applicant');
  return founder;
}

/** A draft and then a submitted application of `founder` (as the founder sees it). */
export async function submittedApplication(founder: As, input: Partial<CreateApplication> = {}): Promise<ApplicationView> {
  const draft = await call('POST', '/v1/applications', { as: founder, body: applicationInput(input) });
  expectStatus(draft, 201, 'create application');
  const submitted = await call('POST', `/v1/applications/${draft.body.id}/submit`, { as: founder });
  expectStatus(submitted, 200, 'submit application');
  return submitted.body;
}

/** Two reviewers (an officer and a mentor) assigned to the application; each has scored it. */
export async function reviewedApplication(id: string, marks = 7): Promise<{ reviewers: As[]; application: Application }> {
  const reviewers: As[] = [await staffMember('officer', 'reviewer-officer'), await staffMember('mentor', 'reviewer-mentor')];
  for (const reviewer of reviewers) {
    const res = await call('POST', `/v1/applications/${id}/reviewers`, { as: officer, body: { reviewerId: reviewer.sub } });
    expectStatus(res, 200, 'assign reviewer');
  }
  for (const reviewer of reviewers) {
    const score = { innovation: marks, feasibility: marks, team: marks, jobCreation: marks, socialValue: marks, comment: 'Sound plan.' };
    expectStatus(await call('POST', `/v1/applications/${id}/scores`, { as: reviewer, body: score }), 201, 'score');
  }
  const application = (await call('GET', `/v1/applications/${id}`, { as: officer })).body as Application;
  return { reviewers, application };
}

export interface ApprovedStartupOptions {
  /** Fields of the founder's applicant profile. */
  applicant?: Partial<RegisterApplicant>;
  /** Fields of the application. */
  application?: Partial<CreateApplication>;
  /** Also start incubation (approved → incubating). */
  incubating?: boolean;
}

/**
 * A startup made through the API as users would: register an applicant, create and submit an
 * application, assign two reviewers who score it, approve it (and, with `incubating`, start it).
 */
export async function approvedStartup(options: ApprovedStartupOptions = {}): Promise<{ startup: Startup; founder: As; application: Application }> {
  const founder = await registeredApplicant(options.applicant);
  const submitted = await submittedApplication(founder, options.application);
  await reviewedApplication(submitted.id);
  const decided = await call('POST', `/v1/applications/${submitted.id}/decision`, {
    as: officer,
    body: { decision: 'approve', reason: 'Meets every criterion.' },
  });
  expectStatus(decided, 200, 'approve');
  let startup = (await call('GET', `/v1/startups/${decided.body.startupId}`, { as: officer })).body as Startup;
  if (options.incubating) {
    const started = await call('POST', `/v1/startups/${startup.id}/start`, { as: officer });
    expectStatus(started, 200, 'start incubation');
    startup = started.body;
  }
  return { startup, founder, application: decided.body };
}
