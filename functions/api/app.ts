import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, ServiceUnavailableError, TooManyRequestsError } from '../../shared/errors';
import { withIdempotency } from '../../shared/http/idempotency';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../../shared/http/problem';
import { mountRoutes, type AnyRoute, type AppEnv, type Authenticate } from '../../shared/http/route';
import { newId } from '../../shared/ids';
import { log, withRequestLog } from '../../shared/logger';
import { countFailure } from '../../shared/metrics';

export interface AppOptions {
  /** How callers are identified: verified Cognito claims in the cloud, local HS256 tokens on a laptop. */
  authenticate: Authenticate;
  /** Request id of the platform (API Gateway), when there is one. */
  platformRequestId?: (c: Context<AppEnv>) => string | undefined;
  /** Routes to serve: one domain's in a deployed function, every route locally (the local server adds the docs). */
  routes: readonly AnyRoute[];
  /** Wraps route handlers, e.g. with idempotency. */
  wrap?: (route: AnyRoute) => AnyRoute['handler'];
}

/** Errors of the AWS SDK that mean "busy, try again", answered 503 with Retry-After. */
const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
]);

const REQUEST_ID = /^[\w.:-]{1,100}$/;

function problem(c: Context<AppEnv>, error: AppError): Response {
  const body = problemBody(error.status, error.code, error.message, {
    ...error.extra,
    instance: c.req.path,
    requestId: c.get('requestId'),
  });
  if (error instanceof ServiceUnavailableError || error instanceof TooManyRequestsError) c.header('Retry-After', String(error.retryAfterSeconds));
  return c.body(JSON.stringify(body), error.status as 400, { 'Content-Type': PROBLEM_CONTENT_TYPE });
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException)
    return new AppError(error.status, error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', error.message || 'Bad request');
  if (error instanceof Error && TRANSIENT.has(error.name)) return new ServiceUnavailableError(1);
  return undefined;
}

/** The Hono app, the same in the cloud and on a laptop; only `authenticate` differs. */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : (options.platformRequestId?.(c) ?? newId('req'));
    c.set('requestId', requestId);
    c.set('authenticate', options.authenticate);
    // Every line logged while the request runs carries its id.
    await withRequestLog(requestId, next);
    c.res.headers.set('x-request-id', requestId);
    // Path templates, status and timing only: no query strings, bodies or personal data.
    withRequestLog(requestId, () =>
      log().info('request', {
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      }),
    );
  });

  app.get('/health', (c) => c.json({ status: 'ok' }));
  // Idempotency-Key handling for every route flagged `idempotent`, around any other wrapper.
  mountRoutes(app, options.routes, (route) => withIdempotency(route, options.wrap?.(route) ?? route.handler));

  app.notFound((c) => problem(c, new AppError(404, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`)));
  app.onError((error, c) => {
    const known = toAppError(error);
    if (known) return problem(c, known);
    countFailure('UnhandledErrors');
    withRequestLog(c.get('requestId'), () =>
      log().error('unhandled error', {
        error: { name: (error as Error).name, message: (error as Error).message, stack: (error as Error).stack },
      }),
    );
    return problem(c, new AppError(500, 'INTERNAL', 'Something went wrong on our side. The request id identifies it for support.'));
  });
  return app;
}
