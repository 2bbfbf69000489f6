import { log, withRequestLog } from '../logger';
import { countFailure } from '../metrics';
import { type DomainEvent, type EventType, parseEvent } from './catalogue';

/**
 * A domain event is a fact that happened, declared in `./catalogue.ts`. Events are stored on the
 * audit record of the change that caused them, so in the cloud the table's stream publishes them;
 * locally and in tests they are dispatched in-process after the transaction commits.
 */
export type { DomainEvent, EventData, EventType } from './catalogue';

/** An event as it reaches a reaction: its type, its data as declared, when and under which request. */
export type Delivered<T extends EventType = EventType> = DomainEvent<T> & { at: string; requestId: string };

/** An event as dispatch receives it: from an audit record, or from the bus (data not yet checked). */
export interface Arrived {
  type: string;
  data: unknown;
  at: string;
  requestId: string;
}

type Reaction = (event: Delivered) => Promise<void>;

const reactions = new Map<string, Reaction[]>();

/** Registers what the system does, unasked, when an event of `type` happens; it receives the data as declared. */
export function onEvent<T extends EventType>(type: T, reaction: (event: Delivered<T>) => Promise<void>): void {
  reactions.set(type, [...(reactions.get(type) ?? []), reaction as Reaction]);
}

/** Whether this process runs reactions itself (local, tests) or leaves them to the stream worker (cloud). */
export function dispatchesInProcess(): boolean {
  return process.env.FUHUA_EVENTS !== 'stream';
}

export interface DispatchOptions {
  /**
   * Throw after running every reaction if any failed. The reactions worker sets it, so that
   * EventBridge retries the event and finally dead-letters it; after an API request (the default)
   * the change is already committed and a failing reaction is only logged.
   */
  rethrow?: boolean;
}

/**
 * Runs every reaction to each event, with the event's data parsed by its declaration. A failing
 * reaction is logged and does not stop the others nor undo the change; with `rethrow` the failures
 * are thrown once all reactions have run.
 */
export async function dispatch(events: Arrived[], options: DispatchOptions = {}): Promise<void> {
  const failures: Error[] = [];
  for (const arrived of events) {
    // Each event's reactions log under the request that raised it.
    await withRequestLog(arrived.requestId, async () => {
      const registered = reactions.get(arrived.type) ?? [];
      if (registered.length === 0) return;
      let event: Delivered;
      try {
        // An undeclared type or data that does not match its declaration is poison: counted, never half-read.
        event = { ...parseEvent(arrived.type, arrived.data), at: arrived.at, requestId: arrived.requestId };
      } catch (error) {
        log().error('event refused', { eventType: arrived.type, error: error as Error });
        countFailure('ReactionFailures');
        failures.push(error as Error);
        return;
      }
      for (const reaction of registered) {
        try {
          await reaction(event);
        } catch (error) {
          log().error('reaction failed', { eventType: event.type, error: error as Error });
          countFailure('ReactionFailures');
          failures.push(error as Error);
        }
      }
    });
  }
  if (options.rethrow && failures.length === 1) throw failures[0];
  if (options.rethrow && failures.length > 1) throw new AggregateError(failures, `${failures.length} reactions failed.`);
}
