import { describe, expect, it, vi } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { transact } from '../../shared/db/write';
import { countWrites } from '../../shared/reports/counters';
import { yuan } from '../../shared/reports/service';
import { call } from '../support/api';

const officer = { role: 'officer' as const };

// Counts as the modules write them, inside their own transactions (here written directly).
async function count(month: string, counts: Parameters<typeof countWrites>[1], communityId?: string) {
  await transact(countWrites(month, counts, communityId));
}

async function jobReport(startupId: string, month: string, employees: number, collegeGraduatesEmployed: number) {
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        pk: `STARTUP#${startupId}`,
        sk: `JOBS#${month}`,
        entity: 'jobReport',
        startupId,
        month,
        employees,
        collegeGraduatesEmployed,
        gsi3pk: `JOB_REPORTS#${month}`,
        gsi3sk: startupId,
      },
    }),
  );
}

describe('the summary report', () => {
  it('adds up the months of the period and nothing outside it', async () => {
    await count('2030-01', {
      applications_submitted: 3,
      applications_submitted__college_graduate: 2,
      applications_submitted__veteran: 1,
      paid_fen: 1_000_000,
      paid_fen__entity_subsidy: 1_000_000,
      payments: 1,
      payments__entity_subsidy: 1,
    });
    await count('2030-02', {
      applications_submitted: 1,
      applications_submitted__college_graduate: 1,
      sessions: 2,
      session_minutes: 150,
      session_ratings: 2,
      session_rating_sum: 9,
      reversed_fen: 50,
      reversed_fen__entity_subsidy: 50,
    });
    await count('2030-03', { applications_submitted: 100 }); // outside the period
    const res = await call('GET', '/v1/reports/summary?from=2030-01&to=2030-02', { as: officer });
    expect(res.status).toBe(200);
    expect(res.body.applications.submitted).toBe(4);
    expect(res.body.applications.submittedByCategory).toEqual({ college_graduate: 3, veteran: 1 });
    expect(res.body.mentoring).toEqual({ sessions: 2, hours: 2.5, averageRating: 4.5 });
    expect(res.body.money.byKind.entity_subsidy).toEqual({
      paid: { fen: 1_000_000, yuan: '10000.00' },
      reversed: { fen: 50, yuan: '0.50' },
      net: { fen: 999_950, yuan: '9999.50' },
      payments: 1,
    });
  });

  it("counts each startup's latest job report in the period", async () => {
    await jobReport('stp_A', '2031-01', 3, 1);
    await jobReport('stp_A', '2031-03', 5, 2);
    await jobReport('stp_B', '2031-02', 4, 4);
    await jobReport('stp_B', '2031-05', 9, 9); // after the period
    const res = await call('GET', '/v1/reports/summary?from=2031-01&to=2031-04', { as: officer });
    expect(res.body.jobs).toEqual({ created: 9, collegeGraduates: 6, startupsReporting: 2 });
  });

  it("reads a community's own counters when asked for one", async () => {
    await count('2032-01', { unit_months_occupied: 7 }, 'com_X');
    await count('2032-01', { unit_months_occupied: 2 }, 'com_Y');
    const x = await call('GET', '/v1/reports/summary?from=2032-01&to=2032-01&communityId=com_X', { as: officer });
    const all = await call('GET', '/v1/reports/summary?from=2032-01&to=2032-01', { as: officer });
    expect(x.body.space.unitMonthsOccupied).toBe(7);
    expect(all.body.space.unitMonthsOccupied).toBe(9);
  });

  it('is CSV with a header row on request', async () => {
    await count('2033-01', { events_held: 2, events_held__roadshow: 2 });
    for (const init of [
      { path: '/v1/reports/summary?from=2033-01&to=2033-01&format=csv' },
      { path: '/v1/reports/summary?from=2033-01&to=2033-01', headers: { accept: 'text/csv' } },
    ]) {
      const res = await call('GET', init.path, { as: officer, headers: init.headers });
      expect(res.headers.get('content-type')).toContain('text/csv');
      const lines = (res.body as string).replace(/\r\n$/, '').split('\r\n');
      expect(lines[0]).toBe('\uFEFFperiod_from,period_to,community_id,section,metric,dimension,value');
      expect(lines).toContain('2033-01,2033-01,,events,heldByKind,roadshow,2');
    }
  });

  it('costs one read per month, however much history there is', async () => {
    for (let m = 1; m <= 12; m++) await count(`2034-${String(m).padStart(2, '0')}`, { sessions: 1 });
    const send = vi.spyOn(db, 'send');
    const res = await call('GET', '/v1/reports/summary?from=2034-01&to=2034-12', { as: officer });
    expect(res.body.mentoring.sessions).toBe(12);
    const commands = send.mock.calls.map(([command]) => command.constructor.name);
    send.mockRestore();
    // One Query for the counters of all 12 months, one per month for the job reports.
    expect(commands.filter((name) => name === 'QueryCommand')).toHaveLength(13);
    expect(commands.some((name) => name === 'ScanCommand')).toBe(false);
  });

  it('rejects a period that ends before it starts', async () => {
    expect((await call('GET', '/v1/reports/summary?from=2030-05&to=2030-01', { as: officer })).status).toBe(400);
  });

  it('is not for applicants or mentors', async () => {
    expect((await call('GET', '/v1/reports/summary?from=2030-01&to=2030-01', { as: { role: 'applicant' } })).status).toBe(403);
  });
});

