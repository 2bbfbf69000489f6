import type { Hono } from 'hono';
import { createApp } from '../../functions/api/app';
import { routes } from '../../functions/api/routes';
import { createDocsApp } from '../../functions/docs/app';
import type { AppEnv } from '../../shared/http/route';
import { localAuthenticate } from './identity';

/** The same app as in the cloud, with local identity and the docs served alongside. */
export function createLocalApp(jwtSecret: string): Hono<AppEnv> {
  const app = createApp({ authenticate: localAuthenticate(jwtSecret) });
  app.route('/', createDocsApp(routes) as unknown as Hono<AppEnv>);
  return app;
}
