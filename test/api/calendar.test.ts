import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { call } from '../support/api';
import { auditor, officer, openProgramme, publishedNotice, verifiedClaim } from '../support/subsidies';

afterEach(() => useRealClock());

const applicant = { role: 'applicant' as const, sub: 'calendar-reader' };

describe('the working-day calendar', () => {
  it('ships 2026 as the State Council published it', async () => {
    const res = await call('GET', '/v1/calendar/2026', { as: applicant });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"0"');
    expect(res.body).toMatchObject({ year: 2026, source: 'official', version: 0 });
    expect(res.body.holidays.find((h: { name: string }) => h.name === '春节')).toEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23' });
    expect(res.body.makeUpWorkingDays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(res.body.nonWorkingDays).toContain('2026-10-07');
    expect(res.body.nonWorkingDays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
  });

  it('ships 2027 as provisional, and says it must be checked', async () => {
    const res = await call('GET', '/v1/calendar/2027', { as: applicant });
    expect(res.body.source).toBe('provisional');
    expect(res.body.note).toContain('PUT /v1/calendar/2027');
  });

  it('counts weekends only in a year without a calendar, and says so', async () => {
    const res = await call('GET', '/v1/calendar/2032', { as: applicant });
    expect(res.body).toMatchObject({ year: 2032, source: 'weekends_only', holidays: [], makeUpWorkingDays: [], version: 0 });
    expect(res.body.note).toContain('only Saturdays and Sundays');
    expect((await call('GET', '/v1/calendar/1999', { as: applicant })).status).toBe(400);
  });

  it('is replaced by an officer (If-Match), audited, and used by the next notice', async () => {
    const body = {
      basis: '国务院办公厅关于2033年部分节假日安排的通知',
      holidays: [{ name: '端午节', from: '2033-06-01', to: '2033-06-03' }],
      makeUpWorkingDays: ['2033-06-05'],
    };
    expect((await call('PUT', '/v1/calendar/2033', { as: officer, body })).status).toBe(428);
    expect((await call('PUT', '/v1/calendar/2033', { as: auditor, body, headers: { 'if-match': '"0"' } })).status).toBe(403);
    expect(
      (await call('PUT', '/v1/calendar/2033', { as: officer, body: { ...body, makeUpWorkingDays: ['2034-01-01'] }, headers: { 'if-match': '"0"' } })).status,
    ).toBe(400);
    expect(
      (await call('PUT', '/v1/calendar/2033', { as: officer, body: { ...body, makeUpWorkingDays: ['2033-06-02'] }, headers: { 'if-match': '"0"' } })).status,
    ).toBe(400);
    const put = await call('PUT', '/v1/calendar/2033', { as: officer, body, headers: { 'if-match': '"0"' } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ source: 'officer', version: 1, updatedBy: officer.sub, nonWorkingDays: ['2033-06-01', '2033-06-02', '2033-06-03'] });
    expect((await call('PUT', '/v1/calendar/2033', { as: officer, body, headers: { 'if-match': '"0"' } })).status).toBe(412);
    const trail = await call('GET', '/v1/audit?entityId=calendar-2033', { as: auditor });
    expect(trail.body.items[0]).toMatchObject({ action: 'calendar.replaced', actorId: officer.sub });
    expect(trail.body.items[0].changes.source).toEqual({ before: 'weekends_only', after: 'officer' });

    // Tuesday 31 May 2033: 1–3 June off, Sunday 5 June worked: 5, 6 and 7 June.
    const programme = await openProgramme({ disclosureWorkingDays: 3 });
    useFixedClock('2033-05-31T02:00:00Z');
    const notice = await publishedNotice(programme.id, [(await verifiedClaim(programme.id)).claim]);
    expect(notice).toMatchObject({ firstDay: '2033-06-05', lastDay: '2033-06-07' });
    expect(notice.calendarNote).toBeUndefined();
  });
});
