import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import type { JobSummary } from '../../shared/jobs';
import { runJob } from './jobs';
import { logger } from '../../shared/logger';

/** What each EventBridge schedule sends: the name of the job to run. */
export const ScheduledJobInput = z.strictObject({ job: z.string().min(1).max(100) });
export type ScheduledJobInput = z.infer<typeof ScheduledJobInput>;

/**
 * Runs the job an EventBridge schedule names, from the registry in functions/schedules/jobs.ts. A failure is
 * thrown so that EventBridge retries, then sends the event to the dead-letter queue.
 */
async function run(event: ScheduledJobInput, context: Context): Promise<JobSummary> {
  return runJob(event.job, { requestId: `job-${event.job}-${context.awsRequestId}` });
}

export const handler = middy(run)
  .use(injectLambdaContext(logger))
  .use(parser({ schema: ScheduledJobInput }));
