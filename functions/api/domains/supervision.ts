import type { AnyRoute } from '../../../shared/http/route';
import { reportRoutes } from '../routes/reports';
import { riskRoutes } from '../routes/risk';
import { auditRoutes } from '../routes/audit';
import { calendarRoutes } from '../routes/calendar';

/** Reports, risk alerts, the audit trail and the calendar: the routes one API function serves (functions/api/handlers/supervision.ts). */
export const routes: AnyRoute[] = [...reportRoutes, ...riskRoutes, ...auditRoutes, ...calendarRoutes];
