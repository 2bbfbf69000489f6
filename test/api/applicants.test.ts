import { describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { call, uniqueSub, type As } from '../support/api';
import { applicantInput, idNumber } from '../support/factories';

const applicant = (): As => ({ role: 'applicant', sub: uniqueSub('apl') });
const officer: As = { role: 'officer', sub: 'officer-1' };

describe('applicant registration', () => {
  it('registers a profile and only ever returns the identity number masked', async () => {
    const me = applicant();
    const input = applicantInput({ idNumber: idNumber('19950615') });
    const res = await call('POST', '/v1/applicants', { as: me, body: input });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^apl_[0-9A-Z]{26}$/);
    expect(res.body.idNumberMasked).toBe(`${input.idNumber.slice(0, 3)}${'*'.repeat(11)}${input.idNumber.slice(-4)}`);
    expect(res.body.birthDate).toBe('1995-06-15');
    expect(JSON.stringify(res.body)).not.toContain(input.idNumber);
    expect(res.headers.get('etag')).toBe('"1"');

    const mine = await call('GET', '/v1/applicants/me', { as: me });
    expect(mine.status).toBe(200);
    expect(mine.body.id).toBe(res.body.id);
  });

  it('keeps the identity number out of every stored item, audit record included', async () => {
    const input = applicantInput();
    const res = await call('POST', '/v1/applicants', { as: applicant(), body: input });
    expect(res.status).toBe(201);
    const items = [
      ...((
        await db.send(
          new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `APPLICANT#${res.body.id}` } }),
        )
      ).Items ?? []),
      ...((
        await db.send(
          new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${res.body.id}` } }),
        )
      ).Items ?? []),
    ];
    expect(items).toHaveLength(2);
    for (const item of items) expect(JSON.stringify(item)).not.toContain(input.idNumber);
  });

  it('refuses a second profile for the same login', async () => {
    const me = applicant();
    expect((await call('POST', '/v1/applicants', { as: me, body: applicantInput() })).status).toBe(201);
    const again = await call('POST', '/v1/applicants', { as: me, body: applicantInput() });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REGISTRATION_REFUSED');
  });

  it('refuses a second profile with the same identity number, even lower-case x', async () => {
    const id = idNumber('19900101');
    expect((await call('POST', '/v1/applicants', { as: applicant(), body: applicantInput({ idNumber: id }) })).status).toBe(201);
    const twin = await call('POST', '/v1/applicants', { as: applicant(), body: applicantInput({ idNumber: id.toLowerCase() }) });
    expect(twin.status).toBe(409);
    expect(twin.body.code).toBe('REGISTRATION_REFUSED');
  });

  it('answers a taken identity number exactly as it answers a second profile of one login: no oracle of who is registered', async () => {
    const id = idNumber('19910505');
    const holder = applicant();
    expect((await call('POST', '/v1/applicants', { as: holder, body: applicantInput({ idNumber: id }) })).status).toBe(201);
    const taken = await call('POST', '/v1/applicants', { as: applicant(), body: applicantInput({ idNumber: id }) });
    const secondProfile = await call('POST', '/v1/applicants', { as: holder, body: applicantInput({ idNumber: idNumber('19910606') }) });
    const shape = (res: typeof taken) => ({
      status: res.status,
      code: res.body.code,
      title: res.body.title,
      detail: res.body.detail,
      keys: Object.keys(res.body).sort(),
    });
    expect(shape(taken)).toEqual(shape(secondProfile));
    expect(JSON.stringify(taken.body)).not.toContain(id.slice(-4));
  });

  it('takes at most five registration attempts a day from one login, then says when to retry', async () => {
    const guesser = applicant();
    const holder = applicant();
    const id = idNumber('19920707');
    expect((await call('POST', '/v1/applicants', { as: holder, body: applicantInput({ idNumber: id }) })).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await call('POST', '/v1/applicants', { as: guesser, body: applicantInput({ idNumber: id }) })).status).toBe(409);
    const sixth = await call('POST', '/v1/applicants', { as: guesser, body: applicantInput() });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('TOO_MANY_REGISTRATION_ATTEMPTS');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(86_400);
    // Another login is not held back by this one.
    expect((await call('POST', '/v1/applicants', { as: applicant(), body: applicantInput() })).status).toBe(201);
  });

  it('holds the daily ceiling under parallel attempts from one login', async () => {
    const guesser = applicant();
    const results = await Promise.all(Array.from({ length: 12 }, () => call('POST', '/v1/applicants', { as: guesser, body: applicantInput() })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
  });

  it("lets an officer free a number someone else registered, after checking the owner's documents, so the owner can register", async () => {
    const id = idNumber('19940808');
    const squatter = applicant();
    const profile = await call('POST', '/v1/applicants', { as: squatter, body: applicantInput({ idNumber: id }) });
    const owner = applicant();
    expect((await call('POST', '/v1/applicants', { as: owner, body: applicantInput({ idNumber: id }) })).status).toBe(409);
    const path = `/v1/applicants/${profile.body.id}/identity-release`;
    const body = { reason: '本人持身份证原件到中心核验，号码被他人冒用登记。', documentsChecked: true };
    for (const role of ['applicant', 'finance', 'auditor', 'mentor', 'park_manager'] as const) {
      expect((await call('POST', path, { as: { role }, body, headers: { 'if-match': '"1"' } })).status, role).toBe(403);
    }
    expect((await call('POST', path, { as: officer, body: { ...body, documentsChecked: false }, headers: { 'if-match': '"1"' } })).status).toBe(400);
    expect((await call('POST', path, { as: officer, body, headers: { 'if-match': '"9"' } })).status).toBe(412);
    const released = await call('POST', path, { as: officer, body, headers: { 'if-match': '"1"' } });
    expect(released.status).toBe(200);
    expect(released.body.identityReleased).toMatchObject({ by: officer.sub, reason: body.reason });
    expect((await call('POST', path, { as: officer, body, headers: { 'if-match': '"2"' } })).body.code).toBe('IDENTITY_ALREADY_RELEASED');
    expect((await call('POST', '/v1/applicants', { as: owner, body: applicantInput({ idNumber: id }) })).status).toBe(201);
    const trail = await call('GET', `/v1/audit?entityId=${profile.body.id}`, { as: { role: 'auditor' } });
    expect(trail.body.items.map((r: { action: string }) => r.action)).toContain('applicant.identity_released');
  });

  it('gives exactly one 201 and one 409 to two parallel registrations with one identity number', async () => {
    const id = idNumber('19930303');
    const results = await Promise.all([1, 2].map(() => call('POST', '/v1/applicants', { as: applicant(), body: applicantInput({ idNumber: id }) })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('rejects an identity number whose check character is wrong, naming the field', async () => {
    const good = idNumber();
    const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await call('POST', '/v1/applicants', { as: applicant(), body: applicantInput({ idNumber: wrongCheck }) });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors[0].field).toBe('body.idNumber');
    expect(res.body.errors[0].message).toContain('check character');
  });

  it('rejects a birth date that is not a real day, or not in the past', async () => {
    for (const birth of ['19990230', '20991231']) {
      const res = await call('POST', '/v1/applicants', { as: applicant(), body: applicantInput({ idNumber: idNumber(birth) }) });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('body.idNumber');
    }
  });

  it('requires graduation details of a college graduate', async () => {
    const res = await call('POST', '/v1/applicants', { as: applicant(), body: applicantInput({ category: 'college_graduate' }) });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('body.graduation');
  });

  it('rejects a phone number that is not a mainland mobile', async () => {
    const res = await call('POST', '/v1/applicants', { as: applicant(), body: applicantInput({ phone: '23912345678' }) });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body.phone');
  });

  it('rejects unknown fields instead of storing them', async () => {
    const res = await call('POST', '/v1/applicants', { as: applicant(), body: { ...applicantInput(), role: 'officer' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('lets only applicants register', async () => {
    const res = await call('POST', '/v1/applicants', { as: officer, body: applicantInput() });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});

describe('applicant profile updates', () => {
  async function registered() {
    const me = applicant();
    const res = await call('POST', '/v1/applicants', { as: me, body: applicantInput() });
    return { me, profile: res.body, etag: res.headers.get('etag')! };
  }

  it('needs If-Match (428), refuses a stale one (412) and accepts the current one', async () => {
    const { me, etag } = await registered();
    expect((await call('PATCH', '/v1/applicants/me', { as: me, body: { phone: '13700000000' } })).status).toBe(428);
    const ok = await call('PATCH', '/v1/applicants/me', { as: me, body: { phone: '13700000000' }, headers: { 'if-match': etag } });
    expect(ok.status).toBe(200);
    expect(ok.body.phone).toBe('13700000000');
    expect(ok.headers.get('etag')).toBe('"2"');
    const stale = await call('PATCH', '/v1/applicants/me', { as: me, body: { phone: '13600000000' }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
  });

  it('never changes the identity number', async () => {
    const { me, etag } = await registered();
    const res = await call('PATCH', '/v1/applicants/me', { as: me, body: { idNumber: idNumber() }, headers: { 'if-match': etag } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('idNumber');
  });

  it('changes no fact that decides money: category, graduation, discharge day and name need a change request', async () => {
    const { me, etag } = await registered();
    for (const body of [
      { category: 'college_graduate' },
      { graduation: { school: '四川大学', leftOn: '2024-06-30' } },
      { veteranDischargedOn: '2020-01-01' },
      { name: '新名字' },
    ]) {
      const res = await call('PATCH', '/v1/applicants/me', { as: me, body, headers: { 'if-match': etag } });
      expect(res.status).toBe(400);
      const [field] = Object.keys(body);
      expect(res.body.errors[0]).toMatchObject({ field: `body.${field}` });
      expect(res.body.errors[0].message).toContain('change request');
    }
    expect((await call('GET', '/v1/applicants/me', { as: me })).body.version).toBe(1);
  });

  it('records who changed what, before and after, in the audit trail', async () => {
    const { me, profile, etag } = await registered();
    await call('PATCH', '/v1/applicants/me', { as: me, body: { district: '双流区' }, headers: { 'if-match': etag } });
    const trail = await call('GET', `/v1/audit?entityId=${profile.id}`, { as: { role: 'auditor' } });
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((r: { action: string }) => r.action)).toEqual(['applicant.updated', 'applicant.registered']);
    const [update] = trail.body.items;
    expect(update.actorId).toBe(me.sub);
    expect(update.role).toBe('applicant');
    expect(update.changes).toEqual({ district: { before: '天府新区', after: '双流区' } });
  });
});

describe('reading applicants', () => {
  it('shows a profile to officers and its owner, and 404 to another applicant', async () => {
    const owner = applicant();
    const { body } = await call('POST', '/v1/applicants', { as: owner, body: applicantInput() });
    expect((await call('GET', `/v1/applicants/${body.id}`, { as: owner })).status).toBe(200);
    expect((await call('GET', `/v1/applicants/${body.id}`, { as: officer })).status).toBe(200);
    expect((await call('GET', `/v1/applicants/${body.id}`, { as: { role: 'auditor' } })).status).toBe(200);
    const other = await call('GET', `/v1/applicants/${body.id}`, { as: applicant() });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('NOT_FOUND');
  });

  it('lists applicants of a category from the index, page by page', async () => {
    for (let i = 0; i < 3; i++) await call('POST', '/v1/applicants', { as: applicant(), body: applicantInput({ category: 'veteran' }) });
    const first = await call('GET', '/v1/applicants?category=veteran&limit=2', { as: officer });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call('GET', `/v1/applicants?category=veteran&limit=2&cursor=${first.body.nextCursor}`, { as: officer });
    expect(second.body.items.length).toBeGreaterThanOrEqual(1);
    const ids = [...first.body.items, ...second.body.items].map((a: { id: string }) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...first.body.items, ...second.body.items].every((a: { category: string }) => a.category === 'veteran')).toBe(true);
  });

  it('does not let applicants list others', async () => {
    expect((await call('GET', '/v1/applicants', { as: applicant() })).status).toBe(403);
  });
});
