import { describe, expect, it } from 'vitest';
import { dayOf, now } from '../../shared/clock';
import { call, uniqueSub } from '../support/api';
import { applicantInput } from '../support/factories';

const auditor = { role: 'auditor' as const };

async function registerSomeone(name = '测试人', sub = uniqueSub()) {
  const me = { role: 'applicant' as const, sub };
  const res = await call('POST', '/v1/applicants', { as: me, body: applicantInput({ name }) });
  expect(res.status).toBe(201);
  return { me, profile: res.body, etag: res.headers.get('etag')! };
}

describe('audit search', () => {
  it("finds an entity's trail, newest first", async () => {
    const { me, profile, etag } = await registerSomeone();
    await call('PATCH', '/v1/applicants/me', { as: me, body: { district: '新津区' }, headers: { 'if-match': etag } });
    const res = await call('GET', `/v1/audit?entityId=${profile.id}`, { as: auditor });
    expect(res.body.items.map((r: { action: string }) => r.action)).toEqual(['applicant.updated', 'applicant.registered']);
  });

  it('finds what one actor did', async () => {
    const { me, profile } = await registerSomeone();
    const res = await call('GET', `/v1/audit?actorId=${me.sub}`, { as: { role: 'officer' } });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ actorId: me.sub, entityId: profile.id });
  });

  it('finds what happened on one day, page by page', async () => {
    await registerSomeone();
    await registerSomeone();
    const day = dayOf(now());
    const first = await call('GET', `/v1/audit?day=${day}&limit=1`, { as: auditor });
    expect(first.body.items).toHaveLength(1);
    const second = await call('GET', `/v1/audit?day=${day}&limit=1&cursor=${first.body.nextCursor}`, { as: auditor });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].at <= first.body.items[0].at).toBe(true);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('needs exactly one search key', async () => {
    expect((await call('GET', '/v1/audit', { as: auditor })).status).toBe(400);
    expect((await call('GET', '/v1/audit?entityId=a&actorId=b', { as: auditor })).status).toBe(400);
    expect((await call('GET', '/v1/audit?day=2026-02-30', { as: auditor })).status).toBe(400);
  });

  it('is closed to applicants, mentors, managers and finance', async () => {
    for (const role of ['applicant', 'mentor', 'park_manager', 'finance'] as const) {
      expect((await call('GET', '/v1/audit?entityId=x', { as: { role } })).status).toBe(403);
    }
  });
});

describe('the audit export', () => {
  it('is CSV with a header row, masked values and defused formulas', async () => {
    const { profile } = await registerSomeone('=HYPERLINK("x")', `=SUM(1)${uniqueSub()}`);
    const day = dayOf(now());
    const res = await call('GET', `/v1/audit/export.csv?day=${day}`, { as: auditor });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (res.body as string).replace(/\r\n$/, '').split('\r\n');
    expect(lines[0]).toBe('\uFEFFat,actorId,actorKind,role,action,entityType,entityId,requestId,changes');
    const row = lines.find((line) => line.includes(profile.id))!;
    expect(row).toContain('applicant.registered');
    expect(row).toContain(profile.idNumberMasked);
    expect(row).toContain('HYPERLINK');
    expect(row).toContain(`,'=SUM(1)`);
    expect(row).not.toMatch(/(^|,)"?[=+\-@]/);
  });

  it('exports one entity or one actor, oldest first, and needs exactly one of day, entity or actor', async () => {
    const sub = uniqueSub('export-actor');
    const { me, profile, etag } = await registerSomeone('导出测试', sub);
    expect((await call('PATCH', '/v1/applicants/me', { as: me, body: { district: '新津区' }, headers: { 'if-match': etag } })).status).toBe(200);
    const byEntity = await call('GET', `/v1/audit/export.csv?entityId=${profile.id}`, { as: auditor });
    expect(byEntity.status).toBe(200);
    expect(byEntity.headers.get('content-disposition')).toContain(`audit-entity-${profile.id}.csv`);
    const rows = (byEntity.body as string).replace(/\r\n$/, '').split('\r\n').slice(1);
    expect(rows.map((row) => row.split(',')[4])).toEqual(['applicant.registered', 'applicant.updated']);
    const byActor = await call('GET', `/v1/audit/export.csv?actorId=${sub}`, { as: auditor });
    expect((byActor.body as string).split('\r\n').filter((row) => row.includes(profile.id))).toHaveLength(2);
    for (const query of ['', `?day=2026-01-01&actorId=${sub}`, '?entityId=']) {
      const res = await call('GET', `/v1/audit/export.csv${query}`, { as: auditor });
      expect(res.status, query).toBe(400);
    }
  });

  it('is for auditors only', async () => {
    expect((await call('GET', '/v1/audit/export.csv?day=2026-01-01', { as: { role: 'officer' } })).status).toBe(403);
  });
});
