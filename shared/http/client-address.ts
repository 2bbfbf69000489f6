import type { Context } from 'hono';

interface PlatformEnv {
  /** API Gateway (HTTP API), passed on by hono/aws-lambda: the address of the TCP connection. */
  requestContext?: { http?: { sourceIp?: string } };
  /** @hono/node-server (npm start): the incoming socket. */
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The header CloudFront's viewer-request function writes the viewer's address into, in front of the
 * API in the cloud (infra/stacks/console.ts). Read only where the stack says the API sits behind it
 * (`FUHUA_VIEWER_ADDRESS_HEADER=on`); a caller going to API Gateway directly could write it too, which
 * gets them no more than changing their address does: the limit per claim still holds.
 */
export const VIEWER_ADDRESS_HEADER = 'x-fuhua-viewer-address';

/**
 * Where a request came from, for per-sender limits. The platform's own view of the connection is
 * used when there is one; `X-Forwarded-For` only when there is none (the app called in-process),
 * since a client could write anything in it.
 */
export function clientAddress(c: Context): string {
  const env = (c.env ?? {}) as PlatformEnv;
  if (env.requestContext && process.env.FUHUA_VIEWER_ADDRESS_HEADER === 'on') {
    const viewer = c.req.header(VIEWER_ADDRESS_HEADER)?.trim();
    if (viewer && viewer.length <= 64) return viewer;
  }
  const platform = env.requestContext?.http?.sourceIp ?? env.incoming?.socket?.remoteAddress;
  if (platform) return platform;
  if (env.requestContext || env.incoming) return 'unknown';
  return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
}
