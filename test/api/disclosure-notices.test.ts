import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { call } from '../support/api';
import { auditor, finance, officer, openProgramme, publishedNotice, registeredApplicant, submittedClaim, verifiedClaim } from '../support/subsidies';

afterEach(() => useRealClock());

const object = (claimId: string, from: string, reason = '该项目并未实际经营') =>
  call('POST', `/v1/public/disclosures/${claimId}/objections`, { body: { reason }, headers: { 'x-forwarded-for': from } });

describe('publishing a disclosure notice', () => {
  it('numbers notices by year of publication, one number each, however many are published at once', async () => {
    useFixedClock('2026-03-02T02:00:00Z');
    const programme = await openProgramme();
    const first = await publishedNotice(programme.id, [(await verifiedClaim(programme.id)).claim]);
    expect(first.number).toBe('2026-001');
    const claims = await Promise.all(Array.from({ length: 10 }, () => verifiedClaim(programme.id)));
    const results = await Promise.all(
      claims.map(({ claim }) => call('POST', '/v1/disclosure-notices', { as: officer, body: { programmeId: programme.id, claimIds: [claim.id] } })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.map((r) => r.body.number).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `2026-${String(i + 2).padStart(3, '0')}`));
    useFixedClock('2027-01-04T02:00:00Z');
    expect((await publishedNotice(programme.id, [(await verifiedClaim(programme.id)).claim])).number).toBe('2027-001');
  });

  it('runs its working days over the National Day holiday and its make-up Saturday', async () => {
    const programme = await openProgramme();
    // Wednesday 30 September 2026: 1–7 October are off, Saturday 10 October is worked.
    useFixedClock('2026-09-30T02:00:00Z');
    const { claim } = await verifiedClaim(programme.id);
    const notice = await publishedNotice(programme.id, [claim]);
    expect(notice).toMatchObject({ workingDays: 5, firstDay: '2026-10-08', lastDay: '2026-10-13', closesAt: '2026-10-13T16:00:00.000Z', status: 'open' });
    expect(notice.calendarNote).toBeUndefined();
    const read = await call('GET', `/v1/claims/${claim.id}`, { as: officer });
    expect(read.body).toMatchObject({ noticeId: notice.id, noticeNumber: notice.number, disclosureEndsAt: '2026-10-13T16:00:00.000Z' });
  });

  it('crosses into the next year’s calendar', async () => {
    const programme = await openProgramme();
    // Wednesday 30 December 2026: 31 December, then 4–7 January 2027 (1–3 January off).
    useFixedClock('2026-12-30T02:00:00Z');
    const notice = await publishedNotice(programme.id, [(await verifiedClaim(programme.id)).claim]);
    expect(notice).toMatchObject({ firstDay: '2026-12-31', lastDay: '2027-01-07', closesAt: '2027-01-07T16:00:00.000Z' });
  });

  it('counts weekends only in a year without a calendar, and says so', async () => {
    const programme = await openProgramme({ disclosureWorkingDays: 3 });
    // Monday 2 June 2031.
    useFixedClock('2031-06-02T02:00:00Z');
    const notice = await publishedNotice(programme.id, [(await verifiedClaim(programme.id)).claim]);
    expect(notice).toMatchObject({ firstDay: '2031-06-03', lastDay: '2031-06-05' });
    expect(notice.calendarNote).toContain('2031');
  });

  it('publishes only verified claims of the programme, each on one notice, by an officer', async () => {
    const programme = await openProgramme();
    const other = await openProgramme();
    const { claim } = await verifiedClaim(programme.id);
    const { claim: submitted } = await submittedClaim(programme.id);
    const { claim: elsewhere } = await verifiedClaim(other.id);
    const notice = (claimIds: string[]) => call('POST', '/v1/disclosure-notices', { as: officer, body: { programmeId: programme.id, claimIds } });
    expect((await notice([submitted.id])).body.code).toBe('CLAIM_NOT_VERIFIED');
    expect((await notice([elsewhere.id])).body.code).toBe('CLAIM_NOT_IN_PROGRAMME');
    expect((await notice([claim.id, claim.id])).status).toBe(400);
    expect((await call('POST', '/v1/disclosure-notices', { as: finance, body: { programmeId: programme.id, claimIds: [claim.id] } })).status).toBe(403);
    expect((await notice([claim.id])).status).toBe(201);
    expect((await notice([claim.id])).body.code).toBe('CLAIM_ALREADY_PUBLISHED');
  });

  it('is listed publicly with masked names, and read in full by staff', async () => {
    const programme = await openProgramme();
    const claimant = await registeredApplicant({ name: '司马相如' });
    const { claim } = await verifiedClaim(programme.id, {
      claimant,
      bankAccount: { bankName: '成都银行', accountName: '司马相如', accountNumber: '6228480402561234000' },
    });
    const notice = await publishedNotice(programme.id, [claim]);
    const list = await call('GET', '/v1/public/disclosure-notices?limit=100');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((n: { id: string }) => n.id === notice.id);
    expect(listed).toMatchObject({
      number: notice.number,
      open: true,
      claimCount: 1,
      totalFen: 1_000_000,
      lines: [{ claimId: claim.id, name: '司***', amountFen: 1_000_000 }],
    });
    expect(listed.publishedBy).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain('司马相如');
    expect(JSON.stringify(list.body)).not.toContain('6228480402561234000');
    const staff = await call('GET', `/v1/disclosure-notices/${notice.id}`, { as: auditor });
    expect(staff.body).toMatchObject({ id: notice.id, publishedBy: officer.sub });
    expect((await call('GET', `/v1/disclosure-notices/${notice.id}`, { as: claimant.as })).status).toBe(403);
  });
});

describe('objections to a notice', () => {
  it('limits each sender to 3 an hour, answering 429 with Retry-After, without blocking other senders', async () => {
    const programme = await openProgramme();
    useFixedClock('2026-06-01T02:59:30Z');
    const { claim } = await verifiedClaim(programme.id);
    await publishedNotice(programme.id, [claim]);
    const flood = await Promise.all(Array.from({ length: 6 }, () => object(claim.id, '198.51.100.7')));
    expect(flood.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = flood.filter((r) => r.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused.every((r) => r.body.code === 'TOO_MANY_OBJECTIONS' && r.headers.get('retry-after') === '30')).toBe(true);
    // Someone else is heard all the same.
    expect((await object(claim.id, '203.0.113.9')).status).toBe(201);
    // And the flooder again once the hour has turned.
    useFixedClock('2026-06-01T03:00:01Z');
    expect((await object(claim.id, '198.51.100.7')).status).toBe(201);
  });

  it('takes at most 20 an hour on one claim, whoever sends them', async () => {
    const programme = await openProgramme();
    useFixedClock('2026-06-01T04:10:00Z');
    const { claim } = await verifiedClaim(programme.id);
    await publishedNotice(programme.id, [claim]);
    const results = [];
    for (let sender = 1; sender <= 7; sender++) for (let i = 0; i < 3; i++) results.push(await object(claim.id, `192.0.2.${sender}`));
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    expect(results.at(-1)!.status).toBe(429);
    expect(Number(results.at(-1)!.headers.get('retry-after'))).toBe(50 * 60);
    expect((await call('GET', `/v1/claims/${claim.id}`, { as: officer })).body.openObjections).toBe(20);
  });
});
