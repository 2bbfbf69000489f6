import type { AnyRoute } from '../../../shared/http/route';
import { documentRoutes } from '../routes/documents';

/** Documents: uploads, checks and downloads (the only API function with S3): the routes one API function serves (functions/api/handlers/documents.ts). */
export const routes: AnyRoute[] = [...documentRoutes];
