import type { Context } from 'hono';

interface PlatformEnv {
  /** API Gateway (HTTP API), passed on by hono/aws-lambda: the address of the TCP connection. */
  requestContext?: { http?: { sourceIp?: string } };
  /** @hono/node-server (npm start): the incoming socket. */
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * Where a request came from, for per-sender limits. The platform's own view of the connection is
 * used when there is one; `X-Forwarded-For` only when there is none (the app called in-process),
 * since a client could write anything in it.
 */
export function clientAddress(c: Context): string {
  const env = (c.env ?? {}) as PlatformEnv;
  const platform = env.requestContext?.http?.sourceIp ?? env.incoming?.socket?.remoteAddress;
  if (platform) return platform;
  if (env.requestContext || env.incoming) return 'unknown';
  return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
}
