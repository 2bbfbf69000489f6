import { afterEach, describe, expect, it } from 'vitest';
import { submitBusinessWrite } from '../../shared/businesses/repository';
import type { Business } from '../../shared/businesses/schema';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { transact } from '../../shared/db/write';
import { runJob } from '../../functions/schedules/jobs';
import { getOpenAlertId } from '../../shared/risk/repository';
import { isReviewOverdue } from '../../shared/startups/term';
import { call } from '../support/api';
import { businessRecord } from '../support/businesses';
import { startupRecord } from '../support/startup-record';
import { officer } from '../support/startups';
import { communityWithManager } from '../support/spaces';

afterEach(() => useRealClock());

const extend = (id: string, months: number) => call('POST', `/v1/startups/${id}/extension`, { as: officer, body: { months, reason: '项目处于融资关键期' } });
const job = (name: string, at: string) => runJob(name, { requestId: `test-${name}-${at}`, now: new Date(at) });

describe('the incubation term', () => {
  it('is extended once, with a reason, up to 36 months from the start', async () => {
    const startup = await startupRecord({ incubationStart: '2026-01-15', incubationEnd: '2028-01-15' });
    const res = await extend(startup.id, 12);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ incubationEnd: '2029-01-15', extension: { months: 12, previousEnd: '2028-01-15', by: officer.sub } });
    const again = await extend(startup.id, 1);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_EXTENDED');
  });

  it('refuses an extension one month past 36 months and takes the one that ends on it', async () => {
    const long = await startupRecord({ incubationStart: '2026-01-15', incubationEnd: '2028-07-15' });
    const tooLong = await extend(long.id, 7);
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatchObject({ code: 'TERM_TOO_LONG' });
    expect((await extend(long.id, 6)).body.incubationEnd).toBe('2029-01-15');
  });

  it('refuses an extension of a startup that has left, and an officer who founded it', async () => {
    const left = await startupRecord({ status: 'graduated' });
    expect((await extend(left.id, 3)).body.code).toBe('STARTUP_NOT_ACTIVE');
    const own = await startupRecord({ founderUserId: 'officer-own-term' });
    const res = await call('POST', `/v1/startups/${own.id}/extension`, {
      as: { role: 'officer', sub: 'officer-own-term' },
      body: { months: 3, reason: '自己延期' },
    });
    expect(res.status).toBe(403);
  });

  it("shows a community's park managers its startups past their term, from the day after the last day (Beijing time)", async () => {
    const { community, manager } = await communityWithManager();
    const past = await startupRecord({ incubationStart: '2019-06-01', incubationEnd: '2021-06-01', preferredCommunityId: community.id });
    await startupRecord({ incubationStart: '2019-06-02', incubationEnd: '2021-06-02', preferredCommunityId: community.id });
    await startupRecord({ status: 'graduated', incubationStart: '2019-05-01', incubationEnd: '2021-05-01', preferredCommunityId: community.id });
    const list = async () => (await call('GET', `/v1/communities/${community.id}/startups-past-term`, { as: manager })).body.items;
    useFixedClock('2021-06-01T15:59:00.000Z'); // 23:59 on the last day in Beijing
    expect(await list()).toEqual([]);
    useFixedClock('2021-06-01T16:00:00.000Z');
    expect(await list()).toEqual([
      { startupId: past.id, startupName: past.name, incubationStart: '2019-06-01', incubationEnd: '2021-06-01', extended: false, holdsSpaceHere: false },
    ]);
  });

  it('flag-past-term raises an alert the day after the last day (Beijing time), once', async () => {
    const startup = await startupRecord({ incubationStart: '2019-06-01', incubationEnd: '2021-06-01' });
    // 2021-06-01 23:59 in Beijing: still the last day.
    await job('flag-past-term', '2021-06-01T15:59:00.000Z');
    expect(await getOpenAlertId('past_incubation_term', startup.id)).toBeUndefined();
    await job('flag-past-term', '2021-06-01T16:20:00.000Z');
    const alertId = await getOpenAlertId('past_incubation_term', startup.id);
    expect(alertId).toBeDefined();
    await job('flag-past-term', '2021-06-02T16:20:00.000Z');
    expect(await getOpenAlertId('past_incubation_term', startup.id)).toBe(alertId);
    const alerts = await call('GET', '/v1/risk-alerts?status=open&rule=past_incubation_term&limit=100', { as: { role: 'auditor', sub: 'auditor-term' } });
    expect(alerts.body.items.filter((a: { subjectId: string }) => a.subjectId === startup.id)).toHaveLength(1);
  });

  it('does not flag an extended startup until its new last day has passed', async () => {
    const startup = await startupRecord({ incubationStart: '2019-03-01', incubationEnd: '2021-03-01' });
    useFixedClock('2021-02-20T02:00:00Z');
    expect((await extend(startup.id, 6)).body.incubationEnd).toBe('2021-09-01');
    await job('flag-past-term', '2021-03-02T16:20:00.000Z');
    expect(await getOpenAlertId('past_incubation_term', startup.id)).toBeUndefined();
    await job('flag-past-term', '2021-09-01T16:20:00.000Z');
    expect(await getOpenAlertId('past_incubation_term', startup.id)).toBeDefined();
  });
});

