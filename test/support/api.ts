import { readFileSync } from 'node:fs';
import { createLocalApp } from '../../infra/local/app';
import { mintLocalToken } from '../../infra/local/identity';
import type { Role } from '../../shared/roles';

/** The app as `npm start` serves it, with tokens signed by the test run's key. */
const { jwtSecret } = JSON.parse(readFileSync(process.env.FUHUA_SECRETS_FILE!, 'utf8')) as { jwtSecret: string };
export const app = createLocalApp(jwtSecret);

export interface As {
  role: Role;
  sub?: string;
  /** Every role the person holds (defaults to `[role]`), as Cognito groups would give them. */
  roles?: Role[];
}

export function tokenFor(as: As, options: { ttlSeconds?: number; issuedAt?: number } = {}): Promise<string> {
  return mintLocalToken(jwtSecret, { sub: as.sub ?? `user-${as.role}`, roles: as.roles ?? [as.role], ...options });
}

export interface CallOptions {
  as?: As;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** One request through the app in-process, as a client would send it. */
export async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token ?? (options.as ? await tokenFor(options.as) : undefined);
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await app.request(path, { method, headers, body });
  // Keep a byte-order mark (CSV files start with one): `response.text()` would drop it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (CSV, HTML): keep the text
  }
  assertProblemContract(method, path, response, parsed);
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/**
 * Every error any test provokes is checked here: problem details whose `status` is the HTTP status
 * (RFC 9457) and whose `code` is stable. A domain state travels as another member (`currentStatus`).
 */
export function assertProblemContract(method: string, path: string, response: Response, body: unknown): void {
  if (response.status < 400) return;
  const where = `${method} ${path} → ${response.status}`;
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`${where}: an error answered with ${type || 'no content type'}, not problem+json`);
  const problem = body as { status?: unknown; code?: unknown } | undefined;
  if (problem?.status !== response.status) throw new Error(`${where}: problem details say status ${JSON.stringify(problem?.status)}`);
  if (typeof problem.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(problem.code)) throw new Error(`${where}: problem details have no stable code`);
}

/** Unique user ids per test, so tests in one file do not collide. */
let counter = 0;
export function uniqueSub(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
