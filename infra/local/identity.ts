import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sign, verify } from 'hono/jwt';
import type { Secrets } from '../../shared/secrets';
import type { Authenticate } from '../../shared/http/route';
import { actorFromClaims } from '../../shared/http/principal';
import { UnauthorizedError } from '../../shared/errors';
import type { Role } from '../../shared/roles';

/**
 * Local identity only. These HS256 tokens are signed with a key kept in the data folder; the cloud
 * function has no code path that accepts them (it reads claims verified by API Gateway's Cognito
 * authorizer), so a deployed stack can never run with local identity.
 */
export interface LocalSecrets extends Secrets {
  jwtSecret: string;
}

export const LOCAL_ISSUER = 'fuhua-local';

export function secretsFile(dataDir: string): string {
  return join(dataDir, 'secrets.json');
}

/** The local keys if the data folder has them (undefined if not); never makes new ones. */
export function readLocalSecrets(dataDir: string): LocalSecrets | undefined {
  const file = secretsFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets) : undefined;
}

/** Reads the local keys, making them on first use (folder 0700, file 0600: only this user can read them). */
export function ensureLocalSecrets(dataDir: string): LocalSecrets {
  const existing = readLocalSecrets(dataDir);
  if (existing) return existing;
  const file = secretsFile(dataDir);
  if (!existsSync(dataDir)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
  }
  const secrets: LocalSecrets = {
    jwtSecret: randomBytes(32).toString('base64'),
    idNumberKey: randomBytes(32).toString('base64'),
    dataKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function demoSub(role: Role): string {
  return `demo-${role.replace('_', '-')}`;
}

/** A token with the same claims Cognito would issue: `sub` and `cognito:groups`. */
export async function mintLocalToken(secret: string, claims: { sub: string; roles: Role[]; ttlSeconds?: number; issuedAt?: number }): Promise<string> {
  const iat = claims.issuedAt ?? Math.floor(Date.now() / 1000);
  return sign({ sub: claims.sub, 'cognito:groups': claims.roles, iss: LOCAL_ISSUER, iat, exp: iat + (claims.ttlSeconds ?? 12 * 3600) }, secret, 'HS256');
}

export function localAuthenticate(secret: string): Authenticate {
  return async (c) => {
    const header = c.req.header('authorization');
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedError('Authorization must be "Bearer <token>".');
    let claims: Record<string, unknown>;
    try {
      claims = await verify(match[1]!, secret, { alg: 'HS256', iss: LOCAL_ISSUER });
    } catch {
      throw new UnauthorizedError('The token is invalid or has expired.');
    }
    // hono's verify checks `exp` only when present: a token that never expires is refused here.
    if (typeof claims.exp !== 'number') throw new UnauthorizedError('The token has no expiry (exp); mint a new one with npm run token.');
    return actorFromClaims(claims);
  };
}
