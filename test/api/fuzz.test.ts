import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { routes } from '../../functions/api/routes';
import { db } from '../../shared/db/client';
import type { Role } from '../../shared/roles';
import { app, tokenFor } from '../support/api';
import { requestArbitrary } from '../support/fuzz';

/**
 * Thousands of generated requests across every route. Whatever a client sends: never a 5xx,
 * every 4xx is problem details with a code, and a refused request changes no data.
 * Reproduce a failure with FUZZ_SEED=<seed printed in the failure>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const WRITES = new Set(['PutCommand', 'UpdateCommand', 'DeleteCommand', 'TransactWriteCommand', 'BatchWriteCommand']);

describe('fuzzing every route', () => {
  it(`answers ${RUNS} generated requests without a 5xx, with problem details, changing nothing when refusing`, async () => {
    const tokens = new Map<Role, string>();
    const tokenOf = async (role: Role) => {
      if (!tokens.has(role)) tokens.set(role, await tokenFor({ role, sub: `fuzz-${role}` }));
      return tokens.get(role)!;
    };
    let writes: string[] = [];
    const realSend = db.send.bind(db);
    const spy = vi.spyOn(db, 'send').mockImplementation((async (command: { constructor: { name: string } }, ...rest: unknown[]) => {
      const result = await (realSend as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
      // Idempotency bookkeeping (claiming a key, releasing it after a refusal) is not domain data.
      const input = (command as unknown as { input?: { Key?: { pk?: string }; Item?: { pk?: string } } }).input;
      const key = input?.Key?.pk ?? input?.Item?.pk ?? '';
      if (WRITES.has(command.constructor.name) && !key.startsWith('IDEMPOTENCY#')) writes.push(command.constructor.name);
      return result;
    }) as never);
    const statuses = new Map<number, number>();
    try {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(routes), fc.nat(), async (request, pick) => {
          const allowed = Array.isArray(request.route.access) ? (request.route.access as Role[]) : (['applicant'] as Role[]);
          const headers: Record<string, string> = {};
          if (request.withToken) headers.authorization = `Bearer ${await tokenOf(allowed[pick % allowed.length]!)}`;
          if (request.contentType) headers['content-type'] = request.contentType;
          if (request.route.ifMatch && pick % 3 !== 0) headers['if-match'] = `"${pick % 4}"`;
          if (request.route.idempotent && pick % 5 !== 0) headers['idempotency-key'] = `fuzz-${pick}`;
          writes = [];
          const response = await app.request(`${request.path}${request.query}`, { method: request.route.method.toUpperCase(), headers, body: request.body });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const text = await response.text();
          const where = `${request.route.method.toUpperCase()} ${request.path}${request.query} → ${response.status} ${text.slice(0, 300)}`;
          expect(response.status, where).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get('content-type'), where).toContain('application/problem+json');
            const problem = JSON.parse(text);
            expect(problem.code, where).toEqual(expect.any(String));
            expect(problem.status, `problem status is not the HTTP status: ${where}`).toBe(response.status);
            expect(writes, `refused but wrote: ${where}`).toEqual([]);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    } finally {
      spy.mockRestore();
    }
    // The generator must reach the handlers, not only the validators.
    const succeeded = [...statuses].filter(([status]) => status < 300).reduce((n, [, count]) => n + count, 0);
    expect(succeeded).toBeGreaterThan(RUNS * 0.02);
  }, 600_000);

  it('answers paths named after Object.prototype members, docs included, with a problem-details 404', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/docs/assets/', '/docs/', '/', '/v1/', '/v1/public/', '/openapi.json/'),
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype'),
        async (prefix, name) => {
          const response = await app.request(`${prefix}${name}`);
          const text = await response.text();
          const where = `GET ${prefix}${name} → ${response.status} ${text.slice(0, 200)}`;
          expect(response.status, where).toBe(404);
          expect(response.headers.get('content-type'), where).toContain('application/problem+json');
          expect(JSON.parse(text), where).toMatchObject({ status: 404, code: 'NOT_FOUND' });
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });
});
