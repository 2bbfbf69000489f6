import { auditRecord, commit } from '../audit/service';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict } from '../db/transact';
import { ConflictError, NotFoundError } from '../errors';
import { newId } from '../ids';
import { redact } from '../privacy';
import { AlertAlreadyOpenError, getAlert, listAlerts, raiseWrites, resolveWrites } from './repository';
import type { ResolveRiskAlert, RiskAlert, RiskRule } from './schema';

export interface Suspicion {
  rule: RiskRule;
  subjectType: string;
  subjectId: string;
  summary: string;
  facts?: RiskAlert['facts'];
}

/**
 * Raises an alert unless one of the same rule is already open on the subject (then it returns
 * null): rules may fire again and again on the same facts without flooding the auditors.
 */
export async function raiseAlert(ctx: Ctx, suspicion: Suspicion): Promise<RiskAlert | null> {
  const alert: RiskAlert = {
    id: newId('rsk'),
    rule: suspicion.rule,
    status: 'open',
    subjectType: suspicion.subjectType,
    subjectId: suspicion.subjectId,
    summary: suspicion.summary,
    facts: redact(suspicion.facts ?? {}) as RiskAlert['facts'],
    raisedAt: ctx.now.toISOString(),
    version: 1,
  };
  try {
    await retryOnConflict(() =>
      commit(ctx, [
        ...raiseWrites(alert),
        auditRecord(ctx, {
          action: 'risk.alert_raised',
          entityType: 'riskAlert',
          entityId: alert.id,
          after: alert,
          event: { type: 'RiskAlertRaised', data: { alertId: alert.id, rule: alert.rule, subjectId: alert.subjectId } },
        }),
      ]),
    );
    return alert;
  } catch (error) {
    if (error instanceof AlertAlreadyOpenError) return null;
    throw error;
  }
}

export function listRiskAlerts(status: RiskAlert['status'], rule: RiskRule | undefined, page: PageQuery) {
  return listAlerts(status, rule, page);
}

/** Closes an open alert with the reviewer's finding; the subject may raise a new alert afterwards. */
export async function resolveRiskAlert(ctx: Ctx, id: string, input: ResolveRiskAlert): Promise<RiskAlert> {
  const alert = await getAlert(id);
  if (!alert) throw new NotFoundError('risk alert');
  if (alert.status !== 'open') throw new ConflictError('This alert is already resolved.', 'ALREADY_RESOLVED');
  const after: RiskAlert = {
    ...alert,
    status: 'resolved',
    resolution: { ...input, by: ctx.actor.sub, at: ctx.now.toISOString() },
    version: alert.version + 1,
  };
  await commit(ctx, [
    ...resolveWrites(after, alert.version),
    auditRecord(ctx, { action: 'risk.alert_resolved', entityType: 'riskAlert', entityId: id, before: alert, after }),
  ]);
  return after;
}
