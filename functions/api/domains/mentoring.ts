import type { AnyRoute } from '../../../shared/http/route';
import { mentorRoutes } from '../routes/mentors';
import { eventRoutes } from '../routes/events';

/** Mentors, assignments, sessions and events: the routes one API function serves (functions/api/handlers/mentoring.ts). */
export const routes: AnyRoute[] = [...mentorRoutes, ...eventRoutes];
