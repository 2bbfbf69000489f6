import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../functions/console/build';
import { createLocalApp } from '../../infra/local/app';

const { jwtSecret } = JSON.parse(readFileSync(process.env.FUHUA_SECRETS_FILE!, 'utf8')) as { jwtSecret: string };
const outdir = mkdtempSync(join(tmpdir(), 'fuhua-console-'));
let app: ReturnType<typeof createLocalApp>;

beforeAll(async () => {
  const built = await buildConsole({ outdir, write: false });
  app = createLocalApp(jwtSecret, { console: built.files });
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the console on the local server', () => {
  it('answers page paths with the single-page app', async () => {
    for (const path of ['/', '/events', '/application', '/claims/anything']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('<div id="app"></div>');
    }
  });

  it('never answers the API, docs, OpenAPI or health paths with the HTML: they keep problem+json 404s', async () => {
    for (const path of ['/v1', '/v1/nothing-here', '/docs/nothing', '/openapi.json/x', '/health/x', '/local/nothing']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('application/problem+json');
      expect(((await res.json()) as { code: string }).code).toBe('NOT_FOUND');
    }
    expect((await app.request('/openapi.json')).headers.get('content-type')).toContain('application/json');
    expect(await (await app.request('/health')).json()).toEqual({ status: 'ok' });
  });

  it('serves the hashed assets, and a missing asset is a 404 rather than the page', async () => {
    const html = await (await app.request('/')).text();
    const script = /src="(\/assets\/main-[A-Z0-9]+\.js)"/.exec(html)![1]!;
    const res = await app.request(script);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/assets/main-NOPE.js')).status).toBe(404);
    expect((await app.request('/favicon.ico')).status).toBe(404);
  });

  it('says sign-in is local in /config.json', async () => {
    expect(await (await app.request('/config.json')).json()).toEqual({ auth: 'local' });
  });

  it('signs in as the demo user of a role with /local/login, the token in the fragment only', async () => {
    const res = await app.request('/local/login?as=park_manager');
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/signed-in#token=/);
    const token = decodeURIComponent(location.split('#token=')[1]!);
    const claims = await verify(token, jwtSecret, 'HS256');
    expect(claims).toMatchObject({ sub: 'demo-park-manager', 'cognito:groups': ['park_manager'] });
    const me = await app.request('/v1/mentors/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(403);
  });

  it('signs in one person with several roles, and a second person of the same role', async () => {
    const claimsOf = async (query: string) => {
      const location = (await app.request(`/local/login${query}`)).headers.get('location')!;
      return verify(decodeURIComponent(location.split('#token=')[1]!), jwtSecret, 'HS256');
    };
    expect(await claimsOf('?as=officer,applicant')).toMatchObject({ sub: 'demo-officer+demo-applicant', 'cognito:groups': ['officer', 'applicant'] });
    expect(await claimsOf('?as=finance&person=2')).toMatchObject({ sub: 'demo-finance-2', 'cognito:groups': ['finance'] });
    expect(await claimsOf('?as=finance')).toMatchObject({ sub: 'demo-finance' });
    // A new person each time: a founder who has never been here, as after signing up.
    const first = await claimsOf('?as=applicant&person=new');
    const second = await claimsOf('?as=applicant&person=new');
    expect(first.sub).toMatch(/^local-applicant-[0-9a-f]{8}$/);
    expect(second.sub).not.toBe(first.sub);
  });

  it('refuses /local/login without a known role', async () => {
    for (const query of ['', '?as=boss', '?as=officer,boss', '?as=officer,officer', '?as=finance&person=0', '?as=finance&person=x']) {
      const res = await app.request(`/local/login${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    }
  });
});
