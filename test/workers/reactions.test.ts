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
        data: { startupId: 'stp_01JDX8', outcome: 'graduated', leftAt: '2026-11-26T09:30:00.000Z' },
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
    // A declared event no module reacts to, so only this test's reactions run.
    const type = 'EventCheckedIn';
    const ran: string[] = [];
    onEvent(type, async () => {
      ran.push('first');
      throw new Error('reaction broke');
    });
    onEvent(type, async () => {
      ran.push('second');
    });
    const detail = { ...event.detail, type, data: { eventId: 'evt_1', registrationId: 'reg_1' } };
    await expect(react({ ...event, 'detail-type': type, detail })).rejects.toThrow('reaction broke');
    expect(ran).toEqual(['first', 'second']);
  });
});

describe('dispatch', () => {
  // A declared event no module reacts to, so only this block's reactions run.
  const event = { type: 'EventResultsPublished', data: { eventId: 'evt_1', entries: 3 }, at: '2026-11-26T09:30:00.000Z', requestId: 'req_1' };
  onEvent('EventResultsPublished', async () => Promise.reject(new Error('one')));
  onEvent('EventResultsPublished', async () => Promise.reject(new Error('two')));

  it('after an API request (the default), logs a failing reaction and does not throw: the change is already committed', async () => {
    await expect(dispatch([event])).resolves.toBeUndefined();
  });

  it('with rethrow, throws every failure once all reactions have run', async () => {
    const error = await dispatch([event], { rethrow: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual(['one', 'two']);
  });
});

describe('the event catalogue at the consumer', () => {
  it('hands a reaction the data as declared, and refuses data that does not match its declaration', async () => {
    const seen: unknown[] = [];
    onEvent('EventRegistrationPromoted', async (event) => void seen.push(event.data.userId));
    const at = '2026-11-26T09:30:00.000Z';
    await dispatch([{ type: 'EventRegistrationPromoted', data: { eventId: 'evt_1', registrationId: 'reg_1', userId: 'usr_1' }, at, requestId: 'req_2' }]);
    expect(seen).toEqual(['usr_1']);
    const malformed = dispatch([{ type: 'EventRegistrationPromoted', data: { eventId: 'evt_1', registrationId: 7 }, at, requestId: 'req_3' }], {
      rethrow: true,
    });
    await expect(malformed).rejects.toThrow();
    expect(seen).toEqual(['usr_1']);
  });
});
