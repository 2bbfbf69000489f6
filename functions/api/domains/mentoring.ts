import type { AnyRoute } from '../../../shared/http/route';
import { mentorRoutes } from '../routes/mentors';
import { eventRoutes } from '../routes/events';
import { judgingTaskRoutes } from '../routes/judging-tasks';
import { trainingRoutes } from '../routes/training';

/** Mentors, assignments, sessions, events and entrepreneurship training: the routes one API function serves (functions/api/handlers/mentoring.ts). */
export const routes: AnyRoute[] = [...mentorRoutes, ...eventRoutes, ...judgingTaskRoutes, ...trainingRoutes];
