import type { Ctx } from '../context';
import { toCsv } from '../csv';
import { newId } from '../ids';
import { redact } from '../privacy';
import { KEY_ATTRIBUTES } from '../db/entity';
import type { TxItem } from '../db/transact';
import { transact } from '../db/write';
import { idempotencyWrite, idempotencyWritten, type Answer } from '../http/idempotency';
import type { PageQuery } from '../db/pagination';
import { dispatch, dispatchesInProcess, type DomainEvent } from '../events';
import { isDeclaredEvent, UndeclaredEventError } from '../events';
import { auditPut, listAudit, type AuditFilter } from './repository';
import type { AuditRecord } from './schema';

/** Attributes that are bookkeeping, not facts a reviewer needs to see change. */
const BOOKKEEPING = new Set([...KEY_ATTRIBUTES, 'version', 'updatedAt']);

/** The fields that differ between two versions of a record, masked. */
export function diff(before: object | undefined, after: object | undefined): AuditRecord['changes'] {
  const b = (redact(before ?? {}) ?? {}) as Record<string, unknown>;
  const a = (redact(after ?? {}) ?? {}) as Record<string, unknown>;
  const changes: AuditRecord['changes'] = {};
  for (const field of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (BOOKKEEPING.has(field)) continue;
    if (JSON.stringify(b[field]) !== JSON.stringify(a[field])) changes[field] = { before: b[field], after: a[field] };
  }
  return changes;
}

export interface Change {
  action: string;
  entityType: string;
  entityId: string;
  before?: object;
  after?: object;
  event?: DomainEvent;
}

/** The audit record of one change, as a transaction item: who, what, when, before and after. */
export function auditRecord(ctx: Ctx, change: Change): TxItem & { record: AuditRecord } {
  // The type system holds producers to the catalogue; this holds code that got round it (a cast, a string built at run time).
  if (change.event && !isDeclaredEvent(change.event.type)) throw new UndeclaredEventError(change.event.type);
  const record: AuditRecord = {
    id: newId('aud'),
    at: ctx.now.toISOString(),
    actorId: ctx.actor.sub,
    actorKind: ctx.actor.kind === 'system' ? 'system' : ctx.role === 'public' ? 'public' : 'user',
    role: ctx.role,
    roles: [...ctx.actor.roles],
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    changes: diff(change.before, change.after),
    requestId: ctx.requestId,
    ...(ctx.clientRequestId ? { clientRequestId: ctx.clientRequestId } : {}),
    ...(change.event ? { event: change.event } : {}),
  };
  return { ...auditPut(record), record };
}

/** A transaction that carries no audit record: a programming error, not the caller's input. */
export class UnauditedWriteError extends Error {
  constructor() {
    super('A change must carry its audit record (auditRecord) or be committed as bookkeeping (commitBookkeeping) with a reason.');
    this.name = 'UnauditedWriteError';
  }
}

export interface CommitOptions {
  /**
   * What the route will answer when this transaction is the operation's last: inside a request with
   * an `Idempotency-Key`, the key's record storing it goes first in the same transaction (the key's
   * condition and the change succeed or fail together). Ignored outside such a request.
   */
  answer?: Answer;
}

/**
 * Commits a change and its audit records in one transaction: if the audit record cannot be written,
 * nothing is. Then runs the reactions to the events it carried (in-process mode only). Refuses a
 * transaction with no audit record: bookkeeping goes through `commitBookkeeping`.
 */
export async function commit(ctx: Ctx, given: Array<TxItem & { record?: AuditRecord }>, options: CommitOptions = {}): Promise<void> {
  if (!given.some((item) => item.record)) throw new UnauditedWriteError();
  const items: Array<TxItem & { record?: AuditRecord }> = [...idempotencyWrite(options.answer), ...given];
  await transact(items);
  idempotencyWritten(items);
  if (!dispatchesInProcess()) return;
  const events = items.flatMap((item) => (item.record?.event ? [{ ...item.record.event, at: item.record.at, requestId: ctx.requestId }] : []));
  if (events.length > 0) await dispatch(events);
}

/**
 * Commits a transaction that changes no fact a reviewer needs to see (a due mark done, a test's or
 * the demo's fixture), saying why in `bookkeeping`. It carries no events; keep it rare.
 */
export async function commitBookkeeping(items: TxItem[], bookkeeping: { bookkeeping: string }): Promise<void> {
  if (bookkeeping.bookkeeping.trim() === '') throw new UnauditedWriteError();
  await transact(items);
}

/** The audit trail by entity, actor or day, newest first. */
export function searchAudit(filter: AuditFilter, page: PageQuery) {
  return listAudit(filter, page);
}

const CSV_COLUMNS = ['at', 'actorId', 'actorKind', 'role', 'action', 'entityType', 'entityId', 'requestId', 'changes'] as const;

/** A cell of the export: text as it is, anything else (the changes, the event) as JSON. */
const cellOf = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value ?? ''));

/** Every audit record of one day, one entity or one actor as CSV (masked values only, as stored), oldest first. */
export async function exportAudit(filter: AuditFilter): Promise<string> {
  const records: AuditRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAudit(filter, { limit: 100, cursor });
    records.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return toCsv(
    CSV_COLUMNS,
    records.reverse().map((record) => CSV_COLUMNS.map((column) => cellOf(record[column]))),
  );
}

// What other modules read (and write in their transactions) of this module's records, entering through index.ts.
export { auditKeys, listAuditByEntity } from './repository';
export type { AuditFilter } from './repository';
