import type { Role } from './roles';

/** Who is acting: a signed-in user, or the system itself (schedules, reactions to domain events). */
export interface Actor {
  kind: 'user' | 'system';
  sub: string;
  roles: Role[];
}

/** What every service call receives: the actor, the role they act in, the request id, and "now". */
export interface Ctx {
  actor: Actor;
  role: Role | 'system' | 'public';
  /** The platform's request id (API Gateway's, or the server's own locally). */
  requestId: string;
  /** A well-formed `x-request-id` the client sent, kept beside the platform's, never instead of it. */
  clientRequestId?: string;
  now: Date;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', sub: 'system', roles: [] };

export function systemCtx(requestId: string, now = new Date()): Ctx {
  return { actor: SYSTEM_ACTOR, role: 'system', requestId, now };
}

export function hasRole(ctx: Ctx, role: Role): boolean {
  return ctx.actor.roles.includes(role);
}