describe('public statistics', () => {
  it("show a year's headline figures without login", async () => {
    await count('2035-03', { startups_approved: 4, founders_supported: 2, paid_fen: 2_000_000, paid_fen__entity_subsidy: 2_000_000 });
    const res = await call('GET', '/v1/public/stats?year=2035');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: 2035,
      startupsApproved: 4,
      foundersSupported: 2,
      subsidiesPaid: { entity_subsidy: { fen: 2_000_000, yuan: '20000.00' } },
    });
    // Month by month for the home page's charts: twelve months, the figures in their own month.
    expect(res.body.months.map((m: { month: string }) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2035-${String(i + 1).padStart(2, '0')}`));
    expect(res.body.months[2]).toEqual({ month: '2035-03', startupsApproved: 4, foundersSupported: 2, subsidiesPaid: { fen: 2_000_000, yuan: '20000.00' } });
    expect(res.body.months[3]).toMatchObject({ startupsApproved: 0, subsidiesPaid: { fen: 0 } });
  });
});

describe('yuan', () => {
  it('formats fen exactly', () => {
    expect(yuan(0)).toBe('0.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(37_000_000)).toBe('370000.00');
    expect(yuan(-1234)).toBe('-12.34');
  });
});

describe('the monthly series', () => {
  it('gives each month of the period its own figures, empty months as zeros, and nothing outside it', async () => {
    await count('2034-01', { paid_fen: 500_000, reversed_fen: 20_000, unit_months_occupied: 4, founders_supported: 1, applications_submitted: 2 });
    await count('2034-03', { paid_fen: 100, startups_approved: 3 });
    await count('2034-04', { paid_fen: 999_999 }); // outside the period
    await jobReport('monthly-a', '2034-01', 5, 2);
    await jobReport('monthly-b', '2034-01', 3, 0);
    await jobReport('monthly-a', '2034-03', 6, 2);
    const res = await call('GET', '/v1/reports/monthly?from=2034-01&to=2034-03', { as: { role: 'auditor' } });
    expect(res.status).toBe(200);
    expect(res.body.months.map((m: { month: string }) => m.month)).toEqual(['2034-01', '2034-02', '2034-03']);
    expect(res.body.months[0]).toEqual({
      month: '2034-01',
      subsidiesPaid: { fen: 480_000, yuan: '4800.00' },
      jobsCreated: 8,
      unitMonthsOccupied: 4,
      foundersSupported: 1,
      applicationsSubmitted: 2,
      startupsApproved: 0,
    });
    expect(res.body.months[1]).toMatchObject({ subsidiesPaid: { fen: 0 }, jobsCreated: 0, startupsApproved: 0 });
    expect(res.body.months[2]).toMatchObject({ subsidiesPaid: { fen: 100 }, jobsCreated: 6, startupsApproved: 3 });
  });

  it('counts one community alone, and says jobs are not known per community', async () => {
    await count('2034-06', { unit_months_occupied: 2 }, 'community-monthly');
    await count('2034-06', { unit_months_occupied: 9 });
    const res = await call('GET', '/v1/reports/monthly?from=2034-06&to=2034-06&communityId=community-monthly', { as: officer });
    expect(res.body.communityId).toBe('community-monthly');
    expect(res.body.months[0]).toMatchObject({ unitMonthsOccupied: 2, jobsCreated: null });
  });

  it('answers CSV with a header row and a line per month', async () => {
    await count('2034-08', { paid_fen: 12_345 });
    const res = await call('GET', '/v1/reports/monthly?from=2034-08&to=2034-09&format=csv', { as: officer });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = String(res.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'month,community_id,subsidies_paid_yuan,jobs_created,unit_months_occupied,founders_supported,applications_submitted,startups_approved',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['2034-08,,123.45', '2034-09,,0.00']);
  });

  it('refuses a period over 36 months or backwards, and anyone but officers and auditors', async () => {
    for (const query of ['from=2030-01&to=2033-01', 'from=2030-05&to=2030-04']) {
      const res = await call('GET', `/v1/reports/monthly?${query}`, { as: officer });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    for (const role of ['applicant', 'mentor', 'finance', 'park_manager'] as const) {
      expect((await call('GET', '/v1/reports/monthly?from=2030-01&to=2030-02', { as: { role } })).status).toBe(403);
    }
  });
});
