import { createHash } from 'node:crypto';
import { routes } from '../api/routes';
import { buildOpenApiDocument } from '../docs/openapi';

/** The OpenAPI document exactly as `/openapi.json` serves it. */
export function openApiDocumentText(): string {
  return JSON.stringify(buildOpenApiDocument(routes));
}

export function openApiHash(): string {
  return createHash('sha256').update(openApiDocumentText()).digest('hex');
}
