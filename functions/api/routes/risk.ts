import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { ResolveRiskAlert, RiskAlert, RiskAlertQuery } from '../../../shared/risk';
import { listRiskAlerts, resolveRiskAlert } from '../../../shared/risk';

const tags = ['Risk control'];

export const riskRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/risk-alerts',
    operationId: 'listRiskAlerts',
    summary: 'Risk alerts by status (default open) and rule, newest first',
    tags,
    access: ['auditor', 'officer', 'finance'],
    query: listQuery(RiskAlertQuery.shape),
    responses: { 200: { description: 'A page of alerts', schema: pageOf(RiskAlert) } },
    handler: async ({ c, query: { status, rule, ...page } }) => reply(c, await listRiskAlerts(status, rule, page)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/risk-alerts/{id}/resolution',
    operationId: 'resolveRiskAlert',
    summary:
      'Resolve an open alert as legitimate, fraud (its claims are rejected and taken out of their batches) or a data error (officers; auditors only read)',
    tags,
    access: ['officer'],
    params: idParam('rsk'),
    body: ResolveRiskAlert,
    responses: { 200: { description: 'Resolved', schema: RiskAlert } },
    handler: async ({ c, ctx, params, body }) => reply(c, await resolveRiskAlert(ctx, params.id, body)),
  }),
];
