import { signal } from '@preact/signals';
import createClient, { type Middleware } from 'openapi-fetch';
import { token } from '../auth/session';
import type { components, paths } from './openapi';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

/** How many requests are in flight: the layout shows progress while it is above zero. */
export const inFlight = signal(0);

const auth: Middleware = {
  onRequest({ request }) {
    inFlight.value += 1;
    if (token.value) request.headers.set('authorization', `Bearer ${token.value}`);
    return request;
  },
  onResponse() {
    inFlight.value = Math.max(0, inFlight.value - 1);
  },
  onError() {
    inFlight.value = Math.max(0, inFlight.value - 1);
  },
};

/** The API on the same origin as the console: no CORS, and no request leaves the origin. */
export const api = createClient<paths>({ baseUrl: location.origin });
api.use(auth);

/** A problem from an answer, or a stand-in when the network failed. */
export function asProblem(error: unknown): Problem {
  if (error && typeof error === 'object' && 'code' in error && 'status' in error) return error as Problem;
  return { type: 'about:blank', title: 'Network error', status: 0, detail: String(error), code: 'NETWORK' };
}
