import { afterEach, describe, expect, it } from 'vitest';
import { useRealClock } from '../../shared/clock';
import type { Ctx } from '../../shared/context';
import { getItem } from '../../shared/db/items';
import { mentorKeys } from '../../shared/mentors/keys';
import { hasMentored, isMentorOfStartup } from '../../shared/mentors/service';
import { call, uniqueSub } from '../support/api';
import { withCreditCheckCharacter } from '../../shared/startups/credit-code';
import { approvedStartup } from '../support/startups';
import { assign, auditor, founderOf, moveTestStartup, officer, testAssignment, testMentor, testStartup } from '../support/mentors';

afterEach(() => useRealClock());

const mentorCtx = (sub: string): Ctx => ({ actor: { kind: 'user', sub, roles: ['mentor'] }, role: 'mentor', requestId: 'test', now: new Date() });

describe('mentor profiles', () => {
  it('creates a profile with defaults and shows it to the mentor as their own', async () => {
    const mentor = await testMentor({ sectors: ['culture_tourism', 'exhibition_services'] });
    expect(mentor.id).toMatch(/^mtr_[0-9A-Z]{26}$/);
    expect(mentor.body).toMatchObject({ maxMentees: 5, active: true, activeMentees: 0, bio: '' });
    const me = await call('GET', '/v1/mentors/me', { as: mentor.as });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(mentor.id);
    expect(me.headers.get('etag')).toBe('"1"');
  });

  it('refuses a second profile for the same login', async () => {
    const mentor = await testMentor();
    const again = await call('POST', '/v1/mentors', {
      as: officer,
      body: { userId: mentor.userId, name: '又一个', organisation: '某机构', sectors: ['other'] },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MENTOR_EXISTS');
  });

  it('lets only officers build the team, and rejects unknown fields and out-of-range places', async () => {
    const body = { userId: uniqueSub('m'), name: '导师', organisation: '机构', sectors: ['other'] };
    expect((await call('POST', '/v1/mentors', { as: { role: 'mentor', sub: body.userId }, body })).status).toBe(403);
    expect((await call('POST', '/v1/mentors', { as: officer, body: { ...body, activeMentees: 3 } })).status).toBe(400);
    const tooMany = await call('POST', '/v1/mentors', { as: officer, body: { ...body, maxMentees: 21 } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('body.maxMentees');
  });

  it('keeps the sector index in step with a profile edit (If-Match required)', async () => {
    const mentor = await testMentor({ sectors: ['elderly_care_home_services'] });
    const bySector = async (sector: string) =>
      (await call('GET', `/v1/mentors?sector=${sector}&limit=100`, { as: { role: 'applicant' } })).body.items.map((m: { id: string }) => m.id);
    expect(await bySector('elderly_care_home_services')).toContain(mentor.id);

    expect((await call('PATCH', `/v1/mentors/${mentor.id}`, { as: officer, body: { sectors: ['modern_agriculture'] } })).status).toBe(428);
    const res = await call('PATCH', `/v1/mentors/${mentor.id}`, {
      as: officer,
      body: { sectors: ['modern_agriculture'] },
      headers: { 'if-match': mentor.etag },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(await bySector('elderly_care_home_services')).not.toContain(mentor.id);
    expect(await bySector('modern_agriculture')).toContain(mentor.id);
  });

  it('makes a profile edit based on an old read fail (412) instead of overwriting a new assignment', async () => {
    const mentor = await testMentor();
    await testAssignment({ mentor });
    const stale = await call('PATCH', `/v1/mentors/${mentor.id}`, { as: officer, body: { bio: '新简介' }, headers: { 'if-match': mentor.etag } });
    expect(stale.status).toBe(412);
    const now = await call('GET', `/v1/mentors/${mentor.id}`, { as: officer });
    expect(now.body.activeMentees).toBe(1);
  });
});

describe('mentor suggestions', () => {
  it("puts active mentors with room in the startup's sector first, by lowest load, each with its reason", async () => {
    const startup = await testStartup({ sector: 'modern_agriculture' });
    const light = await testMentor({ sectors: ['modern_agriculture'], name: '轻' });
    const busy = await testMentor({ sectors: ['modern_agriculture', 'other'], name: '忙' });
    const full = await testMentor({ sectors: ['modern_agriculture'], maxMentees: 1 });
    const inactive = await testMentor({ sectors: ['modern_agriculture'] });
    const already = await testMentor({ sectors: ['modern_agriculture'] });
    const elsewhere = await testMentor({ sectors: ['exhibition_services'] });
    await testAssignment({ mentor: busy });
    await testAssignment({ mentor: busy });
    await testAssignment({ mentor: full });
    await call('PATCH', `/v1/mentors/${inactive.id}`, { as: officer, body: { active: false }, headers: { 'if-match': inactive.etag } });
    expect((await assign(already.id, startup.id)).status).toBe(201);

    const res = await call('GET', `/v1/startups/${startup.id}/mentor-suggestions?limit=50`, { as: officer });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((s: { mentor: { id: string } }) => s.mentor.id);
    // (Other tests in this file add mentors too: compare only the ones made here.)
    expect(ids.filter((id: string) => [light.id, busy.id, elsewhere.id].includes(id))).toEqual([light.id, busy.id, elsewhere.id]);
    const of = (id: string) => res.body.items.find((s: { mentor: { id: string } }) => s.mentor.id === id);
    expect(of(light.id)).toMatchObject({ coversSector: true, freeSlots: 5, reason: expect.stringContaining('covers modern_agriculture') });
    expect(of(busy.id)).toMatchObject({ coversSector: true, freeSlots: 3, reason: expect.stringContaining('2 of 5 places taken') });
    const loads = res.body.items
      .filter((s: { coversSector: boolean }) => s.coversSector)
      .map((s: { mentor: { activeMentees: number } }) => s.mentor.activeMentees);
    expect(loads).toEqual([...loads].sort((x: number, y: number) => x - y));
    for (const excluded of [full.id, inactive.id, already.id]) expect(ids).not.toContain(excluded);
    expect(of(elsewhere.id)).toMatchObject({ coversSector: false, reason: expect.stringContaining('does not cover') });
    const firstOther = res.body.items.findIndex((s: { coversSector: boolean }) => !s.coversSector);
    expect(res.body.items.slice(firstOther).every((s: { coversSector: boolean }) => !s.coversSector)).toBe(true);
  });

  it('is for officers only', async () => {
    const startup = await testStartup();
    expect((await call('GET', `/v1/startups/${startup.id}/mentor-suggestions`, { as: founderOf(startup) })).status).toBe(403);
  });
});

describe('assigning mentors', () => {
  it('gives the last free place of a mentor to exactly one of 50 parallel assignments', async () => {
    const mentor = await testMentor({ maxMentees: 3 });
    await testAssignment({ mentor });
    await testAssignment({ mentor });
    const startups = await Promise.all(Array.from({ length: 50 }, () => testStartup()));
    const results = await Promise.all(startups.map((s) => assign(mentor.id, s.id)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['MENTOR_AT_CAPACITY']));
    const after = await call('GET', `/v1/mentors/${mentor.id}`, { as: officer });
    expect(after.body.activeMentees).toBe(3);
    const listed = await call('GET', `/v1/assignments?mentorId=${mentor.id}&limit=100`, { as: officer });
    expect(listed.body.items.filter((a: { status: string }) => a.status === 'active')).toHaveLength(3);
  });

  it('gives a startup at most 3 mentors, however many officers assign at once', async () => {
    const startup = await testStartup();
    const mentors = await Promise.all(Array.from({ length: 50 }, () => testMentor()));
    const results = await Promise.all(mentors.map((m) => assign(m.id, startup.id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(47);
    expect(refused.every((r) => r.status === 409 && r.body.code === 'STARTUP_MENTOR_LIMIT')).toBe(true);
    const listed = await call('GET', `/v1/assignments?startupId=${startup.id}`, { as: officer });
    expect(listed.body.items).toHaveLength(3);
  });

  it('refuses a duplicate active pair, even sent 50 times at once', async () => {
    const mentor = await testMentor({ maxMentees: 20 });
    const startup = await testStartup();
    const results = await Promise.all(Array.from({ length: 50 }, () => assign(mentor.id, startup.id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'ALREADY_ASSIGNED')).toHaveLength(49);
    expect((await call('GET', `/v1/mentors/${mentor.id}`, { as: officer })).body.activeMentees).toBe(1);
  });

  it('gives no new startups to an inactive mentor and no mentors to a startup that has left', async () => {
    const mentor = await testMentor();
    await call('PATCH', `/v1/mentors/${mentor.id}`, { as: officer, body: { active: false }, headers: { 'if-match': mentor.etag } });
    const inactive = await assign(mentor.id, (await testStartup()).id);
    expect(inactive.status).toBe(409);
    expect(inactive.body.code).toBe('MENTOR_INACTIVE');

    const graduated = await testStartup({ status: 'graduated' });
    const left = await assign((await testMentor()).id, graduated.id);
    expect(left.status).toBe(409);
    expect(left.body.code).toBe('STARTUP_NOT_ACTIVE');
    expect((await assign(mentor.id, 'stp_01JD3Z7K8M9N0P1Q2R3S4T5V6W')).status).toBe(404);
  });

  it('ends an assignment with a reason, freeing the place, and remembers the pair for conflict-of-interest checks', async () => {
    const mentor = await testMentor({ maxMentees: 1 });
    const { startup, assignment } = await testAssignment({ mentor });
    expect(await isMentorOfStartup(mentorCtx(mentor.userId), startup.id)).toBe(true);
    expect(await isMentorOfStartup(mentorCtx(uniqueSub('x')), startup.id)).toBe(false);

    const ended = await call('POST', `/v1/assignments/${assignment.id}/end`, { as: officer, body: { reason: '项目方向调整' } });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endReason: '项目方向调整' });
    const again = await call('POST', `/v1/assignments/${assignment.id}/end`, { as: officer, body: { reason: '再次' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ASSIGNMENT_ENDED');

    expect((await call('GET', `/v1/mentors/${mentor.id}`, { as: officer })).body.activeMentees).toBe(0);
    const startupSide = await getItem<{ mentorCount: number; assignmentIds?: Set<string> }>(mentorKeys.startupMentors(startup.id));
    expect(startupSide).toMatchObject({ mentorCount: 0 });
    expect(startupSide!.assignmentIds).toBeUndefined();
    expect(await isMentorOfStartup(mentorCtx(mentor.userId), startup.id)).toBe(false);
    expect(await hasMentored(mentor.userId, startup.id)).toBe(true);
    expect(await hasMentored(uniqueSub('x'), startup.id)).toBe(false);
    // The freed place can be taken again, by the same pair too.
    expect((await assign(mentor.id, startup.id)).status).toBe(201);
  });

  it('shows a mentor their own assignments and a founder their startup’s, and 404 to others', async () => {
    const { mentor, startup, assignment } = await testAssignment();
    const stranger = await testMentor();
    const mine = await call('GET', '/v1/assignments', { as: mentor.as });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([assignment.id]);
    expect((await call('GET', `/v1/assignments?mentorId=${mentor.id}`, { as: stranger.as })).status).toBe(404);
    expect((await call('GET', `/v1/assignments/${assignment.id}`, { as: stranger.as })).status).toBe(404);

    const founder = await call('GET', `/v1/assignments?startupId=${startup.id}`, { as: founderOf(startup) });
    expect(founder.body.items.map((a: { id: string }) => a.id)).toEqual([assignment.id]);
    expect((await call('GET', `/v1/assignments/${assignment.id}`, { as: founderOf(startup) })).status).toBe(200);
    const otherFounder = { role: 'applicant' as const, sub: uniqueSub('founder') };
    expect((await call('GET', `/v1/assignments?startupId=${startup.id}`, { as: otherFounder })).status).toBe(404);
    expect((await call('GET', `/v1/assignments/${assignment.id}`, { as: otherFounder })).status).toBe(404);
    expect((await call('GET', `/v1/assignments?mentorId=${mentor.id}`, { as: auditor })).status).toBe(200);
  });
});

describe('when a startup leaves incubation', () => {
  it('ends its assignments automatically, as the system, and frees the mentors', async () => {
    const startup = await testStartup({ status: 'incubating' });
    const a = await testAssignment({ startup });
    const b = await testAssignment({ startup });
    await moveTestStartup(startup.id, 'graduated');

    const listed = await call('GET', `/v1/assignments?startupId=${startup.id}`, { as: officer });
    expect(listed.body.items).toHaveLength(2);
    for (const assignment of listed.body.items) expect(assignment).toMatchObject({ status: 'ended', endReason: 'startup graduated' });
    for (const mentor of [a.mentor, b.mentor]) {
      expect((await call('GET', `/v1/mentors/${mentor.id}`, { as: officer })).body.activeMentees).toBe(0);
      expect(await hasMentored(mentor.userId, startup.id)).toBe(true);
    }
    const trail = await call('GET', `/v1/audit?entityId=${a.assignment.id}`, { as: auditor });
    expect(trail.body.items[0]).toMatchObject({ action: 'assignment.ended', actorId: 'system', actorKind: 'system' });
    expect((await assign((await testMentor()).id, startup.id)).body.code).toBe('STARTUP_NOT_ACTIVE');
  });

  it('also ends them when the startup withdraws before incubating', async () => {
    const startup = await testStartup({ status: 'approved' });
    const { assignment } = await testAssignment({ startup });
    await moveTestStartup(startup.id, 'withdrawn');
    const res = await call('GET', `/v1/assignments/${assignment.id}`, { as: officer });
    expect(res.body).toMatchObject({ status: 'ended', endReason: 'startup withdrawn' });
  });
});

describe('mentoring through the startup lifecycle API', () => {
  it('lets an assigned mentor read the startup until it graduates, then ends the assignment', async () => {
    const { startup, founder } = await approvedStartup({ incubating: true, application: { sector: 'it_services' } });
    const mentor = await testMentor();
    const other = await testMentor();
    const { body: assignment } = await assign(mentor.id, startup.id);
    expect(assignment).toMatchObject({ status: 'active', founderUserId: founder.sub, startupName: startup.name });
    expect((await call('GET', `/v1/startups/${startup.id}`, { as: mentor.as })).status).toBe(200);
    expect((await call('GET', `/v1/startups/${startup.id}`, { as: other.as })).status).toBe(404);

    const code = withCreditCheckCharacter(`91510100MA${String(process.pid % 1000).padStart(3, '0')}0001`);
    const graduated = await call('POST', `/v1/startups/${startup.id}/graduate`, { as: officer, body: { creditCode: code, reason: '注册成立公司' } });
    expect(graduated.status).toBe(200);
    expect((await call('GET', `/v1/assignments/${assignment.id}`, { as: founder })).body).toMatchObject({ status: 'ended', endReason: 'startup graduated' });
    expect((await call('GET', `/v1/startups/${startup.id}`, { as: mentor.as })).status).toBe(404);
    // The sessions already logged stay readable to the mentor who mentored it.
    expect((await call('GET', `/v1/startups/${startup.id}/sessions`, { as: mentor.as })).status).toBe(200);
  });
});
