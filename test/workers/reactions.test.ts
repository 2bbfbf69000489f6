import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/reactions/handler';
import { onEvent } from '../../shared/events/bus';
import { fixture } from '../support/fixtures';
import { lambdaContext } from '../support/lambda';

const react = (event: unknown) => (handler as (e: unknown, c: unknown) => Promise<void>)(event, lambdaContext);

describe('the reactions function', () => {
  it('runs the reactions registered for the event type, with the event\'s facts, time and request id', async () => {
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
});
