import type { Context, Hono } from 'hono';
import type * as z from 'zod';
import type { Actor, Ctx } from '../context';
import type { Role } from '../roles';
import { now } from '../clock';
import {
  ForbiddenError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors';

/** Who may call a route: named roles, any signed-in user, or anyone (public). Deny is the default. */
export type Access = readonly Role[] | 'signed-in' | 'public';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface HandlerInput<P, Q, B> {
  c: Context<AppEnv>;
  ctx: Ctx;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  /** The version named by If-Match (routes with `ifMatch: true`). */
  expectedVersion: number;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. `/v1/applicants/{id}`. */
  path: string;
  /**
   * Stable, unique, camelCase, named for what the operation does (`submitClaim`,
   * `approvePayoutBatch`): the name generated clients give the call. Never renamed once published.
   */
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * The body may be left out (an action whose fields are all optional): an absent or empty body is
   * read as `{}`. Routes without `body` take no fields at all: any field sent is refused.
   */
  bodyOptional?: boolean;
  /** Updates of versioned records: If-Match is required (428) and must be current (412). */
  ifMatch?: boolean;
  /** Money-moving POSTs: an Idempotency-Key header is required and replays return the first answer. */
  idempotent?: boolean;
  responses: Record<number, ResponseSpec>;
  handler: (input: HandlerInput<P, Q, B>) => Response | Promise<Response>;
}

/** Declares a route once: the same object gives validation, authorization and the OpenAPI entry. */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> {
  return spec;
}

// biome-ignore lint/suspicious/noExplicitAny: a route of any shape, for the lists that hold them all
export type AnyRoute = RouteSpec<any, any, any>;

/** Reads the caller from the request; `null` when no credentials were sent. Throws on bad credentials. */
export type Authenticate = (c: Context<AppEnv>) => Promise<Actor | null>;

export interface AppEnv {
  /** `publicRoute`: the matched route is `access: 'public'` (its answers may be cached). */
  Variables: { requestId: string; clientRequestId?: string; authenticate: Authenticate; publicRoute?: boolean };
}

export const MAX_BODY_BYTES = 64 * 1024;

/** The context of a call, once the caller is known to be allowed on this route. */
export async function authorize(c: Context<AppEnv>, access: Access): Promise<Ctx> {
  const requestId = c.get('requestId');
  const clientRequestId = c.get('clientRequestId');
  const client = clientRequestId ? { clientRequestId } : {};
  if (access === 'public') {
    // Public routes ignore credentials (in the cloud they have no authorizer either).
    return { actor: { kind: 'user', sub: 'anonymous', roles: [] }, role: 'public', requestId, ...client, now: now() };
  }
  const actor = await c.get('authenticate')(c);
  if (!actor) throw new UnauthorizedError();
  const role = access === 'signed-in' ? actor.roles[0] : actor.roles.find((r) => access.includes(r));
  if (!role) {
    throw new ForbiddenError('Your role may not call this route.', 'FORBIDDEN', { requiredRoles: access === 'signed-in' ? 'any role' : access });
  }
  return { actor, role, requestId, ...client, now: now() };
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const bound = issue.code === 'too_small' ? issue.minimum : issue.code === 'too_big' ? issue.maximum : undefined;
    return {
      field: [where, ...issue.path.map(String)].join('.'),
      message: issue.message,
      issue: issue.code,
      ...(typeof bound === 'number' ? { limit: bound } : {}),
      ...((issue.code === 'too_small' || issue.code === 'too_big') && typeof issue.origin === 'string' ? { of: issue.origin } : {}),
    };
  });
  throw new ValidationError(`Invalid ${where}: ${errors.map((e) => `${e.field} (${e.message})`).join('; ')}`.slice(0, 500), errors);
}

/** No body (`undefined`) is an answer only when `optional`; otherwise an absent body is a 400. */
export async function readJsonBody(c: Context, optional = false): Promise<unknown> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  if (raw.byteLength === 0) {
    if (optional) return undefined;
    throw new ValidationError('A JSON body is required.', [{ field: 'body', message: 'required' }]);
  }
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) throw new UnsupportedMediaTypeError();
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new ValidationError('The body is not valid UTF-8 JSON.', [{ field: 'body', message: 'malformed JSON' }]);
  }
}

/** An action that takes no fields: nothing, an empty body or `{}` is accepted, anything else is a 400. */
async function refuseFields(c: Context): Promise<undefined> {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(c.req.method)) return undefined;
  const sent = await readJsonBody(c, true);
  if (sent === undefined) return undefined;
  if (typeof sent === 'object' && sent !== null && !Array.isArray(sent)) {
    const fields = Object.keys(sent);
    if (fields.length === 0) return undefined;
    throw new ValidationError(
      `This action takes no fields: ${fields.slice(0, 10).join(', ')}`.slice(0, 500),
      fields.slice(0, 20).map((field) => ({ field: `body.${field.slice(0, 100)}`, message: 'unknown field' })),
    );
  }
  throw new ValidationError('This action takes no body, or an empty object.', [{ field: 'body', message: 'expected an empty object' }]);
}

/** `"7"` or `W/"7"` → 7. */
export function readIfMatch(c: Context): number {
  const header = c.req.header('if-match');
  if (!header) throw new PreconditionRequiredError();
  const match = /^(?:W\/)?"(\d{1,12})"$/.exec(header.trim());
  if (!match) throw new PreconditionFailedError('If-Match does not name a version of this resource.');
  return Number(match[1]);
}

export function etag(version: number): string {
  return `"${version}"`;
}

/** A JSON answer; with `version`, an ETag the client sends back in If-Match. */
export function reply(c: Context, body: unknown, status = 200, version?: number): Response {
  if (version !== undefined) c.header('ETag', etag(version));
  return c.json(body as object, status as 200);
}

/** Registers every route on the app, each behind its access rule and input validation. */
export function mountRoutes(app: Hono<AppEnv>, routes: readonly AnyRoute[], wrap?: (route: AnyRoute) => AnyRoute['handler']): void {
  for (const route of routes) {
    const handler = wrap?.(route) ?? route.handler;
    app.on(route.method.toUpperCase(), route.path.replace(/\{(\w+)\}/g, ':$1'), async (c) => {
      if (route.access === 'public') c.set('publicRoute', true);
      const ctx = await authorize(c, route.access);
      const params = route.params ? parseInput(route.params, c.req.param(), 'path') : undefined;
      const query = route.query ? parseInput(route.query, c.req.query(), 'query') : undefined;
      const body = route.body ? parseInput(route.body, (await readJsonBody(c, route.bodyOptional)) ?? {}, 'body') : await refuseFields(c);
      const expectedVersion = route.ifMatch ? readIfMatch(c) : 0;
      return handler({ c, ctx, params, query, body, expectedVersion });
    });
  }
}
