import { describe, expect, it } from 'vitest';
// The people function: it serves /v1/applicants (functions/api/domains/people.ts).
import { handler } from '../../functions/api/handlers/people';
import { applicantInput } from '../support/factories';
import { tokenFor, uniqueSub } from '../support/api';
import { answer, lambdaContext, v2Event, type EventOptions } from '../support/lambda';

/** One request through an API function's exported Lambda handler, as API Gateway invokes it. */
async function invoke(method: string, path: string, options: EventOptions = {}) {
  const result = await (handler as (e: unknown, c: unknown) => Promise<any>)(v2Event(method, path, options), lambdaContext);
  return answer(result);
}

/** Claims as the JWT authorizer passes them for a verified Cognito token (groups as one string). */
function cognitoClaims(sub: string, groups: string) {
  return { sub, 'cognito:groups': groups, token_use: 'access', iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_test', client_id: 'client' };
}

describe('the API Lambda handler (API Gateway HTTP API, payload v2)', () => {
  it('answers GET /health without a token, with the platform request id', async () => {
    const event = v2Event('GET', '/health');
    const result = answer(await (handler as any)(event, lambdaContext));
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ status: 'ok' });
    expect(result.headers['x-request-id']).toBe(event.requestContext.requestId);
  });

  it('answers an unknown path with a problem-details 404', async () => {
    const result = await invoke('GET', '/v1/no-such-thing');
    expect(result.status).toBe(404);
    expect(result.headers['content-type']).toContain('application/problem+json');
    expect(result.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: expect.any(String) });
  });

  it('never accepts a locally signed token: without authorizer claims the caller is anonymous (401)', async () => {
    const sub = uniqueSub('local');
    const token = await tokenFor({ role: 'applicant', sub });
    expect(token.split('.')).toHaveLength(3);
    for (const [method, path, body] of [
      ['GET', '/v1/applicants/me', undefined],
      ['POST', '/v1/applicants', applicantInput()],
    ] as const) {
      const result = await invoke(method, path, { headers: { authorization: `Bearer ${token}` }, body });
      expect(result.status, `${method} ${path}`).toBe(401);
      expect(result.body.code).toBe('UNAUTHORIZED');
    }
  });

  it('serves the request with the claims the JWT authorizer verified', async () => {
    const sub = uniqueSub('cognito');
    const claims = cognitoClaims(sub, '[applicant]');
    const created = await invoke('POST', '/v1/applicants', { claims, body: applicantInput() });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^apl_/);
    const me = await invoke('GET', '/v1/applicants/me', { claims });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(created.body.id);
    expect(me.headers.etag).toBeDefined();
  });

  it('reads the roles from the verified groups: an officer claim reaches officer routes, an applicant does not', async () => {
    const asApplicant = await invoke('GET', '/v1/applicants?category=veteran', { claims: cognitoClaims(uniqueSub(), '[applicant]') });
    expect(asApplicant.status).toBe(403);
    const asOfficer = await invoke('GET', '/v1/applicants?category=veteran', { claims: cognitoClaims(uniqueSub(), '[officer auditor]') });
    expect(asOfficer.status).toBe(200);
    expect(asOfficer.body.items).toEqual(expect.any(Array));
  });
});
