import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { call, uniqueSub, type As } from '../support/api';
import { approvedStartup, registeredApplicant, submittedApplication } from '../support/startups';

const todo = (as: As) => call('GET', '/v1/applicants/me/todo', { as });

afterEach(() => useRealClock());

describe("the founder's to-do list (GET /v1/applicants/me/todo)", () => {
  it('asks someone new for the profile first, and nothing else', async () => {
    const res = await todo({ role: 'applicant', sub: uniqueSub('todo-new') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ profile: false, application: null, startup: null, jobReportDue: null, sessionsToConfirm: 0, claimsToCorrect: [] });
  });

  it("follows the application, and only the caller's own", async () => {
    const founder = await registeredApplicant();
    expect((await todo(founder)).body).toMatchObject({ profile: true, application: null, startup: null });
    const submitted = await submittedApplication(founder);
    expect((await todo(founder)).body.application).toEqual({ id: submitted.id, status: 'submitted' });
    // Someone else's application is not on another founder's list.
    const other = await registeredApplicant();
    expect((await todo(other)).body.application).toBeNull();
  });

  it("names this month's job report (Beijing time) while it is missing, and drops it once filed", async () => {
    useFixedClock('2027-01-10T02:00:00Z');
    const { startup, founder } = await approvedStartup({ incubating: true });
    // 31 January 16:30 UTC is 1 February in Beijing: February's report is the one due.
    useFixedClock('2027-01-31T16:30:00Z');
    const due = await todo(founder);
    expect(due.body).toMatchObject({ startup: { id: startup.id, status: 'incubating' }, jobReportDue: '2027-02', sessionsToConfirm: 0 });
    const filed = await call('POST', `/v1/startups/${startup.id}/job-reports`, {
      as: founder,
      body: { month: '2027-02', employees: 3, collegeGraduatesEmployed: 1 },
    });
    expect(filed.status).toBe(201);
    expect((await todo(founder)).body.jobReportDue).toBeNull();
  });

  it('is for applicants: staff are refused', async () => {
    const res = await todo({ role: 'officer', sub: 'officer-todo' });
    expect(res.status).toBe(403);
  });
});
