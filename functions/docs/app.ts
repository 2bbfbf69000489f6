import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AnyRoute } from '../../shared/http/route';
import { buildOpenApiDocument } from './openapi';

/**
 * Swagger UI's files come from the `swagger-ui-dist` package, never from a CDN, so the reference
 * works with no internet access. The cloud function ships them beside its bundle.
 */
function assetDirectory(): string {
  return process.env.FUHUA_DOCS_ASSETS ?? dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Fuhua API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#reference', deepLinking: true, persistAuthorization: true });`;

/** `/openapi.json` and the interactive reference at `/docs`. */
export function createDocsApp(routes: readonly AnyRoute[]): Hono {
  const app = new Hono();
  let document: string | undefined;
  const cache: Record<string, string> = {};
  app.get('/openapi.json', (c) => {
    document ??= JSON.stringify(buildOpenApiDocument(routes));
    return c.body(document, 200, { 'Content-Type': 'application/json' });
  });
  app.get('/docs', (c) => c.html(PAGE));
  app.get('/docs/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/assets/:file', (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) return c.notFound();
    cache[file] ??= readFileSync(join(assetDirectory(), file), 'utf8');
    return c.body(cache[file], 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
  return app;
}
