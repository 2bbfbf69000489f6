import type { AnyRoute } from '../../../shared/http/route';
import { allocationRoutes } from './allocations';
import { applicantRoutes } from './applicants';
import { applicationRoutes } from './applications';
import { auditRoutes } from './audit';
import { calendarRoutes } from './calendar';
import { changeRequestRoutes } from './change-requests';
import { claimRoutes } from './claims';
import { communityRoutes } from './communities';
import { disclosureRoutes } from './disclosures';
import { documentRoutes } from './documents';
import { eventRoutes } from './events';
import { loanRoutes } from './loans';
import { mentorRoutes } from './mentors';
import { payoutRoutes } from './payouts';
import { programmeRoutes } from './programmes';
import { reportRoutes } from './reports';
import { riskRoutes } from './risk';
import { startupRoutes } from './startups';

/** Every API route. The OpenAPI document and the authorization matrix test are built from this list. */
export const routes: AnyRoute[] = [
  ...applicantRoutes,
  ...changeRequestRoutes,
  ...applicationRoutes,
  ...startupRoutes,
  ...communityRoutes,
  ...allocationRoutes,
  ...mentorRoutes,
  ...eventRoutes,
  ...programmeRoutes,
  ...claimRoutes,
  ...disclosureRoutes,
  ...payoutRoutes,
  ...loanRoutes,
  ...documentRoutes,
  ...reportRoutes,
  ...riskRoutes,
  ...auditRoutes,
  ...calendarRoutes,
];
