/** How this deployment signs people in, from `/config.json` beside index.html. */
export type AuthConfig = { auth: 'local' } | { auth: 'cognito'; domain: string; clientId: string; redirectUri: string; scopes?: string[] };

export async function loadAuthConfig(): Promise<AuthConfig> {
  try {
    const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return { auth: 'local' };
    const config = (await response.json()) as AuthConfig;
    return config.auth === 'cognito' ? config : { auth: 'local' };
  } catch {
    return { auth: 'local' };
  }
}
