import type { Hono } from 'hono';
import { createApp } from '../../functions/api/app';
import { routes } from '../../functions/api/routes';
import { createDocsApp } from '../../functions/docs/app';
import type { AppEnv } from '../../shared/http/route';
import { localAuthenticate } from './identity';
// Locally, reactions to domain events run in-process after each change; in the cloud the workers run them.
import '../../shared/reactions';

/** The same app as in the cloud, with local identity and the docs served alongside. */
export function createLocalApp(jwtSecret: string): Hono<AppEnv> {
  const app = createApp({ routes, authenticate: localAuthenticate(jwtSecret) });
  app.route('/', createDocsApp(routes) as unknown as Hono<AppEnv>);
  return app;
}
