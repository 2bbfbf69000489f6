import { handle } from 'hono/aws-lambda';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { actorFromClaims } from '../../shared/http/principal';
import type { AnyRoute } from '../../shared/http/route';
import { logger } from '../../shared/logger';
import { createApp } from './app';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * The Lambda handler of an API function serving `routes`. In the cloud, API Gateway's JWT
 * authorizer has already verified the Cognito token; the function only reads the verified claims.
 * There is deliberately no other way in: a token that did not pass the authorizer carries no
 * claims here and is treated as absent.
 */
export function lambdaHandler(routes: readonly AnyRoute[]) {
  const app = createApp({
    routes,
    authenticate: async (c) => {
      const claims = (c.env as { event?: Event } | undefined)?.event?.requestContext?.authorizer?.jwt?.claims;
      return claims ? actorFromClaims(claims) : null;
    },
    platformRequestId: (c) => (c.env as { event?: Event } | undefined)?.event?.requestContext?.requestId,
  });
  const serve = handle(app);
  /** Each invocation gives the logger its Lambda context (function, cold start, invocation id). */
  const handler: typeof serve = (event, context) => {
    if (context) logger.addContext(context as Parameters<typeof logger.addContext>[0]);
    return serve(event, context);
  };
  return handler;
}
