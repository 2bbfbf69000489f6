import { dayOf } from '../clock';
import { tableName } from '../db/table';
import type { TxItem } from '../db/transact';
import { queryPage, type PageQuery } from '../db/pagination';
import type { AuditRecord } from './schema';

export const auditKeys = {
  entity: (entityId: string) => `AUDIT#${entityId}`,
  actor: (actorId: string) => `AUDIT_ACTOR#${actorId}`,
  day: (day: string) => `AUDIT_DAY#${day}`,
};

/** The audit record is written in the same transaction as the change it describes. */
export function auditPut(record: AuditRecord): TxItem {
  const sortKey = `${record.at}#${record.id}`;
  return {
    Put: {
      TableName: tableName(),
      Item: {
        pk: auditKeys.entity(record.entityId),
        sk: sortKey,
        entity: 'audit',
        ...record,
        gsi2pk: auditKeys.actor(record.actorId),
        gsi2sk: sortKey,
        // The centre's (Beijing-time) day: `?day=` means the day the staff lived through.
        gsi3pk: auditKeys.day(dayOf(new Date(record.at))),
        gsi3sk: sortKey,
      },
      // Audit ids are fresh ULIDs; the condition makes an overwrite of history impossible.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const strip = ({ pk: _pk, sk: _sk, entity: _e, gsi2pk: _a, gsi2sk: _b, gsi3pk: _c, gsi3sk: _d, ...record }: Record<string, unknown>) =>
  record as unknown as AuditRecord;

export type AuditFilter = { entityId: string } | { actorId: string } | { day: string };

/** Each way of searching the trail has its own key: by entity (table), by actor (gsi2), by day (gsi3). */
export async function listAudit(filter: AuditFilter, page: PageQuery) {
  const request =
    'entityId' in filter
      ? { partition: auditKeys.entity(filter.entityId) }
      : 'actorId' in filter
        ? { index: 'gsi2' as const, partition: auditKeys.actor(filter.actorId) }
        : { index: 'gsi3' as const, partition: auditKeys.day(filter.day) };
  const result = await queryPage<Record<string, unknown>>({ ...request, newestFirst: true, page });
  return { items: result.items.map(strip), nextCursor: result.nextCursor };
}

export function listAuditByEntity(entityId: string, page: PageQuery) {
  return listAudit({ entityId }, page);
}
