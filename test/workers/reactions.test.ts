import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/reactions/handler';
import { dispatch, onEvent } from '../../shared/events/bus';
import { fixture } from '../support/fixtures';
import { lambdaContext } from '../support/lambda';

const react = (event: unknown) => (handler as (e: unknown, c: unknown) => Promise<void>)(event, lambdaContext);

describe('the reactions function', () => {
  it("runs the reactions registered for the event type, with the event's facts, time and request id", async () => {
    const seen: unknown[] = [];
    onEvent('StartupLeftIncubation', async (event) => {
      seen.push(event);
    });
    await react(fixture<EventBridgeEvent<string, unknown>>('eventbridge/startup-left.json'));
    expect(seen).toEqual([
      {
        type: 'StartupLeftIncubation',
        data: { startupId: 'stp_01JDX8', reason: 'graduated', spaceId: null },
        at: '2026-11-26T09:30:00.000Z',
        requestId: 'req_01JDX9',
      },
    ]);
  });

  it('rejects a malformed event, so EventBridge retries it and then dead-letters it', async () => {
    const seen: unknown[] = [];
    onEvent('StartupLeftIncubation', async (event) => {
      seen.push(event);
    });
    await expect(react(fixture('eventbridge/malformed.json'))).rejects.toThrow();
    expect(seen).toEqual([]);
  });

  it('fails when a reaction fails, after running the others, so EventBridge retries and then dead-letters the event', async () => {
    const event = fixture<EventBridgeEvent<string, Record<string, unknown>>>('eventbridge/startup-left.json');
    const type = 'TestReactionFails';
    const ran: string[] = [];
    onEvent(type, async () => {
      ran.push('first');
      throw new Error('reaction broke');
    });
    onEvent(type, async () => {
      ran.push('second');
    });
    await expect(react({ ...event, 'detail-type': type, detail: { ...event.detail, type } })).rejects.toThrow('reaction broke');
    expect(ran).toEqual(['first', 'second']);
  });
});

describe('dispatch', () => {
  const event = { type: 'TestDispatch', data: {}, at: '2026-11-26T09:30:00.000Z', requestId: 'req_1' };
  onEvent('TestDispatch', async () => Promise.reject(new Error('one')));
  onEvent('TestDispatch', async () => Promise.reject(new Error('two')));

  it('after an API request (the default), logs a failing reaction and does not throw: the change is already committed', async () => {
    await expect(dispatch([event])).resolves.toBeUndefined();
  });

  it('with rethrow, throws every failure once all reactions have run', async () => {
    const error = await dispatch([event], { rethrow: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual(['one', 'two']);
  });
});
