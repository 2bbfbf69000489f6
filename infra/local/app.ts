import type { Hono } from 'hono';
import { createApp } from '../../functions/api/app';
import { routes } from '../../functions/api/routes';
import type { ConsoleBuild } from '../../functions/console/build';
import { createDocsApp } from '../../functions/docs/app';
import type { AppEnv } from '../../shared/http/route';
import { mountConsole } from './console';
import { localAuthenticate } from './identity';
// Locally, reactions to domain events run in-process after each change; in the cloud the workers run them.
import '../../functions/reactions/registry';

export interface LocalAppOptions {
  /** The built console to serve at `/` (npm start builds it; API tests leave it out). */
  console?: ConsoleBuild['files'];
}

/** The same app as in the cloud, with local identity and the docs (and the console) served alongside. */
export function createLocalApp(jwtSecret: string, options: LocalAppOptions = {}): Hono<AppEnv> {
  const app = createApp({ routes, authenticate: localAuthenticate(jwtSecret) });
  app.route('/', createDocsApp(routes) as unknown as Hono<AppEnv>);
  if (options.console) mountConsole(app, options.console, jwtSecret);
  return app;
}
