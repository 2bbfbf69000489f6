import { now } from '../../../shared/clock';
import type { Ctx } from '../../../shared/context';
import type { Role } from '../../../shared/roles';
import { demoSub } from '../identity';

/** A context acting as a demo user, as if they had called the API. */
export function demoCtx(role: Role, sub = demoSub(role)): Ctx {
  return { actor: { kind: 'user', sub, roles: [role] }, role, requestId: 'demo-seed', now: now() };
}

/** The same demo user acting at another moment, so the demo has a history of several months. */
export function at(ctx: Ctx, when: Date): Ctx {
  return { ...ctx, now: when };
}
