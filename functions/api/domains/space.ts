import type { AnyRoute } from '../../../shared/http/route';
import { communityRoutes } from '../routes/communities';
import { allocationRoutes } from '../routes/allocations';

/** Communities, their units and allocations: the routes one API function serves (functions/api/handlers/space.ts). */
export const routes: AnyRoute[] = [...communityRoutes, ...allocationRoutes];
