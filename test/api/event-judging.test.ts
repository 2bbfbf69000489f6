import { afterEach, describe, expect, it } from 'vitest';
import { useRealClock } from '../../shared/clock';
import { call, uniqueSub, type As } from '../support/api';
import { clockAtEventStart, officer, publishedEvent, score, startup, type Marks } from '../support/events';
import { officer as mentorsOfficer, testAssignment, testMentor } from '../support/mentors';
import { approvedStartup } from '../support/startups';
import { inStaffDirectory, staffMember } from '../support/staff';

const mentor = (): As => ({ role: 'mentor', sub: uniqueSub('mentor') });
const judgeOfficer = (): As => ({ role: 'officer', sub: uniqueSub('judge') });
const founder = (): As => ({ role: 'applicant', sub: uniqueSub('founder') });

const marks = (innovation: number, market: number, team: number, execution: number, socialImpact: number): Marks => ({
  innovation,
  market,
  team,
  execution,
  socialImpact,
});
const even = (n: number) => marks(n, n, n, n, n);

async function roadshow() {
  return publishedEvent({ kind: 'roadshow', title: '创业项目路演' });
}

async function enter(eventId: string, as: As = officer, startupId?: string) {
  const id = startupId ?? (await startup('incubating')).id;
  return call('POST', `/v1/events/${eventId}/entries`, {
    as,
    body: { startupId: id, pitchTitle: '智慧农业监测', summary: '用传感器和小程序帮助合作社管理大棚。' },
  });
}

/** Assigns the judges, then moves the clock to the event's start: scores are taken on the day. */
async function judges(eventId: string, people: As[]) {
  for (const person of people) {
    await inStaffDirectory(person);
    const res = await call('POST', `/v1/events/${eventId}/judges`, { as: officer, body: { userId: person.sub } });
    expect(res.status).toBe(201);
  }
  clockAtEventStart((await call('GET', `/v1/events/${eventId}`, { as: officer })).body, 1);
}

afterEach(() => useRealClock());

describe('judging waits for the event', () => {
  it('takes no score and publishes no results before the event starts, saying when it starts', async () => {
    const event = await roadshow();
    const entry = (await enter(event.id)).body;
    const [j1, j2] = [judgeOfficer(), mentor()];
    for (const person of [j1, j2]) {
      await inStaffDirectory(person);
      expect((await call('POST', `/v1/events/${event.id}/judges`, { as: officer, body: { userId: person.sub } })).status).toBe(201);
    }

    clockAtEventStart(event, -1);
    const early = await score(event.id, entry.id, j1, even(7));
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ status: 409, code: 'JUDGING_NOT_STARTED', startsAt: event.startsAt });
    const tasks = (await call('GET', '/v1/judging-assignments', { as: j1 })).body.items.find((t: { event: { id: string } }) => t.event.id === event.id);
    expect(tasks).toMatchObject({ open: false, toScore: 0 });

    clockAtEventStart(event, 0);
    for (const judge of [j1, j2]) expect((await score(event.id, entry.id, judge, even(7))).status).toBe(201);
    clockAtEventStart(event, -1);
    const publishedEarly = await call('POST', `/v1/events/${event.id}/results/publish`, { as: officer });
    expect(publishedEarly.status).toBe(409);
    expect(publishedEarly.body).toMatchObject({ code: 'JUDGING_NOT_STARTED', startsAt: event.startsAt });
    clockAtEventStart(event, 60);
    expect((await call('POST', `/v1/events/${event.id}/results/publish`, { as: officer })).status).toBe(200);
  });
});

