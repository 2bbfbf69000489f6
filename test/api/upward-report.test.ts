import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { withCreditCheckCharacter } from '../../shared/startups/credit-code';
import { call, type As } from '../support/api';
import { issuedLoan, YUAN } from '../support/loan-desk';
import { testMentor } from '../support/mentors';
import { approvedStartupRecord, communityWithManager } from '../support/spaces';
import { officer, openProgramme, paidClaim, registeredApplicant, startupOf } from '../support/subsidies';

afterEach(() => useRealClock());

const auditor: As = { role: 'auditor', sub: 'auditor-upward' };
type Line = { indicator: string; dimension: string | null; period: number; yearToDate: number };
const lineOf = (lines: Line[], indicator: string, dimension: string | null = null) => lines.find((l) => l.indicator === indicator && l.dimension === dimension);

describe('the upward report', () => {
  it('gives the period (本期) and the year to date (累计) from counters written with each change', async () => {
    const programme = await openProgramme({ opensOn: '2031-01-01', closesOn: '2031-12-31' });
    useFixedClock('2031-06-02T02:00:00Z');
    await paidClaim(programme.id); // paid in June, after its disclosure
    useFixedClock('2031-07-07T02:00:00Z');
    await paidClaim(programme.id); // paid in July
    // July: a veteran's startup graduates as a registered business, a community opens, a mentor joins.
    const veteran = await registeredApplicant({ category: 'veteran' });
    const startup = await startupOf(veteran);
    const graduated = await call('POST', `/v1/startups/${startup.id}/graduate`, {
      as: officer,
      body: { creditCode: withCreditCheckCharacter('91510100MA6UPW001'), reason: '注册为有限公司' },
    });
    expect(graduated.status, JSON.stringify(graduated.body)).toBe(200);
    await communityWithManager();
    await testMentor();

    const res = await call('GET', '/v1/reports/upward?from=2031-07&to=2031-07', { as: auditor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.yearToDate).toEqual({ from: '2031-01', to: '2031-07' });
    const lines: Line[] = res.body.lines;
    expect(lineOf(lines, 'subsidies_paid', 'one_off_startup_subsidy')).toMatchObject({ period: 1_000_000, yearToDate: 2_000_000 });
    expect(lineOf(lines, 'founders_supported')).toMatchObject({ period: 1, yearToDate: 1 });
    expect(lineOf(lines, 'founders_supported', 'veteran')).toMatchObject({ period: 1, yearToDate: 1 });
    expect(lineOf(lines, 'founders_supported', 'college_graduate')).toMatchObject({ period: 0, yearToDate: 0 });
    expect(lineOf(lines, 'incubation_carriers')).toMatchObject({ period: 1, yearToDate: 1 });
    expect(lineOf(lines, 'mentors')).toMatchObject({ period: 1 });
    expect(lineOf(lines, 'loans_issued')).toMatchObject({ period: 0, yearToDate: 0 });

    const june = await call('GET', '/v1/reports/upward?from=2031-06&to=2031-06&format=csv', { as: auditor });
    expect(june.status).toBe(200);
    expect(june.body).toContain('2031-06,2031-06,subsidies_paid,one_off_startup_subsidy,fen,1000000,1000000');
  });

  it('refuses a period over 12 months, a community and other roles', async () => {
    expect((await call('GET', '/v1/reports/upward?from=2030-01&to=2031-06', { as: auditor })).body.code).toBe('VALIDATION_FAILED');
    const community = await call('GET', '/v1/reports/upward?from=2031-01&to=2031-06&communityId=cmt_x', { as: auditor });
    expect(community.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await call('GET', '/v1/reports/upward?from=2031-01&to=2031-06', { as: { role: 'finance', sub: 'finance-upward' } })).status).toBe(403);
  });
});

describe('the upward report’s loans and training', () => {
  it('counts the loan desk’s issued loans and training completions (人次) by course type', async () => {
    await issuedLoan(await registeredApplicant(), { startDate: '2032-03-05', principalFen: 200_000 * YUAN });
    const institution = (
      await call('POST', '/v1/training/institutions', { as: officer, body: { name: '成都创业培训学校', listingReference: '川人社认字2025-017' } })
    ).body;
    const course = (await call('POST', '/v1/training/courses', { as: officer, body: { type: 'gyb', title: 'GYB 产生你的企业想法', hours: 24 } })).body;
    const klass = (
      await call('POST', '/v1/training/classes', {
        as: officer,
        body: {
          courseId: course.id,
          institutionId: institution.id,
          startsOn: '2032-02-20',
          endsOn: '2032-02-28',
          venue: '天府新区创业服务中心',
          capacity: 5,
          approvalReference: '天府人社培2032-02',
        },
      })
    ).body;
    const trainee = await registeredApplicant();
    await call('POST', `/v1/training/classes/${klass.id}/enrolments`, { as: trainee.as, body: {} });
    const done = await call('POST', `/v1/training/classes/${klass.id}/enrolments/${trainee.applicantId}/completion`, {
      as: officer,
      body: { certificateNumber: `GYB-2032-${klass.id.slice(-8)}`, certifiedOn: '2032-03-01' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const res = await call('GET', '/v1/reports/upward?from=2032-03&to=2032-03', { as: auditor });
    const lines: Line[] = res.body.lines;
    expect(lineOf(lines, 'loans_issued')).toMatchObject({ period: 1, yearToDate: 1 });
    expect(lineOf(lines, 'loans_amount')).toMatchObject({ period: 200_000 * YUAN });
    expect(lineOf(lines, 'training_completions')).toMatchObject({ period: 1, yearToDate: 1 });
    expect(lineOf(lines, 'training_completions', 'gyb')).toMatchObject({ period: 1, yearToDate: 1 });
  });

  it('splits the jobs created by group: the groups a verified report names, the rest of its employees as others', async () => {
    useFixedClock('2034-05-03T02:00:00Z');
    const startup = await approvedStartupRecord({ status: 'incubating', incubationStart: '2034-01-01' });
    const founder: As = { role: 'applicant', sub: startup.founderUserId };
    const file = (body: Record<string, number | string>) => call('POST', `/v1/startups/${startup.id}/job-reports`, { as: founder, body });
    const groups = { collegeGraduatesEmployed: 2, returningMigrantWorkersEmployed: 3, veteransEmployed: 1, employmentDifficultyEmployed: 1 };
    // The groups together may not exceed the employees.
    const over = await file({ month: '2034-04', employees: 6, ...groups });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].field).toBe('body.employees');
    expect((await file({ month: '2034-04', employees: 10, ...groups })).status).toBe(201);
    const verified = await call('POST', `/v1/startups/${startup.id}/job-reports/2034-04/verification`, {
      as: officer,
      body: { evidenceReference: '社保参保人员清单 2034-04' },
    });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const lines: Line[] = (await call('GET', '/v1/reports/upward?from=2034-04&to=2034-04', { as: auditor })).body.lines;
    expect(lineOf(lines, 'jobs_created')).toMatchObject({ period: 10, yearToDate: 10 });
    const byGroup = Object.fromEntries(
      ['college_graduate', 'returning_migrant_worker', 'veteran', 'employment_difficulty', 'other'].map((g) => [g, lineOf(lines, 'jobs_created', g)?.period]),
    );
    expect(byGroup).toEqual({ college_graduate: 2, returning_migrant_worker: 3, veteran: 1, employment_difficulty: 1, other: 3 });
  });
});
