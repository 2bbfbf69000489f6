import { describe, expect, it } from 'vitest';
import { call, uniqueSub, type As } from '../support/api';
import { publishedEvent, register } from '../support/events';
import { officer, registeredApplicant, submittedApplication } from '../support/startups';
import { staffMember } from '../support/staff';

const marks = { innovation: 7, feasibility: 7, team: 7, jobCreation: 7, socialValue: 7, comment: 'ok' };

describe('the staff directory', () => {
  it('lists a staff member under the roles of their sign-in, by the name they recorded', async () => {
    const person: As = { role: 'officer', sub: uniqueSub('officer'), roles: ['officer', 'mentor'] };
    expect((await call('GET', '/v1/staff/me', { as: person })).status).toBe(404);
    const recorded = await call('PUT', '/v1/staff/me', { as: person, body: { displayName: '  张科长 ' } });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ userId: person.sub, displayName: '张科长', roles: ['officer', 'mentor'] });
    expect((await call('GET', '/v1/staff/me', { as: person })).body.displayName).toBe('张科长');
    const find = async (role: string) =>
      (await call('GET', `/v1/staff?role=${role}&limit=100`, { as: officer })).body.items.filter((m: { userId: string }) => m.userId === person.sub);
    expect(await find('officer')).toEqual([expect.objectContaining({ displayName: '张科长' })]);
    expect(await find('mentor')).toHaveLength(1);

    // Signed in later with the officer role only: the mentor listing goes, the name is updated.
    const later: As = { ...person, roles: ['officer'] };
    expect((await call('PUT', '/v1/staff/me', { as: later, body: { displayName: '张明' } })).status).toBe(200);
    expect(await find('officer')).toEqual([expect.objectContaining({ displayName: '张明', roles: ['officer'] })]);
    expect(await find('mentor')).toEqual([]);
  });

  it('takes roles from the token, never from the body, and lists only for officers', async () => {
    const mentor: As = { role: 'mentor', sub: uniqueSub('mentor') };
    const smuggled = await call('PUT', '/v1/staff/me', { as: mentor, body: { displayName: '王老师', roles: ['officer'] } });
    expect(smuggled.status).toBe(400);
    expect((await call('PUT', '/v1/staff/me', { as: { role: 'applicant', sub: uniqueSub('a') }, body: { displayName: '申请人' } })).status).toBe(403);
    expect((await call('PUT', '/v1/staff/me', { as: mentor, body: { displayName: '' } })).status).toBe(400);
    for (const role of ['mentor', 'finance', 'auditor', 'applicant'] as const) {
      const res = await call('GET', '/v1/staff?role=officer', { as: { role, sub: uniqueSub(role) } });
      expect(res.status, role).toBe(403);
    }
    expect((await call('GET', '/v1/staff?role=finance', { as: officer })).status).toBe(400);
    expect((await call('GET', '/v1/staff', { as: officer })).status).toBe(400);
  });

  it('records the entry in the audit trail', async () => {
    const person: As = { role: 'finance', sub: uniqueSub('finance') };
    await call('PUT', '/v1/staff/me', { as: person, body: { displayName: '财务李' } });
    const trail = await call('GET', `/v1/audit?entityId=${person.sub}`, { as: { role: 'auditor', sub: 'auditor-staff' } });
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((r: { action: string }) => r.action)).toContain('staff.recorded');
  });
});

describe('removing a reviewer', () => {
  async function underReview() {
    const founder = await registeredApplicant();
    const application = await submittedApplication(founder);
    const reviewers = [(await staffMember('mentor', 'r')).sub, (await staffMember('mentor', 'r')).sub];
    for (const reviewerId of reviewers) {
      expect((await call('POST', `/v1/applications/${application.id}/reviewers`, { as: officer, body: { reviewerId } })).status).toBe(200);
    }
    return { founder, application, reviewers };
  }
  const remove = (id: string, reviewerId: string, as: As = officer) =>
    call('DELETE', `/v1/applications/${id}/reviewers/${encodeURIComponent(reviewerId)}`, { as });

  it('takes off a reviewer who has not scored, with their worklist entry, and audits it', async () => {
    const { application, reviewers } = await underReview();
    const res = await remove(application.id, reviewers[0]!);
    expect(res.status).toBe(200);
    expect(res.body.reviewers).toEqual([reviewers[1]]);
    expect(res.body.status).toBe('under_review');
    const worklist = await call('GET', '/v1/review-assignments', { as: { role: 'mentor', sub: reviewers[0] } });
    expect(worklist.body.items).toEqual([]);
    // No longer a reviewer: may not score, and the same person may be assigned again.
    const late = await call('POST', `/v1/applications/${application.id}/scores`, { as: { role: 'mentor', sub: reviewers[0] }, body: marks });
    expect(late.status).toBe(404);
    expect((await call('POST', `/v1/applications/${application.id}/reviewers`, { as: officer, body: { reviewerId: reviewers[0] } })).status).toBe(200);
    const history = await call('GET', `/v1/applications/${application.id}/history`, { as: officer });
    expect(history.body.items.map((e: { action: string }) => e.action)).toContain('application.reviewer_removed');
  });

  it('refuses to remove a reviewer who has scored (the score counts) or one who is not assigned', async () => {
    const { application, reviewers } = await underReview();
    expect((await call('POST', `/v1/applications/${application.id}/scores`, { as: { role: 'mentor', sub: reviewers[0] }, body: marks })).status).toBe(201);
    const scored = await remove(application.id, reviewers[0]!);
    expect(scored.status).toBe(409);
    expect(scored.body.code).toBe('REVIEWER_HAS_SCORED');
    expect((await call('GET', `/v1/applications/${application.id}`, { as: officer })).body.reviewers).toEqual(reviewers);
    expect((await remove(application.id, uniqueSub('stranger'))).status).toBe(404);
  });

  it('is for officers only, and only before the decision', async () => {
    const { founder, application, reviewers } = await underReview();
    for (const as of [founder, { role: 'mentor', sub: reviewers[0] } as As, { role: 'auditor', sub: 'auditor-x' } as As]) {
      expect((await remove(application.id, reviewers[1]!, as)).status).toBe(403);
    }
    for (const sub of reviewers) await call('POST', `/v1/applications/${application.id}/scores`, { as: { role: 'mentor', sub }, body: marks });
    const extra = (await staffMember('mentor', 'r')).sub;
    await call('POST', `/v1/applications/${application.id}/reviewers`, { as: officer, body: { reviewerId: extra } });
    expect((await call('POST', `/v1/applications/${application.id}/decision`, { as: officer, body: { decision: 'reject', reason: 'no' } })).status).toBe(200);
    const after = await remove(application.id, extra);
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('INVALID_TRANSITION');
  });
});

