import * as z from 'zod';

/** A domain event as the audit record of its change stores it (shared/audit/schema.ts): its type and facts. */
export const RecordedEvent = z.object({ type: z.string(), data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) });

/** EventBridge `source` of every Fuhua domain event. */
export const EVENT_SOURCE = 'fuhua';

/**
 * A domain event as published on the bus (`detail`, with `detail-type` = `type`): the event of an
 * audit record plus ids and times, never the record's before/after fields. `id` is the audit
 * record's id, so a consumer that sees an event twice (streams deliver at least once) can tell.
 */
export const PublishedEvent = z.strictObject({
  id: z.string().min(1),
  type: z.string().min(1),
  data: RecordedEvent.shape.data,
  at: z.string().min(1),
  requestId: z.string().min(1),
  entityType: z.string().min(1),
  entityId: z.string().min(1),
});
export type PublishedEvent = z.infer<typeof PublishedEvent>;

/** The item the stream shows when an audit record carrying an event is written. */
export const AuditItemWithEvent = z.object({
  entity: z.literal('audit'),
  id: z.string().min(1),
  at: z.string().min(1),
  requestId: z.string().min(1),
  entityType: z.string().min(1),
  entityId: z.string().min(1),
  event: RecordedEvent,
});

/** The event to publish for a new table item, or undefined when the item carries none. */
export function eventOfItem(item: Record<string, unknown> | undefined): PublishedEvent | undefined {
  if (!item || item.entity !== 'audit' || item.event === undefined) return undefined;
  // An audit item that claims an event but does not match the shape is poison: throw, do not skip.
  const audit = AuditItemWithEvent.parse(item);
  return {
    id: audit.id,
    type: audit.event.type,
    data: audit.event.data,
    at: audit.at,
    requestId: audit.requestId,
    entityType: audit.entityType,
    entityId: audit.entityId,
  };
}
