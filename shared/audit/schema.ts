import * as z from 'zod';
import { RecordedEvent } from '../events';

export const AuditChange = z.object({ before: z.unknown().optional(), after: z.unknown().optional() });

export const AuditRecord = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string(),
    actorKind: z.enum(['user', 'system', 'public']),
    /** The role the actor acted in, and every role they held at the time. */
    role: z.string(),
    roles: z.array(z.string()),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    changes: z.record(z.string(), AuditChange),
    requestId: z.string(),
    /** The `x-request-id` the client sent, if any: the client's word, not the platform's. */
    clientRequestId: z.string().optional(),
    event: RecordedEvent.optional(),
  })
  .meta({ id: 'AuditRecord' });
export type AuditRecord = z.infer<typeof AuditRecord>;