describe('judges from the staff directory', () => {
  const assign = (eventId: string, userId: string) => call('POST', `/v1/events/${eventId}/judges`, { as: officer, body: { userId } });

  it('refuses an id that is not an officer or mentor of the directory, naming the field', async () => {
    const event = await roadshow();
    const finance = await inStaffDirectory({ role: 'finance', sub: uniqueSub('finance') } as As);
    for (const userId of [uniqueSub('stranger'), finance.sub!]) {
      const res = await assign(event.id, userId);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'NOT_IN_STAFF_DIRECTORY', field: 'userId', roles: ['officer', 'mentor'] });
    }
    const listed = await call('GET', `/v1/events/${event.id}/judges`, { as: officer });
    expect(listed.body.items).toEqual([]);
  });

  it('lists the judges with their names and scores, and removes one who has not scored (409 once they have)', async () => {
    const event = await roadshow();
    const entry = (await enter(event.id)).body;
    const scorer = await staffMember('mentor', 'judge', '孙评委');
    const idle = await staffMember('officer', 'judge', '李评委');
    for (const person of [scorer, idle]) expect((await assign(event.id, person.sub)).status).toBe(201);
    clockAtEventStart(event);
    expect((await score(event.id, entry.id, scorer, even(7))).status).toBe(201);

    const listed = await call('GET', `/v1/events/${event.id}/judges`, { as: { role: 'auditor' } });
    expect(listed.status).toBe(200);
    const byId = Object.fromEntries(listed.body.items.map((j: { userId: string }) => [j.userId, j]));
    expect(byId[scorer.sub]).toMatchObject({ displayName: '孙评委', scoreCount: 1, assignedBy: officer.sub });
    expect(byId[idle.sub]).toMatchObject({ displayName: '李评委', scoreCount: 0 });

    const remove = (userId: string, as: As = officer) => call('DELETE', `/v1/events/${event.id}/judges/${encodeURIComponent(userId)}`, { as });
    expect((await remove(idle.sub, { role: 'mentor', sub: scorer.sub })).status).toBe(403);
    const scored = await remove(scorer.sub);
    expect(scored.status).toBe(409);
    expect(scored.body.code).toBe('JUDGE_HAS_SCORED');
    const removed = await remove(idle.sub);
    expect(removed.status).toBe(200);
    expect(removed.body.userId).toBe(idle.sub);
    expect((await remove(idle.sub)).status).toBe(404);

    const late = await score(event.id, entry.id, idle, even(9));
    expect(late.status).toBe(403);
    expect(late.body.code).toBe('NOT_A_JUDGE');
    const tasks = (await call('GET', '/v1/judging-assignments', { as: idle })).body.items;
    expect(tasks.map((t: { event: { id: string } }) => t.event.id)).not.toContain(event.id);
    const after = (await call('GET', `/v1/events/${event.id}/judges`, { as: officer })).body.items.map((j: { userId: string }) => j.userId);
    expect(after).toEqual([scorer.sub]);
    // Assigned again, the same person is a judge once more.
    expect((await assign(event.id, idle.sub)).status).toBe(201);
  });

  it('lists an event’s entries to officers, auditors and its judges, and to nobody else', async () => {
    const event = await roadshow();
    const first = (await enter(event.id)).body;
    const second = (await enter(event.id)).body;
    const judge = await staffMember('mentor', 'judge');
    await judges(event.id, [judge]);
    for (const as of [officer, { role: 'auditor' } as As, judge]) {
      const res = await call('GET', `/v1/events/${event.id}/entries`, { as });
      expect(res.status).toBe(200);
      expect(res.body.items.map((e: { id: string }) => e.id)).toEqual([first.id, second.id]);
      expect(res.body.items[0]).toMatchObject({ startupName: first.startupName, pitchTitle: first.pitchTitle, summary: first.summary });
      expect(res.body.items[0]).not.toHaveProperty('totalSum');
    }
    expect((await call('GET', `/v1/events/${event.id}/entries`, { as: mentor() })).status).toBe(404);
    expect((await call('GET', `/v1/events/${event.id}/entries`, { as: founder() })).status).toBe(403);
  });
});

describe('entries', () => {
  it('lets a founder enter the startup their approved application created, once', async () => {
    const event = await roadshow();
    const { startup: mine, founder: me } = await approvedStartup();
    const first = await enter(event.id, me, mine.id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ startupId: mine.id, startupName: mine.name, enteredBy: me.sub });
    const again = await enter(event.id, officer, mine.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_ENTERED');
  });

  it('refuses someone else’s startup (404), a startup that left the programme (422) and a salon (422)', async () => {
    const event = await roadshow();
    expect((await enter(event.id, founder(), (await startup('incubating')).id)).status).toBe(404);
    const graduated = await enter(event.id, officer, (await startup('graduated')).id);
    expect(graduated.status).toBe(422);
    expect(graduated.body.code).toBe('NOT_ELIGIBLE');
    const salon = await publishedEvent({ kind: 'salon' });
    const res = await enter(salon.id);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NOT_JUDGED');
  });
});

