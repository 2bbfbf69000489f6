import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { getItem } from '../../shared/db/items';
import { statsKeys } from '../../shared/reports/counters';
import { call, uniqueSub, type As } from '../support/api';
import { auditor, founderOf, officer, sessionInput, testAssignment, testMentor, testStartup } from '../support/mentors';

afterEach(() => useRealClock());

const log = (assignmentId: string, as: As, overrides: Record<string, unknown> = {}) =>
  call('POST', `/v1/assignments/${assignmentId}/sessions`, { as, body: sessionInput(overrides) });

describe('logging a session', () => {
  it('lets the assigned mentor log a session, and 404s any other mentor', async () => {
    const { mentor, assignment, startup } = await testAssignment();
    const res = await log(assignment.id, mentor.as);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^ses_/), assignmentId: assignment.id, startupId: startup.id, minutes: 60 });
    expect(res.headers.get('etag')).toBe('"1"');

    // A mentor with an assignment of their own, logging against someone else's.
    const other = await testAssignment();
    const stranger = await log(assignment.id, other.mentor.as);
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('NOT_FOUND');
    // A founder or an officer cannot log at all.
    expect((await call('POST', `/v1/assignments/${assignment.id}/sessions`, { as: founderOf(startup), body: sessionInput() })).status).toBe(403);
  });

  it('refuses a date in the future or before the assignment began', async () => {
    useFixedClock('2026-05-10T03:00:00Z');
    const { mentor, assignment } = await testAssignment();
    expect(assignment.startDate).toBe('2026-05-10');
    const future = await log(assignment.id, mentor.as, { date: '2026-05-11' });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('SESSION_DATE_IN_FUTURE');
    const before = await log(assignment.id, mentor.as, { date: '2026-05-09' });
    expect(before.status).toBe(422);
    expect(before.body.code).toBe('SESSION_BEFORE_ASSIGNMENT');
    expect((await log(assignment.id, mentor.as, { date: '2026-05-10' })).status).toBe(201);
  });

  it('validates minutes, mode and the length of notes', async () => {
    const { mentor, assignment } = await testAssignment();
    for (const bad of [{ minutes: 10 }, { minutes: 481 }, { mode: 'letter' }, { notes: 'x'.repeat(5001) }, { date: '2026-02-30' }]) {
      const res = await log(assignment.id, mentor.as, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('caps a mentor at 12 hours of sessions on one day, across startups', async () => {
    useFixedClock('2026-06-14T09:00:00Z');
    const mentor = await testMentor();
    const a = await testAssignment({ mentor });
    const b = await testAssignment({ mentor });
    useFixedClock('2026-06-15T09:00:00Z');
    expect((await log(a.assignment.id, mentor.as, { minutes: 480 })).status).toBe(201);
    expect((await log(b.assignment.id, mentor.as, { minutes: 240 })).status).toBe(201);
    const over = await log(b.assignment.id, mentor.as, { minutes: 15 });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('DAILY_LIMIT_EXCEEDED');
    // Another day is a fresh 12 hours.
    expect((await log(b.assignment.id, mentor.as, { minutes: 15, date: '2026-06-14' })).status).toBe(201);
  });

  it('keeps the daily cap under 50 parallel sessions: exactly 12 one-hour sessions fit', async () => {
    useFixedClock('2026-06-20T09:00:00Z');
    const { mentor, assignment } = await testAssignment();
    const results = await Promise.all(Array.from({ length: 50 }, () => log(assignment.id, mentor.as, { minutes: 60 })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(12);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'DAILY_LIMIT_EXCEEDED')).toHaveLength(38);
    const listed = await call('GET', `/v1/mentors/${mentor.id}/sessions?month=2026-06&limit=100`, { as: mentor.as });
    expect(listed.body.items.reduce((n: number, s: { minutes: number }) => n + s.minutes, 0)).toBe(720);
  });
});

describe('editing a session', () => {
  it('lets the author edit within 7 days with If-Match, and locks it after', async () => {
    useFixedClock('2026-04-01T08:00:00Z');
    const { mentor, assignment } = await testAssignment();
    const logged = await log(assignment.id, mentor.as, { minutes: 60 });
    const etag = logged.headers.get('etag')!;

    useFixedClock('2026-04-07T08:00:00Z');
    expect((await call('PATCH', `/v1/sessions/${logged.body.id}`, { as: mentor.as, body: { minutes: 90 } })).status).toBe(428);
    const edited = await call('PATCH', `/v1/sessions/${logged.body.id}`, {
      as: mentor.as,
      body: { minutes: 90, notes: '补充记录' },
      headers: { 'if-match': etag },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ minutes: 90, notes: '补充记录', version: 2 });
    const stale = await call('PATCH', `/v1/sessions/${logged.body.id}`, { as: mentor.as, body: { minutes: 30 }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);

    useFixedClock('2026-04-08T08:00:01Z');
    const locked = await call('PATCH', `/v1/sessions/${logged.body.id}`, {
      as: mentor.as,
      body: { minutes: 45 },
      headers: { 'if-match': edited.headers.get('etag')! },
    });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('SESSION_LOCKED');
  });

  it("404s another mentor's edit and keeps the daily cap when minutes grow", async () => {
    useFixedClock('2026-04-20T08:00:00Z');
    const { mentor, assignment } = await testAssignment();
    const big = await log(assignment.id, mentor.as, { minutes: 480 });
    const small = await log(assignment.id, mentor.as, { minutes: 200 });
    const other = await testMentor();
    expect((await call('PATCH', `/v1/sessions/${small.body.id}`, { as: other.as, body: { minutes: 240 }, headers: { 'if-match': '"1"' } })).status).toBe(404);
    const over = await call('PATCH', `/v1/sessions/${small.body.id}`, { as: mentor.as, body: { minutes: 241 }, headers: { 'if-match': '"1"' } });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('DAILY_LIMIT_EXCEEDED');
    expect((await call('PATCH', `/v1/sessions/${small.body.id}`, { as: mentor.as, body: { minutes: 240 }, headers: { 'if-match': '"1"' } })).status).toBe(200);
    // Shortening one session frees room on that day.
    expect((await call('PATCH', `/v1/sessions/${big.body.id}`, { as: mentor.as, body: { minutes: 400 }, headers: { 'if-match': '"1"' } })).status).toBe(200);
    expect((await log(assignment.id, mentor.as, { minutes: 80 })).status).toBe(201);
    expect((await log(assignment.id, mentor.as, { minutes: 15 })).body.code).toBe('DAILY_LIMIT_EXCEEDED');
  });
});

describe('confirming a session', () => {
  it('lets the founder confirm once with a rating, and 404s the founder of another startup', async () => {
    const { mentor, assignment, startup } = await testAssignment();
    const session = (await log(assignment.id, mentor.as)).body;
    const otherStartup = await testStartup();
    const intruder = await call('POST', `/v1/sessions/${session.id}/confirmation`, { as: founderOf(otherStartup), body: { rating: 1 } });
    expect(intruder.status).toBe(404);

    expect((await call('POST', `/v1/sessions/${session.id}/confirmation`, { as: founderOf(startup), body: { rating: 6 } })).status).toBe(400);
    const ok = await call('POST', `/v1/sessions/${session.id}/confirmation`, { as: founderOf(startup), body: { rating: 4, comment: '很有帮助' } });
    expect(ok.status).toBe(200);
    expect(ok.body.confirmation).toMatchObject({ rating: 4, comment: '很有帮助', confirmedBy: startup.founderUserId });
    const twice = await call('POST', `/v1/sessions/${session.id}/confirmation`, { as: founderOf(startup), body: { rating: 5 } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_CONFIRMED');
    // What the founder confirmed does not change under them.
    const edit = await call('PATCH', `/v1/sessions/${session.id}`, { as: mentor.as, body: { minutes: 120 }, headers: { 'if-match': ok.headers.get('etag')! } });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('SESSION_CONFIRMED');
  });

  it('counts one confirmation when the founder sends it 50 times at once', async () => {
    useFixedClock('2026-07-03T08:00:00Z');
    const { mentor, assignment, startup } = await testAssignment();
    const session = (await log(assignment.id, mentor.as)).body;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => call('POST', `/v1/sessions/${session.id}/confirmation`, { as: founderOf(startup), body: { rating: 5 } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'ALREADY_CONFIRMED')).toHaveLength(49);
    const report = await call('GET', `/v1/mentors/${mentor.id}/report?from=2026-07&to=2026-07`, { as: officer });
    expect(report.body.totals).toMatchObject({ confirmed: 1, averageRating: 5 });
  });
});

describe('reading sessions', () => {
  it("shows a startup's sessions to its founder and its mentor, and 404 to others", async () => {
    const { mentor, assignment, startup } = await testAssignment();
    const session = (await log(assignment.id, mentor.as)).body;
    for (const as of [founderOf(startup), mentor.as, officer, auditor]) {
      const res = await call('GET', `/v1/startups/${startup.id}/sessions`, { as });
      expect(res.status).toBe(200);
      expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([session.id]);
    }
    expect((await call('GET', `/v1/startups/${startup.id}/sessions`, { as: { role: 'applicant', sub: uniqueSub('f') } })).status).toBe(404);
    expect((await call('GET', `/v1/startups/${startup.id}/sessions`, { as: (await testMentor()).as })).status).toBe(404);
    expect((await call('GET', `/v1/sessions/${session.id}`, { as: { role: 'applicant', sub: uniqueSub('f') } })).status).toBe(404);
    expect((await call('GET', `/v1/mentors/${mentor.id}/sessions`, { as: (await testMentor()).as })).status).toBe(404);
  });
});

describe("a mentor's report", () => {
  it('matches a hand count per month, after an edit moves a session to another month', async () => {
    useFixedClock('2025-01-03T02:00:00Z');
    const mentor = await testMentor({ sectors: ['culture_tourism'] });
    const a = await testAssignment({ mentor });
    const b = await testAssignment({ mentor });
    useFixedClock('2025-03-25T02:00:00Z');
    const sessions: Record<string, { id: string }> = {};
    const plan: Array<[name: string, which: typeof a, date: string, minutes: number]> = [
      ['janA1', a, '2025-01-06', 60],
      ['janA2', a, '2025-01-20', 90],
      ['janB1', b, '2025-01-21', 30],
      ['febA1', a, '2025-02-10', 120],
      ['marB1', b, '2025-03-03', 45],
      ['marB2', b, '2025-03-17', 45],
    ];
    for (const [name, which, date, minutes] of plan) {
      const res = await log(which.assignment.id, mentor.as, { date, minutes });
      expect(res.status).toBe(201);
      sessions[name] = res.body;
    }
    const confirm = (name: string, startup: typeof a.startup, rating: number) =>
      call('POST', `/v1/sessions/${sessions[name]!.id}/confirmation`, { as: founderOf(startup), body: { rating } });
    expect((await confirm('janA1', a.startup, 5)).status).toBe(200);
    expect((await confirm('janB1', b.startup, 3)).status).toBe(200);
    expect((await confirm('marB1', b.startup, 4)).status).toBe(200);
    // February's only session was really on 4 March and lasted 100 minutes.
    const moved = await call('PATCH', `/v1/sessions/${sessions.febA1!.id}`, {
      as: mentor.as,
      body: { date: '2025-03-04', minutes: 100 },
      headers: { 'if-match': '"1"' },
    });
    expect(moved.status).toBe(200);

    // Hand count. Jan: A60, A90, B30 (2 startups), confirmed A60=5, B30=3. Feb: nothing.
    // Mar: B45, B45, A100 (2 startups), confirmed B45=4.
    const res = await call('GET', `/v1/mentors/${mentor.id}/report?from=2025-01&to=2025-03`, { as: mentor.as });
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual([
      { month: '2025-01', sessions: 3, minutes: 180, hours: 3, startupsServed: 2, confirmed: 2, confirmedShare: 0.667, averageRating: 4 },
      { month: '2025-02', sessions: 0, minutes: 0, hours: 0, startupsServed: 0, confirmed: 0, confirmedShare: null, averageRating: null },
      { month: '2025-03', sessions: 3, minutes: 190, hours: 3.17, startupsServed: 2, confirmed: 1, confirmedShare: 0.333, averageRating: 4 },
    ]);
    expect(res.body.totals).toEqual({ sessions: 6, minutes: 370, hours: 6.17, startupsServed: 2, confirmed: 3, confirmedShare: 0.5, averageRating: 4 });

    // The district's report counters agree (nothing else in this file logs sessions in 2025).
    const district = async (month: string) => getItem<Record<string, number>>(statsKeys.item(month));
    expect(await district('2025-01')).toMatchObject({ sessions: 3, session_minutes: 180, session_ratings: 2, session_rating_sum: 8 });
    expect(await district('2025-02')).toMatchObject({ sessions: 0, session_minutes: 0 });
    expect(await district('2025-03')).toMatchObject({ sessions: 3, session_minutes: 190, session_ratings: 1, session_rating_sum: 4 });
  });

  it('is for staff and the mentor themself, over at most 24 months', async () => {
    const mentor = await testMentor();
    expect((await call('GET', `/v1/mentors/${mentor.id}/report?from=2025-01&to=2025-02`, { as: auditor })).status).toBe(200);
    expect((await call('GET', `/v1/mentors/${mentor.id}/report?from=2025-01&to=2025-02`, { as: (await testMentor()).as })).status).toBe(404);
    expect((await call('GET', `/v1/mentors/${mentor.id}/report?from=2025-03&to=2025-02`, { as: officer })).status).toBe(400);
    expect((await call('GET', `/v1/mentors/${mentor.id}/report?from=2023-01&to=2025-02`, { as: officer })).status).toBe(400);
  });
});
