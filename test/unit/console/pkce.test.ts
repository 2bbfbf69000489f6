import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizeUrl, beginSignIn, codeChallenge, codeVerifier, completeSignIn } from '../../../functions/console/src/auth/pkce';

const config = { domain: 'fuhua-test.auth.cn-north-1.amazoncognito.com', clientId: 'client123', redirectUri: 'https://console.example/signed-in' };

beforeEach(() => {
  const store = new Map<string, string>();
  (globalThis as Record<string, unknown>).sessionStorage = {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => store.set(key, value),
    removeItem: (key: string) => store.delete(key),
  };
});
afterEach(() => {
  delete (globalThis as Record<string, unknown>).sessionStorage;
});

describe('Cognito sign-in with PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes 43-character base64url verifiers that differ each time', () => {
    const a = codeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(codeVerifier()).not.toBe(a);
  });

  it('sends the browser to /oauth2/authorize with the code flow, S256 and the state', () => {
    const url = new URL(authorizeUrl(config, 'CHALLENGE', 'STATE'));
    expect(url.origin + url.pathname).toBe(`https://${config.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: config.redirectUri,
      code_challenge_method: 'S256',
      code_challenge: 'CHALLENGE',
      state: 'STATE',
    });
  });

  it('sends someone new to the sign-up page with the same flow, so they come back signed in', () => {
    const url = new URL(authorizeUrl(config, 'CHALLENGE', 'STATE', 'signUp'));
    expect(url.origin + url.pathname).toBe(`https://${config.domain}/signup`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'client123',
      code_challenge_method: 'S256',
      code_challenge: 'CHALLENGE',
      state: 'STATE',
    });
  });

  it('trades the code and the verifier for the access token at /oauth2/token', async () => {
    let url = '';
    await beginSignIn(config, (to) => (url = to));
    const sent = new URL(url).searchParams;
    const verifier = sessionStorage.getItem('fuhua.pkce.verifier')!;
    expect(sent.get('code_challenge')).toBe(await codeChallenge(verifier));

    let request: { url: string; body: URLSearchParams } | undefined;
    const post = (async (to: string, init: RequestInit) => {
      request = { url: to, body: init.body as URLSearchParams };
      return new Response(JSON.stringify({ access_token: 'ACCESS', id_token: 'ID' }), { status: 200 });
    }) as typeof fetch;
    const token = await completeSignIn(config, `?code=THE_CODE&state=${sent.get('state')}`, post);
    expect(token).toBe('ACCESS');
    expect(request!.url).toBe(`https://${config.domain}/oauth2/token`);
    expect(Object.fromEntries(request!.body)).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client123',
      code: 'THE_CODE',
      redirect_uri: config.redirectUri,
      code_verifier: verifier,
    });
    // The verifier is used once.
    expect(sessionStorage.getItem('fuhua.pkce.verifier')).toBeNull();
  });

  it('refuses an answer whose state is not the one it sent', async () => {
    await beginSignIn(config, () => {});
    const post = (async () => new Response('{}')) as unknown as typeof fetch;
    await expect(completeSignIn(config, '?code=X&state=forged', post)).rejects.toThrow(/does not match/);
  });
});
