import { auditRecord, commit } from '../audit';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict } from '../db/transact';
import { ConflictError, NotFoundError } from '../errors';
import { newId } from '../ids';
import { redact } from '../privacy';
import { refuseOwnRecord } from '../duties';
import { rejectClaimAsFraud } from '../payouts';
import { beneficiariesOf, getClaimItem, type ClaimItem } from '../claims';
import { AlertAlreadyOpenError, attachClaimsWrites, getAlert, getOpenAlertId, listAlerts, raiseWrites, resolveWrites } from './repository';
import type { ResolveRiskAlert, RiskAlert, RiskRule } from './schema';

export interface Suspicion {
  rule: RiskRule;
  subjectType: string;
  subjectId: string;
  summary: string;
  facts?: RiskAlert['facts'];
  /** The claims it concerns: kept out of payout batches while the alert is open. */
  claimIds?: string[];
}

/** Claims one alert holds back at most (each is one item of its transaction). */
const MAX_ALERT_CLAIMS = 40;

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
    ...(suspicion.claimIds?.length ? { claimIds: [...new Set(suspicion.claimIds)].slice(0, MAX_ALERT_CLAIMS) } : {}),
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
    if (!(error instanceof AlertAlreadyOpenError)) throw error;
    if (suspicion.claimIds?.length) await attachClaims(ctx, suspicion.rule, suspicion.subjectId, suspicion.claimIds);
    return null;
  }
}

/** Claims newly found to share the concern of an open alert join it (and are held back from batches too). */
async function attachClaims(ctx: Ctx, rule: RiskRule, subjectId: string, claimIds: string[]): Promise<void> {
  await retryOnConflict(async () => {
    const alertId = await getOpenAlertId(rule, subjectId);
    const alert = alertId ? await getAlert(alertId) : undefined;
    if (!alert || alert.status !== 'open') return;
    const fresh = [...new Set(claimIds)].filter((id) => !(alert.claimIds ?? []).includes(id));
    const room = MAX_ALERT_CLAIMS - (alert.claimIds?.length ?? 0);
    if (fresh.length === 0 || room <= 0) return;
    const added = fresh.slice(0, room);
    const after: RiskAlert = { ...alert, claimIds: [...(alert.claimIds ?? []), ...added], version: alert.version + 1 };
    await commit(ctx, [
      ...attachClaimsWrites(alert, alert.version, added),
      auditRecord(ctx, { action: 'risk.claims_attached', entityType: 'riskAlert', entityId: alert.id, before: alert, after }),
    ]);
  });
}

export function listRiskAlerts(status: RiskAlert['status'], rule: RiskRule | undefined, page: PageQuery) {
  return listAlerts(status, rule, page);
}

/**
 * An officer (never one of the people its claims pay) closes an open alert with the finding; the
 * subject may raise a new alert afterwards. Found `fraud`, each of its claims is rejected first (and
 * taken out of its batch), one transaction per claim with its audit record; if one fails the alert
 * stays open, and resolving it again carries on where it stopped.
 */
export async function resolveRiskAlert(ctx: Ctx, id: string, input: ResolveRiskAlert): Promise<RiskAlert> {
  const first = await getAlert(id);
  if (!first) throw new NotFoundError('risk alert');
  if (first.status !== 'open') throw new ConflictError('This alert is already resolved.', 'ALREADY_RESOLVED');
  const claims = (await Promise.all((first.claimIds ?? []).map((claimId) => getClaimItem(claimId)))).filter((c): c is ClaimItem => c !== undefined);
  refuseOwnRecord(ctx, claims.flatMap(beneficiariesOf), 'a risk alert on a claim');
  const outcome = { rejectedClaimIds: [] as string[], paidClaimIds: [] as string[] };
  if (input.outcome === 'fraud') {
    for (const claim of claims) {
      const result = await rejectClaimAsFraud(ctx, claim.id, first);
      if (result === 'rejected') outcome.rejectedClaimIds.push(claim.id);
      if (result === 'paid') outcome.paidClaimIds.push(claim.id);
    }
  }
  const alert = (await getAlert(id))!;
  if (alert.status !== 'open') throw new ConflictError('This alert is already resolved.', 'ALREADY_RESOLVED');
  const after: RiskAlert = {
    ...alert,
    status: 'resolved',
    resolution: { ...input, by: ctx.actor.sub, at: ctx.now.toISOString(), ...(input.outcome === 'fraud' ? outcome : {}) },
    version: alert.version + 1,
  };
  await commit(ctx, [
    ...resolveWrites(after, alert.version),
    auditRecord(ctx, { action: 'risk.alert_resolved', entityType: 'riskAlert', entityId: id, before: alert, after }),
  ]);
  return after;
}
