import { routes } from '../domains/people';
import { lambdaHandler } from '../lambda';

/** The API function of one domain (see functions/api/domains/). */
export const handler = lambdaHandler(routes);
