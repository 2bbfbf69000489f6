import { describe, expect, it } from 'vitest';
import { seedApplicants } from '../../infra/local/demo/applicants';
import { DEMO_MENTORS, seedMentors } from '../../infra/local/demo/mentors';
import { monthOf, now } from '../../shared/clock';
import { call } from '../support/api';

describe('mentoring demo data', () => {
  it('loads through the services: 8 mentors, the demo mentor with startups and a month of sessions', async () => {
    await seedApplicants();
    await seedMentors();
    const team = await call('GET', '/v1/mentors?limit=100', { as: { role: 'officer' } });
    expect(team.body.items).toHaveLength(DEMO_MENTORS.length);
    expect(new Set(team.body.items.flatMap((m: { sectors: string[] }) => m.sectors)).size).toBeGreaterThanOrEqual(5);

    const me = await call('GET', '/v1/mentors/me', { as: { role: 'mentor', sub: 'demo-mentor' } });
    expect(me.status).toBe(200);
    expect(me.body.activeMentees).toBe(2);
    const mine = await call('GET', '/v1/assignments', { as: { role: 'mentor', sub: 'demo-mentor' } });
    expect(mine.body.items).toHaveLength(2);

    const from = monthOf(new Date(now().getTime() - 40 * 24 * 3600 * 1000));
    const report = await call('GET', `/v1/mentors/${me.body.id}/report?from=${from}&to=${monthOf(now())}`, { as: { role: 'mentor', sub: 'demo-mentor' } });
    expect(report.body.totals.sessions).toBe(10);
    expect(report.body.totals.startupsServed).toBe(2);
    expect(report.body.totals.confirmed).toBeGreaterThan(0);
    expect(report.body.totals.confirmed).toBeLessThan(10);

    // The demo applicant's startup has two mentors, five sessions each.
    const theirs = mine.body.items.find((a: { founderUserId: string }) => a.founderUserId === 'demo-applicant');
    const sessions = await call('GET', `/v1/startups/${theirs.startupId}/sessions?limit=50`, { as: { role: 'applicant', sub: 'demo-applicant' } });
    expect(sessions.body.items).toHaveLength(10);
  });
});
