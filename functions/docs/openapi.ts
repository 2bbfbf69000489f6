import { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { Problem } from '../../shared/http/problem';
import type { AnyRoute } from '../../shared/http/route';

const problemContent = { 'application/problem+json': { schema: Problem } };

/** Answers every route may give besides its own, from how it is declared. */
function commonProblems(route: AnyRoute): Record<number, string> {
  const problems: Record<number, string> = { 500: 'Unexpected error (no internals disclosed)', 503: 'Busy; retry after Retry-After seconds' };
  const takesBody = route.method !== 'get';
  if (route.params || route.query || takesBody || route.idempotent) problems[400] = 'Invalid input; `errors` names each failing field';
  if (route.access !== 'public') {
    problems[401] = 'No valid bearer token';
    problems[403] = 'Your role may not call this route, or not on this record';
  }
  if (route.params) problems[404] = 'No such record, or not yours';
  if (route.body) {
    problems[413] = 'Body over 64 KB';
    problems[415] = 'Body is not JSON';
  }
  if (route.ifMatch) {
    problems[412] = 'If-Match is stale: read again';
    problems[428] = 'If-Match is missing';
  }
  return problems;
}

/** The OpenAPI 3.1 document, generated from the same route declarations that validate requests. */
export function buildOpenApiDocument(routes: readonly AnyRoute[]) {
  const doc = new OpenAPIHono();
  doc.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const route of routes) {
    const headers: z.ZodType[] = [];
    if (route.ifMatch) headers.push(z.string().meta({ param: { name: 'If-Match', in: 'header', required: true }, description: 'The ETag you read' }));
    if (route.idempotent)
      headers.push(
        z.string().meta({
          param: { name: 'Idempotency-Key', in: 'header', required: true },
          description: 'Unique per intended operation; replays return the first answer',
        }),
      );
    const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema ? { content: { [spec.contentType ?? 'application/json']: { schema: spec.schema } } } : {}),
      };
    }
    for (const [status, description] of Object.entries(commonProblems(route))) {
      responses[status] ??= { description, content: problemContent };
    }
    doc.openAPIRegistry.registerPath({
      method: route.method,
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      description: route.description,
      tags: route.tags,
      security: route.access === 'public' ? [] : [{ bearer: [] }],
      'x-roles': route.access,
      request: {
        params: route.params,
        query: route.query,
        headers: headers.length > 0 ? headers : undefined,
        body: route.body ? { required: !route.bodyOptional, content: { 'application/json': { schema: route.body } } } : undefined,
      },
      responses,
    });
  }
  return doc.getOpenAPI31Document({
    openapi: '3.1.0',
    // Relative: the host that serves this document serves the API (locally and behind API Gateway).
    servers: [{ url: '/', description: 'The host serving this document' }],
    info: {
      title: 'Fuhua incubation API',
      version: '1.0.0',
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      description:
        "The API of a public employment and entrepreneurship centre's startup-incubation programme. " +
        'Every error is RFC 9457 problem details with a stable `code`. `x-roles` on each operation names who may call it.',
    },
  });
}