describe("the review queue by the applicant's category", () => {
  it("narrows the queue to the applicant's category, oldest first", async () => {
    const sector = 'culture_tourism';
    const veteran = await submittedApplication(await registeredApplicant({ category: 'veteran' }), { sector });
    const migrant = await submittedApplication(await registeredApplicant({ category: 'returning_migrant_worker' }), { sector });
    const ids = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await call('GET', `/v1/applications?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as: officer });
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((a: { id: string }) => a.id));
        cursor = res.body.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const veterans = await ids(`status=submitted&sector=${sector}&category=veteran`);
    expect(veterans).toContain(veteran.id);
    expect(veterans).not.toContain(migrant.id);
    const all = await ids(`status=submitted&category=returning_migrant_worker`);
    expect(all).toContain(migrant.id);
    expect(all).not.toContain(veteran.id);
    expect((await call('GET', '/v1/applications?mine=true&category=veteran', { as: officer })).status).toBe(400);
    expect((await call('GET', '/v1/applications?category=astronaut', { as: officer })).status).toBe(400);
  });
});

describe('the review queue as CSV', () => {
  it('exports the queue as filtered, oldest first, without naming the applicant; for staff only', async () => {
    const name = `导出项目 ${uniqueSub('x')}`;
    const founder = await registeredApplicant({ name: '导出测试人', category: 'veteran' });
    const application = await submittedApplication(founder, { projectName: name, sector: 'modern_agriculture' });
    const res = await call('GET', '/v1/applications/export.csv?status=submitted&sector=modern_agriculture&category=veteran', { as: officer });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('applications-submitted.csv');
    const lines = (res.body as string)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('id,projectName,status,sector,applicantCategory,plannedJobs,submittedAt,reviewers,scoreCount,averageScore,decision,decidedAt');
    const row = lines.find((line) => line.startsWith(application.id));
    expect(row).toContain(`${name},submitted,modern_agriculture,veteran,5,`);
    expect(res.body).not.toContain('导出测试人');
    // Another category: not in the file.
    const others = await call('GET', '/v1/applications/export.csv?status=submitted&category=college_graduate', { as: officer });
    expect(others.body).not.toContain(application.id);
    expect((await call('GET', '/v1/applications/export.csv', { as: { role: 'auditor', sub: 'auditor-x' } })).status).toBe(200);
    for (const role of ['applicant', 'mentor', 'finance', 'park_manager'] as const) {
      expect((await call('GET', '/v1/applications/export.csv', { as: { role, sub: uniqueSub(role) } })).status, role).toBe(403);
    }
    expect((await call('GET', '/v1/applications/export.csv?status=draft', { as: officer })).status).toBe(400);
  });
});

describe('event registrations with names', () => {
  it("shows staff each registrant's name from their profile, and a registrant only their own, without names of others", async () => {
    const event = await publishedEvent();
    const named = await registeredApplicant({ name: '签到测试人' });
    const anonymous: As = { role: 'applicant', sub: uniqueSub('guest') };
    expect((await register(event.id, named)).status).toBe(201);
    expect((await register(event.id, anonymous)).status).toBe(201);
    const staff = await call('GET', `/v1/events/${event.id}/registrations`, { as: officer });
    expect(staff.status).toBe(200);
    const byUser = new Map(staff.body.items.map((r: { userId: string; registrantName?: string }) => [r.userId, r.registrantName]));
    expect(byUser.get(named.sub)).toBe('签到测试人');
    expect(byUser.has(anonymous.sub)).toBe(true);
    expect(byUser.get(anonymous.sub)).toBeUndefined();
    const own = await call('GET', `/v1/events/${event.id}/registrations`, { as: anonymous });
    expect(own.body.items).toHaveLength(1);
    expect(JSON.stringify(own.body)).not.toContain('签到测试人');
  });
});
