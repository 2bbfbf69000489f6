import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The process's structured JSON logger; Lambda handlers give it their context (function name,
 * cold start, the invocation's request id). Never log personal data: pass ids, not records.
 */
export const logger = new Logger({ serviceName: 'fuhua' });

const current = new AsyncLocalStorage<Logger>();

/**
 * Runs `work` with a child logger whose every line carries `requestId` (of an API request, a job
 * or the request that raised an event): code below it calls `log()` and never passes the id by hand.
 */
export function withRequestLog<T>(requestId: string, work: () => T): T {
  return current.run(logger.createChild({ persistentKeys: { requestId } }), work);
}

/** The logger of the request, job or event in progress, else the process's. */
export function log(): Logger {
  return current.getStore() ?? logger;
}
