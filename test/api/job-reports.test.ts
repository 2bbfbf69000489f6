import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { listJobReportsOfMonth } from '../../shared/startups/repository';
import { call, type As } from '../support/api';
import { addUnit, allocate, approvedStartupRecord, communityWithManager } from '../support/spaces';
import { approvedStartup, officer, registeredApplicant } from '../support/startups';

const report = (month: string, extra: Record<string, unknown> = {}) => ({ month, employees: 6, collegeGraduatesEmployed: 2, ...extra });
const file = (startupId: string, as: As, body: unknown) => call('POST', `/v1/startups/${startupId}/job-reports`, { as, body });
const verify = (startupId: string, month: string) =>
  call('POST', `/v1/startups/${startupId}/job-reports/${month}/verification`, { as: officer, body: { evidenceReference: `社保参保人员清单 ${month}` } });
const correct = (startupId: string, month: string, as: As, body: unknown, etag?: string) =>
  call('PATCH', `/v1/startups/${startupId}/job-reports/${month}`, { as, body, headers: etag ? { 'if-match': etag } : {} });

afterEach(() => useRealClock());

/** An incubating startup that started on 10 January 2027. */
async function incubatingSince2027() {
  useFixedClock('2027-01-10T02:00:00Z');
  return approvedStartup({ incubating: true });
}

