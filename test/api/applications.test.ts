import { afterEach, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { call, uniqueSub, type As } from '../support/api';
import { idNumber } from '../support/factories';
import { applicationInput, officer, registeredApplicant, submittedApplication } from '../support/startups';

const auditor: As = { role: 'auditor', sub: 'auditor-apps' };

async function draft(owner: As, input = applicationInput()) {
  const res = await call('POST', '/v1/applications', { as: owner, body: input });
  expect(res.status).toBe(201);
  return { application: res.body, etag: res.headers.get('etag')! };
}

const submit = (owner: As, id: string) => call('POST', `/v1/applications/${id}/submit`, { as: owner });

afterEach(() => useRealClock());

describe('drafts', () => {
  it('saves an incomplete draft of an applicant with a profile', async () => {
    const me = await registeredApplicant();
    const res = await call('POST', '/v1/applications', { as: me, body: { projectName: '农产品直播' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', projectName: '农产品直播', applicantUserId: me.sub });
    expect(res.body.id).toMatch(/^app_[0-9A-Z]{26}$/);
    expect(res.headers.get('etag')).toBe('"1"');
  });

  it('asks for an applicant profile first', async () => {
    const res = await call('POST', '/v1/applications', { as: { role: 'applicant', sub: uniqueSub('noprofile') }, body: applicationInput() });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PROFILE_REQUIRED');
  });

  it('lets only applicants create applications', async () => {
    for (const role of ['officer', 'mentor', 'auditor'] as const) {
      expect((await call('POST', '/v1/applications', { as: { role }, body: applicationInput() })).status).toBe(403);
    }
  });

  it('validates the fields of the form', async () => {
    const me = await registeredApplicant();
    const bad = [
      { sector: 'mining' },
      { team: [] },
      { team: Array.from({ length: 11 }, () => ({ name: 'x', role: 'y', isCollegeGraduate: false })) },
      { plannedJobs: 501 },
      { space: { kind: 'desk', count: 11 } },
      { space: { kind: 'warehouse', count: 1 } },
      { businessPlan: 'x'.repeat(10_001) },
      { unknownField: true },
    ];
    for (const override of bad) {
      const res = await call('POST', '/v1/applications', { as: me, body: { ...applicationInput(), ...override } });
      expect(res.status, JSON.stringify(override).slice(0, 80)).toBe(400);
    }
  });

  it('lets the owner edit a draft with If-Match (428 without, 412 when stale)', async () => {
    const me = await registeredApplicant();
    const { application, etag } = await draft(me);
    const path = `/v1/applications/${application.id}`;
    expect((await call('PATCH', path, { as: me, body: { plannedJobs: 8 } })).status).toBe(428);
    const ok = await call('PATCH', path, { as: me, body: { plannedJobs: 8, preferredCommunityId: 'cmt_1' }, headers: { 'if-match': etag } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ plannedJobs: 8, preferredCommunityId: 'cmt_1', version: 2 });
    expect((await call('PATCH', path, { as: me, body: { plannedJobs: 9 }, headers: { 'if-match': etag } })).status).toBe(412);
    const cleared = await call('PATCH', path, { as: me, body: { preferredCommunityId: null }, headers: { 'if-match': '"2"' } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.preferredCommunityId).toBeUndefined();
  });

  it('refuses to edit anything but a draft (409)', async () => {
    const me = await registeredApplicant();
    const submitted = await submittedApplication(me);
    const res = await call('PATCH', `/v1/applications/${submitted.id}`, {
      as: me,
      body: { plannedJobs: 1 },
      headers: { 'if-match': `"${submitted.version}"` },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NOT_A_DRAFT');
  });
});

describe("someone else's application", () => {
  it('is 404 to another applicant, whether reading, editing, submitting or withdrawing', async () => {
    const owner = await registeredApplicant();
    const { application, etag } = await draft(owner);
    const stranger = await registeredApplicant();
    const path = `/v1/applications/${application.id}`;
    const answers = [
      await call('GET', path, { as: stranger }),
      await call('GET', `${path}/history`, { as: stranger }),
      await call('PATCH', path, { as: stranger, body: { plannedJobs: 1 }, headers: { 'if-match': etag } }),
      await call('POST', `${path}/submit`, { as: stranger }),
      await call('POST', `${path}/withdraw`, { as: stranger }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    const mine = await call('GET', path, { as: owner });
    expect(mine.body).toMatchObject({ status: 'draft', version: 1 });
  });

  it('is 404 to a mentor who is not its reviewer, and 403 to roles with no business there', async () => {
    const owner = await registeredApplicant();
    const submitted = await submittedApplication(owner);
    expect((await call('GET', `/v1/applications/${submitted.id}`, { as: { role: 'mentor', sub: uniqueSub('mentor') } })).status).toBe(404);
    expect((await call('GET', `/v1/applications/${submitted.id}`, { as: { role: 'park_manager' } })).status).toBe(403);
    expect((await call('GET', `/v1/applications/${submitted.id}`, { as: officer })).status).toBe(200);
    expect((await call('GET', `/v1/applications/${submitted.id}`, { as: auditor })).status).toBe(200);
  });
});

describe('submission', () => {
  it('moves a complete draft to submitted and counts it by category', async () => {
    useFixedClock('2031-07-10T02:00:00Z');
    const me = await registeredApplicant({ category: 'veteran' });
    const { application } = await draft(me);
    const res = await submit(me, application.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', submittedAt: '2031-07-10T02:00:00.000Z', applicantCategory: 'veteran' });
    const stats = await db.send(new GetCommand({ TableName: tableName(), Key: { pk: 'STATS#ALL', sk: '2031-07' } }));
    expect(stats.Item).toMatchObject({ applications_submitted: 1, applications_submitted__veteran: 1 });
  });

  it('names the missing fields of an incomplete draft', async () => {
    const me = await registeredApplicant();
    const { application } = await draft(me, { projectName: '只有名字' } as never);
    const res = await submit(me, application.id);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('INCOMPLETE');
    expect(res.body.missing).toEqual(['summary', 'sector', 'team', 'plannedJobs', 'space', 'businessPlan']);
  });

  it('cannot be repeated, and only the applicant submits', async () => {
    const me = await registeredApplicant();
    const { application } = await draft(me);
    expect((await call('POST', `/v1/applications/${application.id}/submit`, { as: officer })).status).toBe(403);
    expect((await submit(me, application.id)).status).toBe(200);
    const again = await submit(me, application.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', from: 'submitted', to: 'submitted' });
  });
});

describe('eligibility', () => {
  it('admits a college graduate on the fifth anniversary of leaving school, not the day after', async () => {
    const recent = await registeredApplicant({ category: 'college_graduate', graduation: { school: '四川大学', leftOn: '2021-12-31' }, education: 'bachelor' });
    const older = await registeredApplicant({ category: 'college_graduate', graduation: { school: '四川大学', leftOn: '2021-12-30' }, education: 'bachelor' });
    const a = await draft(recent);
    const b = await draft(older);
    useFixedClock('2026-12-31T15:00:00Z');
    expect((await submit(recent, a.application.id)).status).toBe(200);
    const refused = await submit(older, b.application.id);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'graduated_within_5_years' });
  });

  it('admits unemployed youth the day before their 35th birthday, not on it', async () => {
    const young = await registeredApplicant({ category: 'unemployed_youth', idNumber: idNumber('19910615') });
    const turning = await registeredApplicant({ category: 'unemployed_youth', idNumber: idNumber('19910614') });
    const a = await draft(young);
    const b = await draft(turning);
    useFixedClock('2026-06-14T08:00:00Z');
    expect((await submit(young, a.application.id)).status).toBe(200);
    const refused = await submit(turning, b.application.id);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'under_35' });
  });

  it('allows one active application per applicant', async () => {
    const me = await registeredApplicant();
    await submittedApplication(me);
    const second = await draft(me);
    const refused = await submit(me, second.application.id);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'one_active_application' });
  });

  it('lets exactly one of many drafts through when they are submitted all at once', async () => {
    const me = await registeredApplicant();
    const drafts = await Promise.all(Array.from({ length: 10 }, () => draft(me)));
    const attempts = drafts.flatMap((d) => Array.from({ length: 5 }, () => submit(me, d.application.id)));
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.every((r) => r.status === 200 || r.status === 409 || r.status === 422)).toBe(true);
    const mine = await call('GET', '/v1/applications?mine=true&limit=100', { as: me });
    expect(mine.body.items.filter((a: { status: string }) => a.status === 'submitted')).toHaveLength(1);
  });
});

describe('withdrawal', () => {
  it('withdraws a draft or a submitted application, which frees the applicant to submit another', async () => {
    const me = await registeredApplicant();
    const first = await draft(me);
    expect((await call('POST', `/v1/applications/${first.application.id}/withdraw`, { as: me })).body.status).toBe('withdrawn');
    const submitted = await submittedApplication(me);
    const res = await call('POST', `/v1/applications/${submitted.id}/withdraw`, { as: me });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
    const next = await draft(me);
    expect((await submit(me, next.application.id)).status).toBe(200);
  });

  it('cannot be done twice, or by an officer', async () => {
    const me = await registeredApplicant();
    const submitted = await submittedApplication(me);
    expect((await call('POST', `/v1/applications/${submitted.id}/withdraw`, { as: officer })).status).toBe(403);
    expect((await call('POST', `/v1/applications/${submitted.id}/withdraw`, { as: me })).status).toBe(200);
    const again = await call('POST', `/v1/applications/${submitted.id}/withdraw`, { as: me });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
  });
});

describe('listing', () => {
  it('shows an applicant only their own applications, drafts included', async () => {
    const me = await registeredApplicant();
    const other = await registeredApplicant();
    const { application } = await draft(me);
    await draft(other);
    const mine = await call('GET', '/v1/applications?mine=true', { as: me });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([application.id]);
    expect((await call('GET', '/v1/applications', { as: me })).status).toBe(403);
    expect((await call('GET', '/v1/applications?status=submitted', { as: me })).status).toBe(403);
  });

  it('gives officers the queue by status and sector, oldest submission first, page by page', async () => {
    const sector = 'culture_tourism';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await submittedApplication(await registeredApplicant(), { sector })).id);
    await draft(await registeredApplicant(), applicationInput({ sector }));
    const first = await call('GET', `/v1/applications?status=submitted&sector=${sector}&limit=2`, { as: officer });
    expect(first.status).toBe(200);
    const second = await call('GET', `/v1/applications?status=submitted&sector=${sector}&limit=2&cursor=${first.body.nextCursor}`, { as: auditor });
    const listed = [...first.body.items, ...second.body.items].map((a: { id: string }) => a.id);
    expect(listed).toEqual(ids);
    const all = await call('GET', '/v1/applications?status=submitted&limit=100', { as: officer });
    expect(all.body.items.every((a: { status: string }) => a.status === 'submitted')).toBe(true);
    const times = all.body.items.map((a: { submittedAt: string }) => a.submittedAt);
    expect(times).toEqual([...times].sort());
  });
});
