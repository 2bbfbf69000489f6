import { describe, expect, it } from 'vitest';
import { app, call, tokenFor, uniqueSub } from '../support/api';
import { applicantInput } from '../support/factories';
import { mintLocalToken } from '../../infra/local/identity';
import { routes } from '../../functions/api/routes';

const officer = { role: 'officer' as const };

function expectProblem(res: { status: number; body: any; headers: Headers }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
}

describe('authentication', () => {
  it('answers 401 without a token', async () => {
    expectProblem(await call('GET', '/v1/applicants/me'), 401, 'UNAUTHORIZED');
  });

  it('answers 401 to a token with a bad signature', async () => {
    const forged = await mintLocalToken('not-the-key', { sub: 'x', roles: ['officer'] });
    expectProblem(await call('GET', '/v1/applicants', { token: forged }), 401, 'UNAUTHORIZED');
  });

  it('answers 401 to an expired token', async () => {
    const expired = await tokenFor(officer, { issuedAt: Math.floor(Date.now() / 1000) - 7200, ttlSeconds: 60 });
    expectProblem(await call('GET', '/v1/applicants', { token: expired }), 401, 'UNAUTHORIZED');
  });

  it('answers 401 to a malformed Authorization header', async () => {
    expectProblem(await call('GET', '/v1/applicants', { headers: { authorization: 'Basic abc' } }), 401, 'UNAUTHORIZED');
  });

  it('answers 403 to a role the route does not allow', async () => {
    expectProblem(await call('GET', '/v1/applicants', { as: { role: 'mentor' } }), 403, 'FORBIDDEN');
  });
});

