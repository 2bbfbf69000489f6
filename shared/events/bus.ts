import { log, withRequestLog } from '../logger';
import { countFailure } from '../metrics';

/**
 * A domain event: a fact that happened, with ids and facts only (never identity numbers or bank
 * accounts). Events are stored on the audit record of the change that caused them, so in the cloud
 * the table's stream publishes them; locally and in tests they are dispatched in-process after the
 * transaction commits.
 */
export interface DomainEvent {
  type: string;
  data: Record<string, string | number | boolean | null>;
}

export type Reaction = (event: DomainEvent & { at: string; requestId: string }) => Promise<void>;

const reactions = new Map<string, Reaction[]>();

/** Registers what the system does, unasked, when an event of `type` happens. */
export function onEvent(type: string, reaction: Reaction): void {
  reactions.set(type, [...(reactions.get(type) ?? []), reaction]);
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
 * Runs every reaction to each event. A failing reaction is logged and does not stop the others nor
 * undo the change; with `rethrow` the failures are thrown once all reactions have run.
 */
export async function dispatch(events: Array<DomainEvent & { at: string; requestId: string }>, options: DispatchOptions = {}): Promise<void> {
  const failures: Error[] = [];
  for (const event of events) {
    // Each event's reactions log under the request that raised it.
    await withRequestLog(event.requestId, async () => {
      for (const reaction of reactions.get(event.type) ?? []) {
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
