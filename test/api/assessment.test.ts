import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import type { Startup } from '../../shared/startups';
import { call, type As } from '../support/api';
import { testMentor } from '../support/mentors';
import { addUnit, allocate, approvedStartupRecord, communityWithManager } from '../support/spaces';

afterEach(() => useRealClock());

const officer: As = { role: 'officer', sub: 'officer-assessment' };
const auditor: As = { role: 'auditor', sub: 'auditor-assessment' };

/** The founder files a month's job report and an officer verifies it (only verified reports count). */
async function jobReportOf(startup: Startup, month: string, employees: number) {
  const founder: As = { role: 'applicant', sub: startup.founderUserId };
  const filed = await call('POST', `/v1/startups/${startup.id}/job-reports`, { as: founder, body: { month, employees, collegeGraduatesEmployed: 1 } });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  const verified = await call('POST', `/v1/startups/${startup.id}/job-reports/${month}/verification`, {
    as: officer,
    body: { evidenceReference: `社保参保人员清单 ${month}` },
  });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
}

describe('the assessment of an incubation base', () => {
  it('counts the year of a community and of the district from counters written with each change', async () => {
    // February 2031: the community opens with two desks; a startup that chose it moves into one for three months.
    useFixedClock('2031-02-10T02:00:00Z');
    const { community, manager } = await communityWithManager();
    const desk = await addUnit(community.id, manager, { kind: 'desk' });
    const spare = await addUnit(community.id, manager, { kind: 'desk' });
    const startup = await approvedStartupRecord({ preferredCommunityId: community.id });
    const late = await approvedStartupRecord({ preferredCommunityId: community.id });
    expect((await allocate(manager, { startupId: startup.id, unitId: desk.id, fromMonth: '2031-02', toMonth: '2031-04' })).status).toBe(201);
    expect((await call('POST', `/v1/startups/${late.id}/start`, { as: officer })).status).toBe(200);
    await testMentor();
    // March: the startup that moved in reports February's jobs, and an officer verifies the report against evidence.
    useFixedClock('2031-03-03T02:00:00Z');
    await jobReportOf(startup, '2031-02', 4);
    // A startup of another community reports too: the district counts it, this community does not.
    const other = (await communityWithManager()).community.id;
    const elsewhere = await approvedStartupRecord({ preferredCommunityId: other, status: 'incubating', incubationStart: '2031-01-01' });
    await jobReportOf(elsewhere, '2031-02', 7);
    // June: the spare desk goes into maintenance; the startup withdraws well within its term.
    useFixedClock('2031-06-10T02:00:00Z');
    const maintenance = await call('PATCH', `/v1/communities/${community.id}/units/${spare.id}`, {
      as: manager,
      body: { status: 'maintenance' },
      headers: { 'if-match': `"${spare.version}"` },
    });
    expect(maintenance.status, JSON.stringify(maintenance.body)).toBe(200);
    const exit = await call('POST', `/v1/startups/${startup.id}/exit`, { as: officer, body: { outcome: 'withdrawn', reason: '团队解散' } });
    expect(exit.status, JSON.stringify(exit.body)).toBe(200);

    const res = await call('GET', `/v1/reports/assessment?year=2031&communityId=${community.id}`, { as: auditor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [base, district] = res.body.scopes;
    expect(base).toEqual({
      communityId: community.id,
      startupsIncubated: 2,
      startupsLeft: 1,
      startupsSucceeded: 0,
      successRate: 0,
      startupsLeftOnTime: 1,
      onTimeExitRate: 1,
      unitMonthsOccupied: 3,
      // 2 desks at the end of February to May, 1 from June to December.
      unitMonthsAvailable: 2 * 4 + 7,
      spaceUtilisation: 0.2,
      jobsCreated: 4,
      eventsHeld: 0,
      mentors: null,
    });
    expect(district).toMatchObject({ communityId: null, startupsIncubated: 2, unitMonthsAvailable: 15, mentors: 1, jobsCreated: 4 + 7 });
    // The year before had nothing; the next starts with the units and mentors still there.
    const before = await call('GET', '/v1/reports/assessment?year=2030', { as: officer });
    expect(before.body.scopes).toHaveLength(1);
    expect(before.body.scopes[0]).toMatchObject({ startupsIncubated: 0, successRate: null, spaceUtilisation: null, mentors: 0 });
    const next = await call('GET', '/v1/reports/assessment?year=2032', { as: officer });
    expect(next.body.scopes[0]).toMatchObject({ unitMonthsAvailable: 12, mentors: 1, unitMonthsOccupied: 0, spaceUtilisation: 0 });
  });

  it('answers CSV, and refuses other roles and a malformed year', async () => {
    const csv = await call('GET', '/v1/reports/assessment?year=2031&format=csv', { as: officer });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('year,communityId,startupsIncubated');
    expect((await call('GET', '/v1/reports/assessment?year=2031', { as: { role: 'park_manager', sub: 'pm-assessment' } })).status).toBe(403);
    expect((await call('GET', '/v1/reports/assessment?year=31', { as: officer })).body.code).toBe('VALIDATION_FAILED');
  });
});
