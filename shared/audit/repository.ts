import { dayOf } from '../clock';
import { defineEntity } from '../db/entity';
import { tableName } from '../db/table';
import type { TxItem } from '../db/transact';
import { queryPage, type PageQuery } from '../db/pagination';
import type { AuditRecord } from './schema';

export const auditKeys = {
  entity: (entityId: string) => `AUDIT#${entityId}`,
  actor: (actorId: string) => `AUDIT_ACTOR#${actorId}`,
  day: (day: string) => `AUDIT_DAY#${day}`,
};

/** One audit record: in the changed entity's partition, and by actor (gsi2) and by Beijing day (gsi3). */
export const Audit = defineEntity<AuditRecord, { entityId: string; at: string; id: string }>({
  name: 'audit',
  module: 'audit',
  prefix: 'AUDIT#',
  key: (record) => ({ pk: auditKeys.entity(record.entityId), sk: `${record.at}#${record.id}` }),
  serves: 'the trail of one entity, newest first',
  indexes: {
    gsi2: { pk: (record) => auditKeys.actor(record.actorId), sk: (record) => `${record.at}#${record.id}`, serves: 'the trail of one actor' },
    // The centre's (Beijing-time) day: `?day=` means the day the staff lived through.
    gsi3: {
      pk: (record) => auditKeys.day(dayOf(new Date(record.at))),
      pkTemplate: 'AUDIT_DAY#{Beijing day of at}',
      sk: (record) => `${record.at}#${record.id}`,
      serves: 'the trail of one Beijing day',
    },
  },
});

/** The audit record is written in the same transaction as the change it describes. */
export function auditPut(record: AuditRecord): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: Audit.toItem(record),
      // Audit ids are fresh ULIDs; the condition makes an overwrite of history impossible.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

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
  return { items: result.items.map(Audit.fromItem), nextCursor: result.nextCursor };
}

export function listAuditByEntity(entityId: string, page: PageQuery) {
  return listAudit({ entityId }, page);
}
