import { describe, expect, it } from 'vitest';
import { seedApplicants } from '../../infra/local/demo/applicants';
import { seedStaff } from '../../infra/local/demo/staff';
import { seedApplications } from '../../infra/local/demo/applications';
import { DEMO_MENTORS, seedMentors } from '../../infra/local/demo/mentors';
import { monthOf, now } from '../../shared/clock';
import { call } from '../support/api';

const demoMentor = { role: 'mentor' as const, sub: 'demo-mentor' };

describe('mentoring demo data', () => {
  it('loads through the services: 8 mentors, the demo mentor with two startups and a month of sessions', async () => {
    await seedStaff();
    await seedApplicants();
    await seedApplications();
    await seedMentors();
    const team = await call('GET', '/v1/mentors?limit=100', { as: { role: 'officer' } });
    expect(team.body.items).toHaveLength(DEMO_MENTORS.length);
    expect(new Set(team.body.items.flatMap((m: { sectors: string[] }) => m.sectors)).size).toBeGreaterThanOrEqual(5);

    const me = await call('GET', '/v1/mentors/me', { as: demoMentor });
    expect(me.status).toBe(200);
    expect(me.body.activeMentees).toBe(2);
    const mine = await call('GET', '/v1/assignments', { as: demoMentor });
    expect(mine.body.items).toHaveLength(2);

    const from = monthOf(new Date(now().getTime() - 40 * 24 * 3600 * 1000));
    const report = await call('GET', `/v1/mentors/${me.body.id}/report?from=${from}&to=${monthOf(now())}`, { as: demoMentor });
    const logged = [];
    for (const month of report.body.months) {
      logged.push(...(await call('GET', `/v1/mentors/${me.body.id}/sessions?month=${month.month}&limit=100`, { as: demoMentor })).body.items);
    }
    expect(report.body.totals.sessions).toBe(logged.length);
    expect(logged.length).toBeGreaterThanOrEqual(6);
    expect(report.body.totals.startupsServed).toBe(2);
    expect(report.body.totals.confirmed).toBeGreaterThan(0);
    expect(report.body.totals.confirmed).toBeLessThan(logged.length);

    // The founder sees the sessions of their startup, from both of its mentors.
    const theirs = mine.body.items.find((a: { founderUserId: string }) => a.founderUserId === 'demo-applicant-2');
    const sessions = await call('GET', `/v1/startups/${theirs.startupId}/sessions?limit=50`, { as: { role: 'applicant', sub: 'demo-applicant-2' } });
    expect(new Set(sessions.body.items.map((s: { mentorUserId: string }) => s.mentorUserId))).toEqual(new Set(['demo-mentor', 'demo-mentor-6']));
  });
});
