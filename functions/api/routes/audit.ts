import * as z from 'zod';
import { defineRoute, reply } from '../../../shared/http/route';
import { listQuery, pageOf } from '../../../shared/http/schemas';
import { Day } from '../../../shared/clock';
import { ValidationError } from '../../../shared/errors';
import { csvHeaders } from '../../../shared/csv';
import { AuditRecord } from '../../../shared/audit';
import { exportAudit, searchAudit } from '../../../shared/audit';
import type { AuditFilter } from '../../../shared/audit';

const tags = ['Audit'];
const Key = z.string().min(1).max(128);

/** The one way of searching the trail that was asked for: by entity, by actor or by day. */
function exactlyOne({ entityId, actorId, day }: { entityId?: string; actorId?: string; day?: string }): AuditFilter {
  const given: AuditFilter[] = [];
  if (entityId) given.push({ entityId });
  if (actorId) given.push({ actorId });
  if (day) given.push({ day });
  if (given.length !== 1) {
    throw new ValidationError('Give exactly one of entityId, actorId or day.', [{ field: 'query', message: 'exactly one of entityId, actorId, day' }]);
  }
  return given[0]!;
}

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/audit',
    operationId: 'searchAuditTrail',
    summary: 'Search the audit trail by entity, by actor or by day (exactly one), newest first',
    tags,
    access: ['officer', 'auditor'],
    query: listQuery({ entityId: Key.optional(), actorId: Key.optional(), day: Day.optional() }),
    responses: { 200: { description: 'A page of audit records', schema: pageOf(AuditRecord) } },
    handler: async ({ c, query: { entityId, actorId, day, ...page } }) => reply(c, await searchAudit(exactlyOne({ entityId, actorId, day }), page)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/audit/export.csv',
    operationId: 'exportAuditDay',
    summary: 'The audit records of one (Beijing-time) day, one entity or one actor (exactly one) as CSV (UTF-8 with BOM, formulas defused)',
    tags,
    access: ['auditor'],
    query: z.strictObject({ entityId: Key.optional(), actorId: Key.optional(), day: Day.optional() }),
    responses: { 200: { description: 'CSV with a header row, oldest first', contentType: 'text/csv', schema: z.string() } },
    handler: async ({ c, query }) => {
      const filter = exactlyOne(query);
      const name = 'day' in filter ? filter.day : 'entityId' in filter ? `entity-${filter.entityId}` : `actor-${filter.actorId}`;
      return c.body(await exportAudit(filter), 200, csvHeaders(`audit-${name.replace(/[^\w.-]/g, '_')}.csv`));
    },
  }),
];