describe('filing job reports', () => {
  it('takes one report per month from the founder', async () => {
    const { startup, founder } = await incubatingSince2027();
    useFixedClock('2027-02-03T02:00:00Z');
    const res = await file(startup.id, founder, report('2027-01', { revenueFen: 1_250_000 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      startupId: startup.id,
      month: '2027-01',
      employees: 6,
      collegeGraduatesEmployed: 2,
      revenueFen: 1_250_000,
      reportedBy: founder.sub,
    });
    expect(res.headers.get('etag')).toBe('"1"');
    const again = await file(startup.id, founder, report('2027-01', { employees: 7 }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('JOB_REPORT_EXISTS');
    expect((await file(startup.id, founder, report('2027-02'))).status).toBe(201);
  });

  it('records one report when the founder sends the same month 50 times at once', async () => {
    const { startup, founder } = await incubatingSince2027();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => file(startup.id, founder, report('2027-01', { employees: 2 + (i % 8) }))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    const list = await call('GET', `/v1/startups/${startup.id}/job-reports`, { as: officer });
    expect(list.body.items).toHaveLength(1);
  });

  it('refuses a month in the future or before incubation began', async () => {
    const { startup, founder } = await incubatingSince2027();
    const future = await file(startup.id, founder, report('2027-02'));
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('MONTH_IN_FUTURE');
    const before = await file(startup.id, founder, report('2026-12'));
    expect(before.status).toBe(422);
    expect(before.body.code).toBe('MONTH_BEFORE_INCUBATION');
    expect((await file(startup.id, founder, report('2027-01'))).status).toBe(201);
  });

  it('checks the figures', async () => {
    const { startup, founder } = await incubatingSince2027();
    for (const bad of [
      report('2027-1'),
      report('2027-13'),
      report('2027-01', { collegeGraduatesEmployed: 7 }),
      report('2027-01', { employees: -1 }),
      report('2027-01', { revenueFen: 1.5 }),
    ]) {
      expect((await file(startup.id, founder, bad)).status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('is for the founder of an incubating startup only', async () => {
    const { startup, founder } = await incubatingSince2027();
    expect((await file(startup.id, officer, report('2027-01'))).status).toBe(403);
    expect((await file(startup.id, await registeredApplicant(), report('2027-01'))).status).toBe(404);
    const notYet = await approvedStartup();
    const res = await file(notYet.startup.id, notYet.founder, report('2027-01'));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('STARTUP_NOT_INCUBATING');
    expect((await file(startup.id, founder, report('2027-01'))).status).toBe(201);
  });
});

describe('correcting job reports', () => {
  it('needs If-Match and accepts corrections until the end of the month after next', async () => {
    const { startup, founder } = await incubatingSince2027();
    const filed = await file(startup.id, founder, report('2027-01'));
    expect((await correct(startup.id, '2027-01', founder, { employees: 8 })).status).toBe(428);
    useFixedClock('2027-03-31T15:59:59Z'); // 23:59:59 on 31 March in Beijing
    const ok = await correct(startup.id, '2027-01', founder, { employees: 8, revenueFen: null }, filed.headers.get('etag')!);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ employees: 8, version: 2 });
    expect((await correct(startup.id, '2027-01', founder, { employees: 9 }, filed.headers.get('etag')!)).status).toBe(412);
    useFixedClock('2027-03-31T16:00:00Z'); // 1 April in Beijing
    const late = await correct(startup.id, '2027-01', founder, { employees: 9 }, '"2"');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('CORRECTION_WINDOW_CLOSED');
  });

  it('keeps the figures consistent and is for the founder only', async () => {
    const { startup, founder } = await incubatingSince2027();
    await file(startup.id, founder, report('2027-01'));
    expect((await correct(startup.id, '2027-01', founder, { employees: 1 }, '"1"')).body.code).toBe('INCONSISTENT_REPORT');
    expect((await correct(startup.id, '2027-01', await registeredApplicant(), { employees: 9 }, '"1"')).status).toBe(404);
    expect((await correct(startup.id, '2027-01', officer, { employees: 9 }, '"1"')).status).toBe(403);
    expect((await correct(startup.id, '2026-11', founder, { employees: 9 }, '"1"')).status).toBe(404);
  });
});

describe('reading job reports', () => {
  it('lists a startup’s reports newest first to whoever may read the startup', async () => {
    const { startup, founder } = await incubatingSince2027();
    useFixedClock('2027-03-15T02:00:00Z');
    for (const month of ['2027-01', '2027-02', '2027-03']) await file(startup.id, founder, report(month));
    const list = await call('GET', `/v1/startups/${startup.id}/job-reports`, { as: founder });
    expect(list.body.items.map((r: { month: string }) => r.month)).toEqual(['2027-03', '2027-02', '2027-01']);
    expect((await call('GET', `/v1/startups/${startup.id}/job-reports`, { as: { role: 'auditor' } })).status).toBe(200);
    expect((await call('GET', `/v1/startups/${startup.id}/job-reports`, { as: await registeredApplicant() })).status).toBe(404);
  });

  it("gives the reports module every startup's verified report of a month in one query, and none on the founder's word alone", async () => {
    const a = await incubatingSince2027();
    const b = await approvedStartup({ incubating: true });
    useFixedClock('2027-05-02T02:00:00Z');
    await file(a.startup.id, a.founder, report('2027-04', { employees: 3, collegeGraduatesEmployed: 1 }));
    await file(b.startup.id, b.founder, report('2027-04', { employees: 5, collegeGraduatesEmployed: 4 }));
    await file(b.startup.id, b.founder, report('2027-03'));
    const ours = async () => (await listJobReportsOfMonth('2027-04', { limit: 100 })).items.filter((r) => [a.startup.id, b.startup.id].includes(r.startupId));
    expect(await ours()).toEqual([]);
    expect((await verify(a.startup.id, '2027-04')).status).toBe(200);
    expect((await verify(b.startup.id, '2027-04')).status).toBe(200);
    expect((await ours()).map((r) => r.employees).sort()).toEqual([3, 5]);
    const month = await listJobReportsOfMonth('2027-04', { limit: 100 });
    expect(month.items.every((r) => r.month === '2027-04' && r.status === 'verified')).toBe(true);
  });
});

describe('verifying job reports', () => {
  it('is an officer’s, with an evidence reference, once; a correction needs verifying again', async () => {
    const { startup, founder } = await incubatingSince2027();
    useFixedClock('2027-02-03T02:00:00Z');
    await file(startup.id, founder, report('2027-01'));
    expect(
      (await call('POST', `/v1/startups/${startup.id}/job-reports/2027-01/verification`, { as: founder, body: { evidenceReference: '自己说的' } })).status,
    ).toBe(403);
    expect((await call('POST', `/v1/startups/${startup.id}/job-reports/2027-01/verification`, { as: officer, body: {} })).status).toBe(400);
    const verified = await verify(startup.id, '2027-01');
    expect(verified.body).toMatchObject({ status: 'verified', evidenceReference: '社保参保人员清单 2027-01', verifiedBy: officer.sub });
    expect((await verify(startup.id, '2027-01')).body.code).toBe('JOB_REPORT_VERIFIED');
    const corrected = await correct(startup.id, '2027-01', founder, { employees: 7 }, verified.headers.get('etag')!);
    expect(corrected.body).toMatchObject({ status: 'reported', employees: 7 });
    expect(corrected.body.evidenceReference).toBeUndefined();
    expect((await listJobReportsOfMonth('2027-01', { limit: 100 })).items.map((r) => r.startupId)).not.toContain(startup.id);
  });

  it('is refused to an officer who founded the startup', async () => {
    const { startup, founder } = await incubatingSince2027();
    useFixedClock('2027-02-03T02:00:00Z');
    await file(startup.id, founder, report('2027-01'));
    const both = { ...founder, roles: ['applicant' as const, 'officer' as const] };
    const own = await call('POST', `/v1/startups/${startup.id}/job-reports/2027-01/verification`, {
      as: { ...both, role: 'officer' },
      body: { evidenceReference: '社保清单' },
    });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('OWN_RECORD');
  });
});

describe('implausible job reports', () => {
  it('refuses more employees than the seats held that month plus the margin of 10', async () => {
    useFixedClock('2027-01-10T02:00:00Z');
    const { community, manager } = await communityWithManager();
    const office = await addUnit(community.id, manager, { kind: 'office', seats: 4 });
    const startup = await approvedStartupRecord({ space: { kind: 'office', count: 1 } });
    expect((await allocate(manager, { startupId: startup.id, unitId: office.id, fromMonth: '2027-01', toMonth: '2027-06' })).status).toBe(201);
    const founder = { role: 'applicant' as const, sub: startup.founderUserId };
    useFixedClock('2027-03-03T02:00:00Z');
    const tooMany = await file(startup.id, founder, report('2027-01', { employees: 15, collegeGraduatesEmployed: 1 }));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({ code: 'IMPLAUSIBLE_JOB_REPORT', seatsHeld: 4, margin: 10, most: 14 });
    expect((await file(startup.id, founder, report('2027-01', { employees: 14, collegeGraduatesEmployed: 1 }))).status).toBe(201);
    expect((await correct(startup.id, '2027-01', founder, { employees: 15 }, '"1"')).body.code).toBe('IMPLAUSIBLE_JOB_REPORT');
  });
});
