import type { AnyRoute } from '../../../shared/http/route';
import { applicantRoutes } from './applicants';
import { auditRoutes } from './audit';
import { eventRoutes } from './events';

/** Every API route. The OpenAPI document and the authorization matrix test are built from this list. */
export const routes: AnyRoute[] = [...applicantRoutes, ...auditRoutes, ...eventRoutes];
