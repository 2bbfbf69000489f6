import 'aws-sdk-client-mock-vitest/extend';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../functions/stream/handler';
import { PublishedEvent } from '../../shared/events/published';
import { fixture } from '../support/fixtures';
import { lambdaContext } from '../support/lambda';

process.env.EVENT_BUS_NAME = 'fuhua-test';
const eventBridge = mockClient(EventBridgeClient);

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'ok' }] });
});

const consume = (event: DynamoDBStreamEvent) =>
  (handler as (e: unknown, c: unknown) => Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }>)(event, lambdaContext);

function published(): PutEventsRequestEntry[] {
  return eventBridge.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []);
}

describe('the stream worker', () => {
  it('publishes the event of each new audit record, in order, and skips everything else', async () => {
    const event = fixture<DynamoDBStreamEvent>('stream/successful.json');
    const result = await consume(event);
    expect(result.batchItemFailures).toEqual([]);
    const entries = published();
    expect(entries.map((e) => e.DetailType)).toEqual(['StartupLeftIncubation', 'ApplicationApproved']);
    expect(eventBridge).toHaveReceivedCommandWith(PutEventsCommand, {
      Entries: [
        expect.objectContaining({
          EventBusName: 'fuhua-test',
          Source: 'fuhua',
          DetailType: 'StartupLeftIncubation',
          Time: new Date('2026-11-26T09:30:00.000Z'),
        }),
      ],
    });
    expect(JSON.parse(entries[0]!.Detail!)).toEqual({
      id: 'aud_01JDXA0000000000000000001',
      type: 'StartupLeftIncubation',
      data: { startupId: 'stp_01JDX8', reason: 'graduated', spaceId: null },
      at: '2026-11-26T09:30:00.000Z',
      requestId: 'req_01JDX9',
      entityType: 'startup',
      entityId: 'stp_01JDX8',
    });
  });

  it("publishes ids and facts only: never the audit record's before/after fields or actor", async () => {
    await consume(fixture('stream/successful.json'));
    for (const entry of published()) {
      const detail = JSON.parse(entry.Detail!);
      expect(PublishedEvent.safeParse(detail).success).toBe(true);
      expect(Object.keys(detail).sort()).toEqual(['at', 'data', 'entityId', 'entityType', 'id', 'requestId', 'type']);
      expect(entry.Detail).not.toMatch(/incubating|changes|actorId|sub-officer/);
    }
  });

  it('reports poison records (an event of the wrong shape, an image that is not DynamoDB JSON) as failures, and publishes the rest', async () => {
    const event = fixture<DynamoDBStreamEvent>('stream/poison.json');
    const result = await consume(event);
    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: event.Records[1]!.dynamodb!.SequenceNumber },
      { itemIdentifier: event.Records[2]!.dynamodb!.SequenceNumber },
    ]);
    expect(published().map((e) => e.DetailType)).toEqual(['AllocationReleased']);
    // A bank account in a malformed event never reaches the bus.
    expect(JSON.stringify(published())).not.toContain('6222020200112233445');
  });

  it('reports exactly the records EventBridge refused, so only they are retried (then dead-lettered)', async () => {
    const event = fixture<DynamoDBStreamEvent>('stream/partial-failure.json');
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] })
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] })
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: '3' }] });
    const result = await consume(event);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1]!.dynamodb!.SequenceNumber }]);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 3);
  });

  it('reports a record as failed when EventBridge cannot be reached', async () => {
    const event = fixture<DynamoDBStreamEvent>('stream/partial-failure.json');
    event.Records = event.Records.slice(0, 2);
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] })
      .rejectsOnce(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    const result = await consume(event);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1]!.dynamodb!.SequenceNumber }]);
  });
});
