import type { Actor } from '../context';
import { isRole } from '../roles';
import { UnauthorizedError } from '../errors';

/**
 * The caller from verified token claims. Cognito puts groups (our roles) in `cognito:groups`; API
 * Gateway's JWT authorizer passes arrays on as a string like `[officer auditor]`, so both forms are read.
 */
export function actorFromClaims(claims: Record<string, unknown>): Actor {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 128) throw new UnauthorizedError('The token has no subject.');
  const raw = claims['cognito:groups'];
  const groups = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
  return { kind: 'user', sub, roles: groups.filter(isRole) };
}
