import * as z from 'zod';
import { defineRoute, reply } from '../../../shared/http/route';
import { listQuery, pageOf } from '../../../shared/http/schemas';
import { AuditRecord } from '../../../shared/audit/schema';
import { auditTrail } from '../../../shared/audit/service';

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/audit',
    summary: "An entity's audit trail, newest first",
    tags: ['Audit'],
    access: ['officer', 'auditor'],
    query: listQuery({ entityId: z.string().min(1).max(64) }),
    responses: { 200: { description: 'A page of audit records', schema: pageOf(AuditRecord) } },
    handler: async ({ c, query: { entityId, ...page } }) => reply(c, await auditTrail(entityId, page)),
  }),
];
