import * as z from 'zod';
import { defineRoute, reply } from '../../../shared/http/route';
import { Day, listQuery, pageOf } from '../../../shared/http/schemas';
import { ValidationError } from '../../../shared/errors';
import { csvHeaders } from '../../../shared/csv';
import { AuditRecord } from '../../../shared/audit/schema';
import { exportAuditDay, searchAudit } from '../../../shared/audit/service';

const tags = ['Audit'];
const Key = z.string().min(1).max(128);

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
    handler: async ({ c, query: { entityId, actorId, day, ...page } }) => {
      const given = [entityId && { entityId }, actorId && { actorId }, day && { day }].filter(Boolean);
      if (given.length !== 1) {
        throw new ValidationError('Give exactly one of entityId, actorId or day.', [{ field: 'query', message: 'exactly one of entityId, actorId, day' }]);
      }
      return reply(c, await searchAudit(given[0] as Parameters<typeof searchAudit>[0], page));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/audit/export.csv',
    operationId: 'exportAuditDay',
    summary: 'Every audit record of one (Beijing-time) day as CSV (UTF-8 with BOM, formulas defused)',
    tags,
    access: ['auditor'],
    query: z.strictObject({ day: Day }),
    responses: { 200: { description: 'CSV with a header row', contentType: 'text/csv', schema: z.string() } },
    handler: async ({ c, query }) => c.body(await exportAuditDay(query.day), 200, csvHeaders(`audit-${query.day}.csv`)),
  }),
];
