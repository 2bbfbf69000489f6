import { Logger } from '@aws-lambda-powertools/logger';

/** The one structured JSON logger. Never log personal data: pass ids, not records. */
export const logger = new Logger({ serviceName: 'fuhua' });