describe('request validation', () => {
  const me = () => ({ role: 'applicant' as const, sub: uniqueSub() });

  it('answers 415 to a body that is not JSON', async () => {
    const res = await call('POST', '/v1/applicants', { as: me(), body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 400 to malformed JSON', async () => {
    expectProblem(await call('POST', '/v1/applicants', { as: me(), body: '{"name": ' }), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 to an empty body', async () => {
    expectProblem(await call('POST', '/v1/applicants', { as: me(), body: '', headers: { 'content-type': 'application/json' } }), 400, 'VALIDATION_FAILED');
  });

  it('answers 413 to a body over 64 KB', async () => {
    const res = await call('POST', '/v1/applicants', { as: me(), body: { ...applicantInput(), name: 'x'.repeat(70 * 1024) } });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers 400 to a body of the wrong shape, naming each field', async () => {
    const res = await call('POST', '/v1/applicants', { as: me(), body: [1, 2, 3] });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.length).toBeGreaterThan(0);
  });

  it('answers 400 to a deeply nested body without failing', async () => {
    const deep = '['.repeat(20000) + ']'.repeat(20000);
    expectProblem(await call('POST', '/v1/applicants', { as: me(), body: deep }), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 to bytes that are not UTF-8', async () => {
    const token = await tokenFor(me());
    const res = await app.request('/v1/applicants', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expect(res.status).toBe(400);
  });

  it('caps page sizes at 100 and rejects forged cursors', async () => {
    expectProblem(await call('GET', '/v1/applicants?limit=101', { as: officer }), 400, 'VALIDATION_FAILED');
    expectProblem(await call('GET', '/v1/applicants?limit=0', { as: officer }), 400, 'VALIDATION_FAILED');
    const forged = Buffer.from(JSON.stringify({ gsi1pk: 'AUDIT#x', pk: 'x', sk: 'y' })).toString('base64url');
    expectProblem(await call('GET', `/v1/applicants?cursor=${forged}`, { as: officer }), 400, 'VALIDATION_FAILED');
    expectProblem(await call('GET', '/v1/applicants?cursor=%%%', { as: officer }), 400, 'VALIDATION_FAILED');
  });

  it('refuses a tampered cursor on the caller’s own partition as 400, not 500', async () => {
    const cursor = (key: Record<string, unknown> | string) => Buffer.from(typeof key === 'string' ? key : JSON.stringify(key)).toString('base64url');
    const tampered = [
      { gsi1pk: 'APPLICANTS' },
      { gsi1pk: 'APPLICANTS', gsi1sk: 'x' },
      { gsi1pk: 'APPLICANTS', gsi1sk: 'x', pk: 'APPLICANT#x' },
      { gsi1pk: 'APPLICANTS', gsi1sk: 'x', pk: 'APPLICANT#x', sk: 'PROFILE', gsi2pk: 'APPLICANTS#x' },
      { gsi1pk: 'APPLICANTS', gsi1sk: 'x', pk: 'APPLICANT#x', sk: 7 },
      { gsi1pk: 'APPLICANTS', gsi1sk: '', pk: 'APPLICANT#x', sk: 'PROFILE' },
      '{"gsi1pk":"APPLICANTS","gsi1sk":"x","pk":"APPLICANT#x","sk":"PROFILE","__proto__":"y"}',
      '{"gsi1pk":"APPLICANTS","gsi1sk":"x","pk":"APPLICANT#x","constructor":"PROFILE"}',
    ];
    for (const key of tampered) {
      expectProblem(await call('GET', `/v1/applicants?cursor=${cursor(key)}`, { as: officer }), 400, 'VALIDATION_FAILED');
    }
    // A start key outside the range queried (DynamoDB would refuse it) is refused before it is sent.
    const outside = cursor({ gsi3pk: 'EVENTS', gsi3sk: '2000-01-01T00:00:00.000Z#evt_x', pk: 'EVENT#evt_x', sk: 'EVENT' });
    expectProblem(await call('GET', `/v1/events?cursor=${outside}&from=2027-01-01T00:00:00.000Z`, { as: officer }), 400, 'VALIDATION_FAILED');
    const inside = cursor({ gsi3pk: 'EVENTS', gsi3sk: '2027-02-01T00:00:00.000Z#evt_x', pk: 'EVENT#evt_x', sk: 'EVENT' });
    expect((await call('GET', `/v1/events?cursor=${inside}&from=2027-01-01T00:00:00.000Z`, { as: officer })).status).toBe(200);
    // A well-formed key of the list still pages on.
    const honest = cursor({ gsi1pk: 'APPLICANTS', gsi1sk: 'x', pk: 'APPLICANT#x', sk: 'PROFILE' });
    expect((await call('GET', `/v1/applicants?cursor=${honest}`, { as: officer })).status).toBe(200);
  });

  it('refuses any field sent to an action that takes none, and accepts an absent or empty body', async () => {
    const actions = routes.filter((route) => route.method !== 'get' && !route.body && route.access !== 'public');
    expect(actions.length).toBeGreaterThan(5);
    for (const route of actions) {
      const shape = (route.params?.shape ?? {}) as Record<string, { meta: () => { example?: string } | undefined }>;
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => shape[name]?.meta()?.example ?? 'x');
      const role = Array.isArray(route.access) ? route.access[0] : 'applicant';
      const where = `${route.method.toUpperCase()} ${route.path}`;
      const refused = await call(route.method.toUpperCase(), path, { as: { role, sub: uniqueSub('strict') }, body: { reason: 'kept silently?' } });
      expect(refused.status, where).toBe(400);
      expect(refused.body.errors, where).toEqual([{ field: 'body.reason', message: 'unknown field' }]);
      expect((await call(route.method.toUpperCase(), path, { as: { role, sub: uniqueSub('strict') }, body: [] })).status, where).toBe(400);
      const empty = await call(route.method.toUpperCase(), path, { as: { role, sub: uniqueSub('strict') }, body: {} });
      expect(empty.status === 400 && empty.body.field === 'body', where).toBe(false);
      expect(empty.body.errors?.some((e: { field: string }) => e.field.startsWith('body')) ?? false, where).toBe(false);
    }
  });

  it('rejects ids of the wrong shape as 400, not 404 or 500', async () => {
    expectProblem(await call('GET', '/v1/applicants/not-an-id', { as: officer }), 400, 'VALIDATION_FAILED');
  });
});

describe('responses', () => {
  it('answers unknown routes with a problem-details 404', async () => {
    expectProblem(await call('GET', '/v1/nothing-here'), 404, 'NOT_FOUND');
  });

  it('puts a request id on every response, keeping a well-formed one sent by the client', async () => {
    const generated = await call('GET', '/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^req_/);
    const kept = await call('GET', '/v1/applicants/me', { headers: { 'x-request-id': 'client-abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('client-abc-123');
    expect(kept.body.requestId).toBe('client-abc-123');
    const refused = await call('GET', '/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(refused.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('answers files named after Object.prototype members with a problem-details 404', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expectProblem(await call('GET', `/docs/assets/${name}`), 404, 'NOT_FOUND');
    }
    expect((await call('GET', '/docs/assets/swagger-ui.css')).status).toBe(200);
  });

  it('reports health without a token', async () => {
    const res = await call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and names the roles of every operation', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const operations = Object.values(res.body.paths as Record<string, Record<string, any>>).flatMap((p) => Object.values(p));
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) expect(operation['x-roles']).toBeDefined();
    expect(res.body.paths['/v1/applicants'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(res.body.paths['/v1/applicants/me'].patch.parameters.some((p: { name: string }) => p.name === 'If-Match')).toBe(true);
  });
});
