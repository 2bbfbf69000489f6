import { computed, signal } from '@preact/signals';

const TOKEN_KEY = 'fuhua.token';
const ROLE_KEY = 'fuhua.role';

export interface Claims {
  sub: string;
  roles: string[];
  exp?: number;
}

function decode(token: string): Claims | null {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(
      part
        .replaceAll('-', '+')
        .replaceAll('_', '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const groups = claims['cognito:groups'];
    return { sub: String(claims.sub), roles: Array.isArray(groups) ? groups.map(String) : [], exp: typeof claims.exp === 'number' ? claims.exp : undefined };
  } catch {
    return null;
  }
}

function stored(): string | null {
  try {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const claims = token ? decode(token) : null;
    return claims && (!claims.exp || claims.exp * 1000 > Date.now()) ? token : null;
  } catch {
    return null;
  }
}

/** The bearer token of the person signed in (kept for this browser tab only). */
export const token = signal<string | null>(stored());
export const claims = computed(() => (token.value ? decode(token.value) : null));
export const signedIn = computed(() => claims.value !== null);

function storedRole(): string | null {
  try {
    return sessionStorage.getItem(ROLE_KEY);
  } catch {
    return null;
  }
}

const chosenRole = signal<string | null>(storedRole());

/**
 * The role this tab acts under. A person may hold several (an officer who is also a founder); each
 * screen acts under one at a time, chosen in the header. Staff roles come first by default.
 */
export const activeRole = computed(() => {
  const roles = claims.value?.roles ?? [];
  if (chosenRole.value && roles.includes(chosenRole.value)) return chosenRole.value;
  return roles.find((role) => role !== 'applicant') ?? roles[0] ?? null;
});

export function setActiveRole(role: string): void {
  chosenRole.value = role;
  try {
    sessionStorage.setItem(ROLE_KEY, role);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** Whether the screens act under `role` now (the role held and chosen in the header). */
export function hasRole(role: string): boolean {
  return activeRole.value === role;
}

/** Whether the person holds `role` at all, whichever role the screens act under. */
export function holdsRole(role: string): boolean {
  return claims.value?.roles.includes(role) ?? false;
}

export function signIn(next: string): void {
  token.value = next;
  sessionStorage.setItem(TOKEN_KEY, next);
}

export function signOut(): void {
  token.value = null;
  chosenRole.value = null;
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(ROLE_KEY);
}
