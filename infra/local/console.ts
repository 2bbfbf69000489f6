import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { ConsoleBuild } from '../../functions/console/build';
import { AppError } from '../../shared/errors';
import type { AppEnv } from '../../shared/http/route';
import { isRole } from '../../shared/roles';
import { demoSub, mintLocalToken } from './identity';

/** Paths the console never answers: they belong to the API and keep its problem+json 404s. */
const API_PATHS = /^\/(v1|docs|openapi\.json|health|local)(\/|$)/;

/**
 * The console on the local server: its built files, `/config.json` saying sign-in is local, the
 * HTML of the single-page app for any other GET of a page, and `GET /local/login?as=<role>`, which
 * signs in as that role's demo user (`as=officer,applicant` for one person with both roles,
 * `&person=2` for a second person). The cloud has none of this: there CloudFront serves the files
 * and Cognito signs people in.
 */
export function mountConsole(app: Hono<AppEnv>, files: ConsoleBuild['files'], jwtSecret: string): void {
  app.get('/local/login', async (c) => {
    // `as` is one role or several (`officer,applicant`: a member of staff who is also a founder);
    // `person=2` signs in a second demo user of the same roles (a second finance approver), `person=new` a new person.
    const roles = (c.req.query('as') ?? '').split(',');
    const person = c.req.query('person') ?? '1';
    if (!roles.every(isRole) || new Set(roles).size !== roles.length)
      throw new AppError(400, 'VALIDATION_FAILED', 'as must be a role, or roles separated by commas.', {
        errors: [{ field: 'query.as', message: 'must be roles' }],
      });
    if (!/^([1-9]|new)$/.test(person))
      throw new AppError(400, 'VALIDATION_FAILED', 'person must be 1 to 9, or new.', {
        errors: [{ field: 'query.person', message: 'must be 1 to 9, or new' }],
      });
    // `new`: someone who has never been here (a founder signing up), a fresh login each time.
    const sub =
      person === 'new' ? `local-${roles.join('+')}-${randomBytes(4).toString('hex')}` : roles.map(demoSub).join('+') + (person === '1' ? '' : `-${person}`);
    const token = await mintLocalToken(jwtSecret, { sub, roles });
    // In the fragment, so the token never reaches a server log or a Referer header.
    return c.redirect(`/signed-in#token=${encodeURIComponent(token)}`, 302);
  });
  app.get('/config.json', (c) => c.json({ auth: 'local' }));
  const index = files.get('/index.html')!;
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (API_PATHS.test(path)) return next();
    const file = files.get(path);
    if (file) {
      const immutable = path.startsWith('/assets/');
      return c.body(file.contents as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': file.contentType,
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
    }
    // A missing asset is a 404, not the page: only page paths (no file extension) get the HTML.
    if (path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path)) return next();
    return c.body(index.contents as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': index.contentType, 'Cache-Control': 'no-cache' });
  });
}