describe('the annual review', () => {
  it('is overdue the day after 12 months without one', () => {
    expect(isReviewOverdue({ incubationStart: '2026-01-10' }, '2027-01-10')).toBe(false);
    expect(isReviewOverdue({ incubationStart: '2026-01-10' }, '2027-01-11')).toBe(true);
    expect(isReviewOverdue({ incubationStart: '2026-01-10', lastReviewedOn: '2026-12-01' }, '2027-01-11')).toBe(false);
  });

  it('is recorded by an officer, moves the last review day, and the overdue job flags only unreviewed startups', async () => {
    const reviewed = await startupRecord({ incubationStart: '2018-04-10', incubationEnd: '2099-12-31' });
    const unreviewed = await startupRecord({ incubationStart: '2018-04-10', incubationEnd: '2099-12-31' });
    useFixedClock('2019-03-01T02:00:00Z');
    const body = { operatingStatus: 'normal', jobs: 4, revenueBand: 'under_100k', socialInsuranceEmployees: 3 };
    const res = await call('POST', `/v1/startups/${reviewed.id}/reviews`, { as: officer, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ reviewedOn: '2019-03-01', reviewedBy: officer.sub, jobs: 4 });
    expect((await call('GET', `/v1/startups/${reviewed.id}`, { as: officer })).body.lastReviewedOn).toBe('2019-03-01');
    const list = await call('GET', `/v1/startups/${reviewed.id}/reviews`, { as: officer });
    expect(list.body.items).toHaveLength(1);
    await job('flag-overdue-reviews', '2019-04-10T16:25:00.000Z');
    expect(await getOpenAlertId('review_overdue', unreviewed.id)).toBeDefined();
    expect(await getOpenAlertId('review_overdue', reviewed.id)).toBeUndefined();
  });
});

/** An active online shop, as stored: the business record every business test builds, with this shop's facts. */
function activeBusiness(startupId: string): Business {
  return businessRecord(startupId, {
    entityType: 'online_shop',
    name: '成功网店',
    registeredOn: '2025-01-05',
    legalRepresentative: { name: '某人', idNumberMasked: '110***********0011', applicantId: 'apl_01JD3Z7K8M9N0P1Q2R3S4T5V6W' },
    registeredAddress: { district: '天府新区', detail: '某路 1 号' },
    onlineShop: { platform: '淘宝', shopUrl: 'https://shop.example.com/s' },
    firstTimeFounder: undefined,
  });
}

describe('success as the policy defines it', () => {
  const success = (id: string, basis: string) =>
    call('POST', `/v1/startups/${id}/success`, { as: officer, body: { basis, evidenceReference: '营业执照与年度报告' } });

  it('takes a graduation only with an active business, and is recorded once', async () => {
    const graduated = await startupRecord({ status: 'graduated', leftAt: '2026-06-01T02:00:00.000Z' });
    const none = await success(graduated.id, 'graduated_with_active_business');
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('NOT_A_SUCCESS');
    await transact([submitBusinessWrite(activeBusiness(graduated.id), undefined)]);
    const ok = await success(graduated.id, 'graduated_with_active_business');
    expect(ok.status).toBe(200);
    expect(ok.body.success).toMatchObject({ basis: 'graduated_with_active_business', by: officer.sub });
    expect((await success(graduated.id, 'graduated_with_active_business')).body.code).toBe('SUCCESS_RECORDED');
  });

  it('refuses "operating a year after leaving" before the year is out, or with no inspection', async () => {
    const left = await startupRecord({ status: 'withdrawn', leftAt: '2025-12-01T02:00:00.000Z' });
    useFixedClock('2026-11-30T02:00:00Z');
    expect((await success(left.id, 'operating_one_year_after_leaving')).body.detail).toContain('2026-12-01');
    useFixedClock('2026-12-01T02:00:00Z');
    const noInspection = await success(left.id, 'operating_one_year_after_leaving');
    expect(noInspection.body.code).toBe('NOT_A_SUCCESS');
    expect(noInspection.body.detail).toContain('inspection');
  });
});
