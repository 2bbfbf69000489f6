import type { AnyRoute } from '../../../shared/http/route';
import { routes as documents } from './documents';
import { routes as mentoring } from './mentoring';
import { routes as money } from './money';
import { routes as people } from './people';
import { routes as space } from './space';
import { routes as supervision } from './supervision';

/**
 * The API is deployed as one function per domain, so that a cold start loads one domain's code
 * (infra/stacks/api.ts routes each route to its function). `npm start` and the tests serve them all
 * from one app. Each domain's list lives in its own module: a function's bundle imports only its own.
 */
export const API_DOMAINS = { people, space, mentoring, money, documents, supervision } satisfies Record<string, AnyRoute[]>;
export type ApiDomain = keyof typeof API_DOMAINS;
