import type { AnyRoute } from '../../../shared/http/route';
import { applicantRoutes } from '../routes/applicants';
import { founderTodoRoutes } from '../routes/founder-todo';
import { changeRequestRoutes } from '../routes/change-requests';
import { applicationRoutes } from '../routes/applications';
import { startupRoutes } from '../routes/startups';
import { businessRoutes } from '../routes/businesses';
import { incubationRoutes } from '../routes/incubation';
import { staffRoutes } from '../routes/staff';

/** Applicants, their change requests, applications and startups, the staff directory: the routes one API function serves (functions/api/handlers/people.ts). */
export const routes: AnyRoute[] = [
  ...founderTodoRoutes,
  ...applicantRoutes,
  ...changeRequestRoutes,
  ...applicationRoutes,
  ...startupRoutes,
  ...businessRoutes,
  ...incubationRoutes,
  ...staffRoutes,
];
