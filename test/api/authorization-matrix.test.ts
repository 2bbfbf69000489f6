import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/api/routes';
import { buildOpenApiDocument } from '../../functions/docs/openapi';
import { mintLocalToken } from '../../infra/local/identity';
import { ROLES, type Role } from '../../shared/roles';
import type { AnyRoute } from '../../shared/http/route';
import { app, call, tokenFor } from '../support/api';

/**
 * Every route × every role (and no token, an expired token, a forged token): the outcome must
 * follow the route's declared roles. Adding a route without a declaration fails here.
 */
const SAMPLE_ID = 'apl_01JD3Z7K8M9N0P1Q2R3S4T5V6W';

function concretePath(route: AnyRoute): string {
  // Path parameters declare an example (see idParam); use it so the id has the right prefix.
  const shape = (route.params?.shape ?? {}) as Record<string, { meta: () => { example?: string } | undefined }>;
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => shape[name]?.meta()?.example ?? SAMPLE_ID);
}

type Caller = { label: string; token?: () => Promise<string>; role?: Role };

const callers: Caller[] = [
  { label: 'no token' },
  { label: 'expired token', token: () => tokenFor({ role: 'officer' }, { issuedAt: Math.floor(Date.now() / 1000) - 3600, ttlSeconds: 60 }) },
  { label: 'forged token', token: () => mintLocalToken('some-other-key', { sub: 'mallory', roles: ['officer', 'auditor', 'finance'] }) },
  ...ROLES.map((role) => ({ label: role, role, token: () => tokenFor({ role, sub: `matrix-${role}` }) })),
];

describe('the authorization matrix', () => {
  it('has a role declaration on every route the app serves and in the OpenAPI document', () => {
    const declared = new Set(routes.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`));
    const served = app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/v1/')).map((r) => `${r.method} ${r.path}`);
    for (const route of served) expect(declared, `${route} is served but not declared`).toContain(route);
    for (const route of routes) {
      const access = route.access;
      expect(access === 'public' || access === 'signed-in' || (Array.isArray(access) && access.length > 0), `${route.path}`).toBe(true);
    }
    const document = buildOpenApiDocument(routes);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(item as Record<string, Record<string, unknown>>)) {
        expect(operation['x-roles'], `${method} ${path}`).toBeDefined();
      }
    }
  });

  for (const route of routes) {
    it(`${route.method.toUpperCase()} ${route.path} admits exactly ${JSON.stringify(route.access)}`, async () => {
      for (const caller of callers) {
        const token = caller.token ? await caller.token() : undefined;
        const res = await call(route.method.toUpperCase(), concretePath(route), { token, body: route.body ? {} : undefined });
        const where = `${caller.label} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        expect(res.status, where).toBeLessThan(500);
        if (route.access === 'public') {
          expect([401, 403], where).not.toContain(res.status);
          continue;
        }
        if (!caller.role) {
          expect(res.status, where).toBe(401);
          continue;
        }
        const allowed = route.access === 'signed-in' || (route.access as readonly Role[]).includes(caller.role);
        if (allowed) {
          expect(res.status, where).not.toBe(401);
          expect(res.body?.requiredRoles, where).toBeUndefined();
        } else {
          expect(res.status, where).toBe(403);
          expect(res.body.requiredRoles, where).toBeDefined();
        }
      }
    });
  }
});