describe('scoring', () => {
  it('accepts scores only from the event’s judges', async () => {
    const event = await roadshow();
    const entry = (await enter(event.id)).body;
    const res = await score(event.id, entry.id, mentor(), even(5));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('NOT_A_JUDGE');
  });

  it('takes one score per judge per entry, even when sent twice at once', async () => {
    const event = await roadshow();
    const entry = (await enter(event.id)).body;
    const judge = mentor();
    await judges(event.id, [judge]);
    const results = await Promise.all([score(event.id, entry.id, judge, even(6)), score(event.id, entry.id, judge, even(9))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('ALREADY_SCORED');
    const ranking = await call('GET', `/v1/events/${event.id}/ranking`, { as: officer });
    expect(ranking.body.items[0]).toMatchObject({ scoreCount: 1 });
    expect([30, 45]).toContain(ranking.body.items[0].meanTotal);
  });

  it('refuses a mentor who is or was assigned to the startup: conflict of interest', async () => {
    const event = await roadshow();
    const current = await testAssignment();
    const past = await testAssignment({ startup: current.startup });
    const ended = await call('POST', `/v1/assignments/${past.assignment.id}/end`, { as: mentorsOfficer, body: { reason: '项目方向调整' } });
    expect(ended.status).toBe(200);
    const unrelated = await testMentor();
    const entry = (await enter(event.id, officer, current.startup.id)).body;
    await judges(event.id, [current.mentor.as, past.mentor.as, unrelated.as]);

    for (const conflicted of [current.mentor.as, past.mentor.as]) {
      const res = await score(event.id, entry.id, conflicted, even(10));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONFLICT_OF_INTEREST');
    }
    expect((await score(event.id, entry.id, unrelated.as, even(7))).status).toBe(201);
    const [ranked] = (await call('GET', `/v1/events/${event.id}/ranking`, { as: officer })).body.items;
    expect(ranked).toMatchObject({ scoreCount: 1, meanTotal: 35 });
  });

  it('keeps an exact tally when many judges score one entry at once', async () => {
    const event = await roadshow();
    const entry = (await enter(event.id)).body;
    const panel = Array.from({ length: 12 }, judgeOfficer);
    await judges(event.id, panel);
    const results = await Promise.all(panel.map((judge, i) => score(event.id, entry.id, judge, marks(i % 11, 5, 5, (i * 3) % 11, 5))));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const totals = panel.map((_, i) => (i % 11) + 5 + 5 + ((i * 3) % 11) + 5);
    const executions = panel.map((_, i) => (i * 3) % 11);
    const [ranked] = (await call('GET', `/v1/events/${event.id}/ranking`, { as: officer })).body.items;
    expect(ranked.scoreCount).toBe(12);
    expect(ranked.meanTotal).toBe(Math.round((totals.reduce((a, b) => a + b) / 12) * 100) / 100);
    expect(ranked.meanExecution).toBe(Math.round((executions.reduce((a, b) => a + b) / 12) * 100) / 100);
  });

  it('rejects marks outside 0–10', async () => {
    const event = await roadshow();
    const entry = (await enter(event.id)).body;
    const judge = judgeOfficer();
    await judges(event.id, [judge]);
    expect((await score(event.id, entry.id, judge, marks(11, 5, 5, 5, 5))).status).toBe(400);
    expect((await score(event.id, entry.id, judge, marks(5, 5, 5, 5.5, 5))).status).toBe(400);
  });
});

describe('ranking and results', () => {
  it('ranks by mean total, then higher execution mean, then earlier entry, as computed by hand', async () => {
    const event = await roadshow();
    const entries = {} as Record<'A' | 'B' | 'C' | 'D' | 'E', string>;
    for (const name of ['A', 'B', 'C', 'D', 'E'] as const) entries[name] = (await enter(event.id)).body.id;
    const [j1, j2, j3] = [judgeOfficer(), mentor(), judgeOfficer()];
    await judges(event.id, [j1, j2, j3]);
    // A: 40 and 35 → mean 37.5, execution (8 + 7) / 2 = 7.5
    await score(event.id, entries.A, j1, even(8));
    await score(event.id, entries.A, j2, even(7));
    // B: 40 and 35 → 37.5, execution (5 + 4) / 2 = 4.5: loses the tie with A and D on execution
    await score(event.id, entries.B, j1, marks(10, 10, 10, 5, 5));
    await score(event.id, entries.B, j2, marks(9, 9, 9, 4, 4));
    // C: 45, 30 and 37 → 112 / 3 = 37.33: just below the 37.5 group despite the best execution (8)
    await score(event.id, entries.C, j1, even(9));
    await score(event.id, entries.C, j2, even(6));
    await score(event.id, entries.C, j3, marks(5, 8, 8, 9, 7));
    // D: 37 and 38 → 37.5, execution (8 + 7) / 2 = 7.5: ties A on both, entered later
    await score(event.id, entries.D, j1, marks(7, 7, 8, 8, 7));
    await score(event.id, entries.D, j2, marks(8, 8, 7, 7, 8));
    // E: 50 and 0 → 25
    await score(event.id, entries.E, j1, even(10));
    await score(event.id, entries.E, j3, even(0));

    const ranking = await call('GET', `/v1/events/${event.id}/ranking`, { as: officer });
    expect(ranking.status).toBe(200);
    expect(ranking.body.published).toBe(false);
    const byId = Object.fromEntries(Object.entries(entries).map(([name, id]) => [id, name]));
    expect(ranking.body.items.map((item: { entryId: string }) => byId[item.entryId])).toEqual(['A', 'D', 'B', 'C', 'E']);
    expect(
      ranking.body.items.map((item: { meanTotal: number; meanExecution: number; scoreCount: number; rank: number }) => [
        item.rank,
        item.meanTotal,
        item.meanExecution,
        item.scoreCount,
      ]),
    ).toEqual([
      [1, 37.5, 7.5, 2],
      [2, 37.5, 7.5, 2],
      [3, 37.5, 4.5, 2],
      [4, 37.33, 8, 3],
      [5, 25, 5, 2],
    ]);
  });

  it('lists an event among the public rankings once, and only once, its results are published', async () => {
    const event = await roadshow();
    const entry = (await enter(event.id)).body;
    const [j1, j2] = [mentor(), judgeOfficer()];
    await judges(event.id, [j1, j2]);
    await score(event.id, entry.id, j1, even(8));
    await score(event.id, entry.id, j2, even(7));
    const listed = async () => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const answer: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await call<{
          items: Array<{ id: string }>;
          nextCursor: string | null;
        }>('GET', `/v1/public/rankings?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(answer.status).toBe(200);
        ids.push(...answer.body.items.map((item: { id: string }) => item.id));
        cursor = answer.body.nextCursor;
      } while (cursor);
      return ids;
    };
    expect(await listed()).not.toContain(event.id);

    expect((await call('POST', `/v1/events/${event.id}/results/publish`, { as: officer })).status).toBe(200);
    expect(await listed()).toContain(event.id);
    const page = await call('GET', '/v1/public/rankings?limit=100');
    const item = page.body.items.find((i: { id: string }) => i.id === event.id);
    expect(item).toMatchObject({ id: event.id, kind: 'roadshow', title: '创业项目路演' });
    expect(item.resultsPublishedAt).toBeTruthy();
    expect(item).not.toHaveProperty('createdBy');
    expect(item).not.toHaveProperty('capacity');
  });

  it('shows the ranking to officers and judges before publication and to everyone after, only once every entry has two scores', async () => {
    const event = await roadshow();
    const first = (await enter(event.id)).body;
    const second = (await enter(event.id)).body;
    const [j1, j2] = [mentor(), judgeOfficer()];
    await judges(event.id, [j1, j2]);
    await score(event.id, first.id, j1, even(8));
    await score(event.id, first.id, j2, even(6));
    await score(event.id, second.id, j1, even(9));

    expect((await call('GET', `/v1/public/events/${event.id}/ranking`)).status).toBe(404);
    expect((await call('GET', `/v1/events/${event.id}/ranking`, { as: mentor() })).status).toBe(404);
    expect((await call('GET', `/v1/events/${event.id}/ranking`, { as: founder() })).status).toBe(404);
    expect((await call('GET', `/v1/events/${event.id}/ranking`, { as: j1 })).status).toBe(200);

    const early = await call('POST', `/v1/events/${event.id}/results/publish`, { as: officer });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'SCORES_MISSING', entryIds: [second.id] });

    await score(event.id, second.id, j2, even(5));
    const published = await call('POST', `/v1/events/${event.id}/results/publish`, { as: officer });
    expect(published.status).toBe(200);
    expect(published.body.resultsPublishedAt).toBeTruthy();

    expect((await call('GET', `/v1/events/${event.id}/ranking`, { as: founder() })).status).toBe(200);
    const open = await call('GET', `/v1/public/events/${event.id}/ranking`);
    expect(open.status).toBe(200);
    expect(open.body.published).toBe(true);
    expect(open.body.items.map((item: { entryId: string }) => item.entryId)).toEqual([first.id, second.id]);
    const text = JSON.stringify(open.body);
    for (const secret of [j1.sub!, j2.sub!, officer.sub!, 'founderUserId', 'comment']) expect(text).not.toContain(secret);

    const again = await call('POST', `/v1/events/${event.id}/results/publish`, { as: officer });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RESULTS_PUBLISHED');
  });

  it('refuses new scores once results are published', async () => {
    const event = await roadshow();
    const entry = (await enter(event.id)).body;
    const [j1, j2, j3] = [judgeOfficer(), judgeOfficer(), judgeOfficer()];
    await judges(event.id, [j1, j2, j3]);
    await score(event.id, entry.id, j1, even(5));
    await score(event.id, entry.id, j2, even(5));
    expect((await call('POST', `/v1/events/${event.id}/results/publish`, { as: officer })).status).toBe(200);
    const late = await score(event.id, entry.id, j3, even(10));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('RESULTS_PUBLISHED');
  });
});
