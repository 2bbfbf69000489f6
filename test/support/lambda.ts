import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';

export interface EventOptions {
  headers?: Record<string, string>;
  body?: unknown;
  /** Claims as API Gateway's JWT authorizer passes them on, after verifying a Cognito token. */
  claims?: Record<string, string | number | boolean | string[]>;
}

let sequence = 0;

/** An API Gateway HTTP API (payload v2) event, as the `$default` stage sends it to the function. */
export function v2Event(method: string, pathAndQuery: string, options: EventOptions = {}): APIGatewayProxyEventV2WithJWTAuthorizer {
  sequence += 1;
  const [rawPath = '/', rawQueryString = ''] = pathAndQuery.split('?');
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'user-agent': 'vitest',
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: 'ANY /{proxy+}',
    rawPath,
    rawQueryString,
    headers,
    isBase64Encoded: false,
    ...(body !== undefined ? { body } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: headers.host!,
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: `apigw-${process.pid}-${sequence}`,
      routeKey: 'ANY /{proxy+}',
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
      // Only present when the route has the JWT authorizer and the token passed it.
      ...(options.claims ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: options.claims as never, scopes: [] } } } : {}),
    } as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'],
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export const lambdaContext = {
  functionName: 'fuhua-test',
  awsRequestId: 'lambda-request',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

export interface LambdaAnswer {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/** Reads a v2 result the way API Gateway would. */
export function answer(result: APIGatewayProxyResultV2): LambdaAnswer {
  if (typeof result === 'string') return { status: 200, headers: {}, body: result };
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const text = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : (result.body ?? '');
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: result.statusCode ?? 200, headers, body };
}
