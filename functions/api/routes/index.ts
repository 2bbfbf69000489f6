import type { AnyRoute } from '../../../shared/http/route';
import { applicantRoutes } from './applicants';
import { auditRoutes } from './audit';
import { reportRoutes } from './reports';
import { riskRoutes } from './risk';
import { applicationRoutes } from './applications';
import { startupRoutes } from './startups';
import { mentorRoutes } from './mentors';

/** Every API route. The OpenAPI document and the authorization matrix test are built from this list. */
export const routes: AnyRoute[] = [...applicantRoutes, ...auditRoutes, ...reportRoutes, ...riskRoutes, ...applicationRoutes, ...startupRoutes, ...mentorRoutes];
