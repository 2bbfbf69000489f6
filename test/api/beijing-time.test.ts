import { afterEach, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dayOf, monthOf, startOfDay, useFixedClock, useRealClock } from '../../shared/clock';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { call, uniqueSub } from '../support/api';
import { eventInput, officer as eventOfficer } from '../support/events';
import { sessionInput, testAssignment } from '../support/mentors';
import { addUnit, allocate, approvedStartupRecord, communityWithManager } from '../support/spaces';
import { applicantInput, idNumber } from '../support/factories';
import { applicationInput, approvedStartup } from '../support/startups';
import { approvedBatch, bankAccount, finance, idem, openProgramme, payableClaim, registeredApplicant } from '../support/subsidies';

/**
 * The centre works in Beijing time. 16:30 UTC on 30 June is already 00:30 on 1 July in Beijing;
 * 15:59 UTC is still 23:59 on 30 June. Every calendar rule must fall on the Beijing side.
 */
const JULY_1_IN_BEIJING = '2026-06-30T16:30:00Z';
const JUNE_30_IN_BEIJING = '2026-06-30T15:59:00Z';

afterEach(() => useRealClock());

describe('the centre’s calendar', () => {
  it('names the Beijing day and month of an instant', () => {
    expect(dayOf(new Date(JULY_1_IN_BEIJING))).toBe('2026-07-01');
    expect(monthOf(new Date(JULY_1_IN_BEIJING))).toBe('2026-07');
    expect(dayOf(new Date(JUNE_30_IN_BEIJING))).toBe('2026-06-30');
    expect(startOfDay('2026-07-01').toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });
});

describe('timestamps sent by clients', () => {
  it('stores an instant with an offset in UTC with milliseconds', async () => {
    const res = await call('POST', '/v1/events', {
      as: eventOfficer,
      body: eventInput({ startsAt: '2027-12-20T19:00:00+08:00', endsAt: '2027-12-20T21:30:00+08:00', registrationDeadline: '2027-12-19T12:00:00Z' }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      startsAt: '2027-12-20T11:00:00.000Z',
      endsAt: '2027-12-20T13:30:00.000Z',
      registrationDeadline: '2027-12-19T12:00:00.000Z',
    });
  });

  it('refuses a timestamp without an offset, and says so', async () => {
    const res = await call('POST', '/v1/events', { as: eventOfficer, body: eventInput({ startsAt: '2027-12-20T19:00:00' }) });
    expect(res.status).toBe(400);
    const error = res.body.errors.find((e: { field: string }) => e.field === 'body.startsAt');
    expect(error.message).toContain('offset');
    expect((await call('POST', '/v1/events', { as: eventOfficer, body: eventInput({ startsAt: '2027-02-30T10:00:00+08:00' }) })).status).toBe(400);
  });
});

describe('rules on the day and month, at the edge of the Beijing day', () => {
  it('takes a session dated 1 July at 00:30 Beijing time, not at 23:59 on 30 June', async () => {
    useFixedClock('2026-06-01T02:00:00Z');
    const { mentor, assignment } = await testAssignment();
    useFixedClock(JUNE_30_IN_BEIJING);
    const early = await call('POST', `/v1/assignments/${assignment.id}/sessions`, { as: mentor.as, body: sessionInput({ date: '2026-07-01' }) });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('SESSION_DATE_IN_FUTURE');
    useFixedClock(JULY_1_IN_BEIJING);
    const onTime = await call('POST', `/v1/assignments/${assignment.id}/sessions`, { as: mentor.as, body: sessionInput({ date: '2026-07-01' }) });
    expect(onTime.status).toBe(201);
  });

  it('opens a programme on its opensOn day in Beijing', async () => {
    const programme = await openProgramme({ opensOn: '2026-07-01', closesOn: '2026-07-31' });
    useFixedClock(JUNE_30_IN_BEIJING);
    const { as } = await registeredApplicant();
    const early = await call('POST', '/v1/claims', { as, body: { programmeId: programme.id, bankAccount } });
    expect(early.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'programmeOpen' });
    useFixedClock(JULY_1_IN_BEIJING);
    expect((await call('POST', '/v1/claims', { as, body: { programmeId: programme.id, bankAccount } })).status).toBe(201);
  });

  it('closes a programme at 24:00 Beijing time of its closesOn day', async () => {
    const programme = await openProgramme({ opensOn: '2026-06-01', closesOn: '2026-06-30' });
    useFixedClock(JUNE_30_IN_BEIJING);
    expect((await call('POST', '/v1/claims', { as: (await registeredApplicant()).as, body: { programmeId: programme.id, bankAccount } })).status).toBe(201);
    useFixedClock(JULY_1_IN_BEIJING);
    const late = await call('POST', '/v1/claims', { as: (await registeredApplicant()).as, body: { programmeId: programme.id, bankAccount } });
    expect(late.body.rule).toBe('programmeOpen');
  });

  it('counts an application submitted at 00:30 on 1 July in July’s figures', async () => {
    useFixedClock(JULY_1_IN_BEIJING);
    const founder = { role: 'applicant' as const, sub: uniqueSub('founder') };
    await call('POST', '/v1/applicants', { as: founder, body: applicantInput() });
    const draft = await call('POST', '/v1/applications', { as: founder, body: applicationInput() });
    const before = (await db.send(new GetCommand({ TableName: tableName(), Key: { pk: 'STATS#ALL', sk: '2026-07' } }))).Item?.applications_submitted ?? 0;
    expect((await call('POST', `/v1/applications/${draft.body.id}/submit`, { as: founder })).status).toBe(200);
    const after = (await db.send(new GetCommand({ TableName: tableName(), Key: { pk: 'STATS#ALL', sk: '2026-07' } }))).Item?.applications_submitted;
    expect(after).toBe(before + 1);
  });

  it('refuses unemployed youth on the Beijing day of their 35th birthday', async () => {
    const submitAt = async (at: string) => {
      useFixedClock('2026-06-01T02:00:00Z');
      const founder = { role: 'applicant' as const, sub: uniqueSub('youth') };
      const registered = await call('POST', '/v1/applicants', {
        as: founder,
        body: applicantInput({ category: 'unemployed_youth', idNumber: idNumber('19910701') }),
      });
      expect(registered.status).toBe(201);
      const draft = await call('POST', '/v1/applications', { as: founder, body: applicationInput() });
      useFixedClock(at);
      return call('POST', `/v1/applications/${draft.body.id}/submit`, { as: founder });
    };
    expect((await submitAt(JUNE_30_IN_BEIJING)).status).toBe(200);
    const refused = await submitAt(JULY_1_IN_BEIJING);
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('under_35');
  });

  it('takes the July job report once July has begun in Beijing', async () => {
    useFixedClock('2026-06-01T02:00:00Z');
    const { startup, founder } = await approvedStartup({ incubating: true });
    const body = { month: '2026-07', employees: 2, collegeGraduatesEmployed: 1 };
    useFixedClock(JUNE_30_IN_BEIJING);
    expect((await call('POST', `/v1/startups/${startup.id}/job-reports`, { as: founder, body })).body.code).toBe('MONTH_IN_FUTURE');
    useFixedClock(JULY_1_IN_BEIJING);
    expect((await call('POST', `/v1/startups/${startup.id}/job-reports`, { as: founder, body })).status).toBe(201);
  });

  it('treats June as a past month for space allocations once it is 1 July in Beijing', async () => {
    useFixedClock(JUNE_30_IN_BEIJING);
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord({ incubationStart: '2026-06-01', incubationEnd: '2028-05-31' });
    useFixedClock(JULY_1_IN_BEIJING);
    const late = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: '2026-06', toMonth: '2026-08' });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('PAST_MONTH');
    expect((await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: '2026-07', toMonth: '2026-08' })).status).toBe(201);
  });

  it('files an audit record of 00:30 on 1 July under ?day=2026-07-01', async () => {
    useFixedClock(JULY_1_IN_BEIJING);
    const { applicantId } = await registeredApplicant();
    const auditor = { role: 'auditor' as const };
    const july = await call('GET', '/v1/audit?day=2026-07-01&limit=100', { as: auditor });
    expect(july.body.items.map((r: { entityId: string }) => r.entityId)).toContain(applicantId);
    const june = await call('GET', '/v1/audit?day=2026-06-30&limit=100', { as: auditor });
    expect(june.body.items.map((r: { entityId: string }) => r.entityId)).not.toContain(applicantId);
  });

  it('counts a payment confirmed at 00:30 on 1 July in July, and files its ledger entry under 1 July', async () => {
    const programme = await openProgramme();
    useFixedClock('2026-06-15T02:00:00Z');
    const { claim } = await payableClaim(programme.id);
    const batch = await approvedBatch(programme.id, [claim]);
    const stats = async (month: string) => (await db.send(new GetCommand({ TableName: tableName(), Key: { pk: 'STATS#ALL', sk: month } }))).Item ?? {};
    const june = (await stats('2026-06')).paid_fen__startup_subsidy ?? 0;
    const july = (await stats('2026-07')).paid_fen__startup_subsidy ?? 0;
    useFixedClock(JULY_1_IN_BEIJING);
    const confirmed = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: [{ claimId: claim.id, status: 'paid', bankReference: 'MIDNIGHT' }] },
    });
    expect(confirmed.status).toBe(200);
    expect((await stats('2026-07')).paid_fen__startup_subsidy).toBe(july + 1_000_000);
    expect((await stats('2026-06')).paid_fen__startup_subsidy ?? 0).toBe(june);
    const auditor = { role: 'auditor' as const };
    const fromJuly = await call('GET', `/v1/ledger?programmeId=${programme.id}&from=2026-07-01&to=2026-07-01`, { as: auditor });
    expect(fromJuly.body.items.map((e: { claimId: string }) => e.claimId)).toEqual([claim.id]);
    const toJune = await call('GET', `/v1/ledger?programmeId=${programme.id}&to=2026-06-30`, { as: auditor });
    expect(toJune.body.items).toEqual([]);
  });
});
