/**
 * Cognito managed login with the authorization-code flow and PKCE (RFC 7636) on a public client:
 * no client secret; the verifier stays in this tab's sessionStorage until the code comes back.
 */
export interface CognitoConfig {
  domain: string;
  clientId: string;
  redirectUri: string;
  scopes?: string[];
}

const VERIFIER_KEY = 'fuhua.pkce.verifier';
const STATE_KEY = 'fuhua.pkce.state';

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** A code verifier: 32 random bytes, base64url (43 characters, within RFC 7636's 43–128). */
export function codeVerifier(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) => crypto.getRandomValues(b)): string {
  return base64url(random(new Uint8Array(32)));
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

function origin(domain: string): string {
  return domain.startsWith('https://') ? domain.replace(/\/$/, '') : `https://${domain}`;
}

/**
 * The managed-login URL to send the browser to: sign-in (`/oauth2/authorize`), or the sign-up page
 * (`/signup`, which takes the authorize endpoint's parameters and returns the same code).
 */
export function authorizeUrl(config: CognitoConfig, challenge: string, state: string, page: 'signIn' | 'signUp' = 'signIn'): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: (config.scopes ?? ['openid', 'email']).join(' '),
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state,
  });
  return `${origin(config.domain)}${page === 'signUp' ? '/signup' : '/oauth2/authorize'}?${query}`;
}

/** Starts sign-in (or sign-up): remembers verifier and state, then leaves for Cognito. */
export async function beginSignIn(
  config: CognitoConfig,
  go: (url: string) => void = (url) => location.assign(url),
  page: 'signIn' | 'signUp' = 'signIn',
): Promise<void> {
  const verifier = codeVerifier();
  const state = codeVerifier();
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  sessionStorage.setItem(STATE_KEY, state);
  go(authorizeUrl(config, await codeChallenge(verifier), state, page));
}

/** The body of the token request that trades the code (and the verifier) for tokens. */
export function tokenRequestBody(config: CognitoConfig, code: string, verifier: string): URLSearchParams {
  return new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: config.redirectUri, code_verifier: verifier });
}

/** Finishes sign-in on the redirect URI: checks `state`, exchanges the code, returns the access token. */
export async function completeSignIn(config: CognitoConfig, search: string, post: typeof fetch = fetch): Promise<string> {
  const params = new URLSearchParams(search);
  const code = params.get('code');
  const verifier = sessionStorage.getItem(VERIFIER_KEY);
  const expected = sessionStorage.getItem(STATE_KEY);
  sessionStorage.removeItem(VERIFIER_KEY);
  sessionStorage.removeItem(STATE_KEY);
  if (!code || !verifier || !expected || params.get('state') !== expected) throw new Error('The sign-in answer does not match the request.');
  const response = await post(`${origin(config.domain)}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenRequestBody(config, code, verifier),
  });
  if (!response.ok) throw new Error(`The token exchange failed (${response.status}).`);
  const tokens = (await response.json()) as { access_token?: string };
  if (!tokens.access_token) throw new Error('The token answer has no access token.');
  return tokens.access_token;
}
