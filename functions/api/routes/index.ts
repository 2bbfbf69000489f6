import type { AnyRoute } from '../../../shared/http/route';
import { applicantRoutes } from './applicants';
import { applicationRoutes } from './applications';
import { auditRoutes } from './audit';
import { reportRoutes } from './reports';
import { riskRoutes } from './risk';
import { startupRoutes } from './startups';
import { allocationRoutes } from './allocations';
import { communityRoutes } from './communities';
import { eventRoutes } from './events';
import { mentorRoutes } from './mentors';

/** Every API route. The OpenAPI document and the authorization matrix test are built from this list. */
export const routes: AnyRoute[] = [
  ...applicantRoutes,
  ...applicationRoutes,
  ...startupRoutes,
  ...auditRoutes,
  ...reportRoutes,
  ...riskRoutes,
  ...communityRoutes,
  ...allocationRoutes,
  ...mentorRoutes,
  ...eventRoutes,
];
