import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AnyRoute } from '../../shared/http/route';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../../shared/http/problem';
import { buildOpenApiDocument } from './openapi';

/**
 * Swagger UI's files come from the `swagger-ui-dist` package, never from a CDN, so the reference
 * works with no internet access. The cloud function ships them beside its bundle.
 */
function assetDirectory(): string {
  return process.env.FUHUA_DOCS_ASSETS ?? dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** A Map, not an object: a file named `__proto__`, `constructor` or `toString` is simply not there. */
const ASSETS = new Map<string, string>([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
]);

function notFound(path: string): Response {
  return new Response(JSON.stringify(problemBody(404, 'NOT_FOUND', `No such file: ${path.slice(0, 200)}.`, { instance: path.slice(0, 200) })), {
    status: 404,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE },
  });
}

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
  const cache = new Map<string, string>();
  app.get('/openapi.json', (c) => {
    document ??= JSON.stringify(buildOpenApiDocument(routes));
    return c.body(document, 200, { 'Content-Type': 'application/json' });
  });
  app.get('/docs', (c) => c.html(PAGE));
  app.get('/docs/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/assets/:file', (c) => {
    const file = c.req.param('file');
    const type = ASSETS.get(file);
    if (!type) return notFound(c.req.path);
    if (!cache.has(file)) cache.set(file, readFileSync(join(assetDirectory(), file), 'utf8'));
    return c.body(cache.get(file)!, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
  // Deployed alone (functions/docs/handler.ts), this app answers unknown paths as the API does.
  app.notFound((c) => notFound(c.req.path));
  return app;
}
