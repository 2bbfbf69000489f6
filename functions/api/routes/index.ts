import type { AnyRoute } from '../../../shared/http/route';
import { applicantRoutes } from './applicants';
import { auditRoutes } from './audit';
import { claimRoutes } from './claims';
import { disclosureRoutes } from './disclosures';
import { loanRoutes } from './loans';
import { payoutRoutes } from './payouts';
import { programmeRoutes } from './programmes';
import { applicationRoutes } from './applications';
import { startupRoutes } from './startups';
import { allocationRoutes } from './allocations';
import { communityRoutes } from './communities';

/** Every API route. The OpenAPI document and the authorization matrix test are built from this list. */
export const routes: AnyRoute[] = [
  ...applicantRoutes,
  ...auditRoutes,
  ...applicationRoutes,
  ...startupRoutes,
  ...communityRoutes,
  ...allocationRoutes,
  ...programmeRoutes, ...claimRoutes, ...disclosureRoutes, ...payoutRoutes, ...loanRoutes,
];
