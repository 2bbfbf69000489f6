import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { parser } from '@aws-lambda-powertools/batch/parser';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBStreamRecord } from '@aws-lambda-powertools/parser/schemas/dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type * as z from 'zod';
import { EVENT_SOURCE, eventOfItem } from '../../shared/events';
import { log, logger, withRequestLog } from '../../shared/logger';

const eventBridge = new EventBridgeClient({});

/** Records are parsed (and their images unmarshalled) by Powertools; a record that does not parse fails alone. */
const processor = new BatchProcessor(EventType.DynamoDBStreams, { parser, schema: DynamoDBStreamRecord, logger });

type StreamRecord = z.infer<typeof DynamoDBStreamRecord>;

/**
 * Publishes the domain event of a new audit record to the bus. Other items (and audit records
 * without an event) are skipped. A record that cannot be published throws: it is reported as a
 * batch item failure, retried, and finally sent to the dead-letter queue by the event source mapping.
 */
async function publish(record: StreamRecord): Promise<void> {
  if (record.eventName !== 'INSERT') return;
  const event = eventOfItem(record.dynamodb.NewImage as Record<string, unknown> | undefined);
  if (!event) return;
  const result = await eventBridge.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: process.env.EVENT_BUS_NAME,
          Source: EVENT_SOURCE,
          DetailType: event.type,
          Detail: JSON.stringify(event),
          Time: new Date(event.at),
        },
      ],
    }),
  );
  if (result.FailedEntryCount) {
    const entry = result.Entries?.[0];
    throw new Error(`EventBridge refused event ${event.id} (${event.type}): ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`.trim());
  }
  withRequestLog(event.requestId, () => log().info('event published', { eventId: event.id, eventType: event.type }));
}

async function consume(event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> {
  // In order: a stream's records are a history, and the event source mapping checkpoints at the first failure.
  return processPartialResponse(event, publish as never, processor, { context, processInParallel: false });
}

export const handler = middy(consume).use(injectLambdaContext(logger));
