import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { EventBridgeEnvelope } from '@aws-lambda-powertools/parser/envelopes/eventbridge';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { dispatch } from '../../shared/events';
import { PublishedEvent } from '../../shared/events';
import { log, logger, withRequestLog } from '../../shared/logger';
import './registry';

/**
 * Runs the reactions to a domain event delivered by the bus: the same `dispatch` and the same
 * registrations (functions/reactions/registry.ts) the API runs in-process locally. Reactions must be safe to
 * run twice: when one fails, the retry runs every reaction to the event again.
 */
async function react(event: PublishedEvent): Promise<void> {
  withRequestLog(event.requestId, () => log().info('reacting', { eventId: event.id, eventType: event.type }));
  // A failing reaction fails the invocation: EventBridge retries the event, then dead-letters it.
  await dispatch([{ type: event.type, data: event.data, at: event.at, requestId: event.requestId }], { rethrow: true });
}

export const handler = middy(react)
  .use(injectLambdaContext(logger))
  .use(parser({ schema: PublishedEvent, envelope: EventBridgeEnvelope }));
