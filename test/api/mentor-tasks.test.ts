import { afterEach, describe, expect, it } from 'vitest';
import { useRealClock } from '../../shared/clock';
import { call, uniqueSub, type As } from '../support/api';
import { clockAtEventStart, officer as eventsOfficer, publishedEvent, score, startup } from '../support/events';
import { testAssignment, testMentor } from '../support/mentors';
import { staffMember } from '../support/staff';
import { officer, registeredApplicant, submittedApplication } from '../support/startups';

const marks = { innovation: 7, market: 6, team: 8, execution: 7, socialImpact: 6 };

async function enter(eventId: string, startupId: string) {
  const res = await call('POST', `/v1/events/${eventId}/entries`, {
    as: eventsOfficer,
    body: { startupId, pitchTitle: '智慧农业监测', summary: '用传感器和小程序帮助合作社管理大棚。' },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

afterEach(() => useRealClock());

describe('a judge’s judging tasks', () => {
  it('lists the events they judge with each entry, what they scored and what they may not score', async () => {
    const judge = await testMentor();
    const other: As = await staffMember('mentor', 'other-judge');
    const { startup: mentee } = await testAssignment({ mentor: judge });
    const event = await publishedEvent({ kind: 'roadshow', title: `路演 ${uniqueSub('r')}` });
    const a = await enter(event.id, (await startup()).id);
    const b = await enter(event.id, (await startup()).id);
    const own = await enter(event.id, mentee.id);
    for (const person of [judge.as, other]) {
      expect((await call('POST', `/v1/events/${event.id}/judges`, { as: eventsOfficer, body: { userId: person.sub } })).status).toBe(201);
    }
    // Open on the roadshow day: scores are taken once the event has started.
    clockAtEventStart(event);
    const before = await call('GET', '/v1/judging-assignments', { as: judge.as });
    expect(before.status).toBe(200);
    const [task] = before.body.items;
    expect(task).toMatchObject({ event: { id: event.id, kind: 'roadshow', status: 'published' }, open: true, toScore: 2 });
    const byId = (items: { id: string }[], id: string) => items.find((e) => e.id === id);
    expect(byId(task.entries, own.id)).toMatchObject({ scoredByMe: false, conflictOfInterest: true });

    expect((await score(event.id, a.id, judge.as, marks)).status).toBe(201);
    expect((await score(event.id, b.id, other, marks)).status).toBe(201);
    const after = await call('GET', '/v1/judging-assignments', { as: judge.as });
    const [again] = after.body.items;
    expect(again.toScore).toBe(1);
    expect(byId(again.entries, a.id)).toMatchObject({ scoredByMe: true, conflictOfInterest: false });
    // Another judge's score is not the caller's.
    expect(byId(again.entries, b.id)).toMatchObject({ scoredByMe: false });

    // Only the caller's own tasks; a judge of nothing has none; other roles are refused.
    const others = await call('GET', '/v1/judging-assignments', { as: other });
    expect(others.body.items[0].toScore).toBe(2);
    expect((await call('GET', '/v1/judging-assignments', { as: { role: 'mentor', sub: uniqueSub('nobody') } })).body.items).toEqual([]);
    for (const role of ['applicant', 'park_manager', 'finance', 'auditor'] as const) {
      expect((await call('GET', '/v1/judging-assignments', { as: { role, sub: judge.userId } })).status).toBe(403);
    }
  });
});

describe('a reviewer’s review assignments', () => {
  it('say where each application stands and whether the reviewer has scored it', async () => {
    const reviewer: As = await staffMember('mentor', 'reviewer');
    const founder = await registeredApplicant();
    const application = await submittedApplication(founder);
    expect((await call('POST', `/v1/applications/${application.id}/reviewers`, { as: officer, body: { reviewerId: reviewer.sub } })).status).toBe(200);
    const listed = await call('GET', '/v1/review-assignments', { as: reviewer });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ applicationId: application.id, applicationStatus: 'under_review' });
    expect(listed.body.items[0].scoredAt).toBeUndefined();
    const body = { innovation: 7, feasibility: 7, team: 7, jobCreation: 7, socialValue: 7, comment: '方案可行。' };
    expect((await call('POST', `/v1/applications/${application.id}/scores`, { as: reviewer, body })).status).toBe(201);
    const scored = await call('GET', '/v1/review-assignments', { as: reviewer });
    expect(scored.body.items[0].scoredAt).toBeTruthy();
  });
});
