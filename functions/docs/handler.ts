import { handle } from 'hono/aws-lambda';
import { routes } from '../api/routes';
import { createDocsApp } from './app';

/** Serves the OpenAPI document and the reference UI, keeping them out of the API function's bundle. */
export const handler = handle(createDocsApp(routes));
