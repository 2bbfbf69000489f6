import type { AnyRoute } from '../../../shared/http/route';
import { API_DOMAINS } from '../domains';

/**
 * Every API route, domain by domain (functions/api/domains/). The OpenAPI document, the local
 * server and the authorization matrix test are built from this list.
 */
export const routes: AnyRoute[] = Object.values(API_DOMAINS).flat();
