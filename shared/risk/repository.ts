import { tableName } from '../db/table';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { claimRiskCounterWrite } from '../claims/repository';
import { ConflictError } from '../errors';
import type { RiskAlert, RiskRule } from './schema';

export const riskKeys = {
  alert: (id: string) => ({ pk: `RISK#${id}`, sk: 'ALERT' }),
  /** Exists while an alert of this rule is open on this subject: at most one at a time. */
  open: (rule: RiskRule, subjectId: string) => ({ pk: `RISK_OPEN#${rule}#${subjectId}`, sk: 'OPEN' }),
  byStatus: (status: RiskAlert['status']) => `RISKS#${status}`,
  byStatusAndRule: (status: RiskAlert['status'], rule: RiskRule) => `RISKS#${status}#${rule}`,
};

export class AlertAlreadyOpenError extends ConflictError {
  constructor() {
    super('An alert of this rule is already open on this subject.', 'ALERT_ALREADY_OPEN');
  }
}

function toItem(alert: RiskAlert) {
  const sortKey = `${alert.raisedAt}#${alert.id}`;
  return {
    ...riskKeys.alert(alert.id),
    entity: 'riskAlert',
    ...alert,
    gsi1pk: riskKeys.byStatus(alert.status),
    gsi1sk: sortKey,
    gsi2pk: riskKeys.byStatusAndRule(alert.status, alert.rule),
    gsi2sk: sortKey,
  };
}

function fromItem(item: Record<string, unknown>): RiskAlert {
  const { pk: _pk, sk: _sk, entity: _e, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...alert } = item;
  return alert as unknown as RiskAlert;
}

/** The alert, its open marker, and a count on each claim it concerns (which keeps them out of batches). */
export function raiseWrites(alert: RiskAlert): TxItem[] {
  return [
    putNew({ ...riskKeys.open(alert.rule, alert.subjectId), entity: 'riskOpen', alertId: alert.id }, () => new AlertAlreadyOpenError()),
    putNew(toItem(alert), () => new ConflictError('Alert id collision.')),
    ...(alert.claimIds ?? []).map((claimId) => claimRiskCounterWrite(claimId, 1)),
  ];
}

/** More claims found to share an open alert's concern join it. */
export function attachClaimsWrites(alert: RiskAlert, expectedVersion: number, claimIds: string[]): TxItem[] {
  return [
    putVersioned(toItem({ ...alert, claimIds: [...(alert.claimIds ?? []), ...claimIds] }), expectedVersion, () => new TransactionConflictError()),
    ...claimIds.map((claimId) => claimRiskCounterWrite(claimId, 1)),
  ];
}

export function resolveWrites(alert: RiskAlert, expectedVersion: number): TxItem[] {
  return [
    putVersioned(toItem(alert), expectedVersion, () => new ConflictError('The alert was resolved at the same time.', 'ALREADY_RESOLVED')),
    { Delete: { TableName: tableName(), Key: riskKeys.open(alert.rule, alert.subjectId) } },
    ...(alert.claimIds ?? []).map((claimId) => claimRiskCounterWrite(claimId, -1)),
  ];
}

export async function getOpenAlertId(rule: RiskRule, subjectId: string): Promise<string | undefined> {
  return (await getItem<{ alertId: string }>(riskKeys.open(rule, subjectId)))?.alertId;
}

export async function getAlert(id: string): Promise<RiskAlert | undefined> {
  const item = await getItem<Record<string, unknown>>(riskKeys.alert(id));
  return item ? fromItem(item) : undefined;
}

export async function listAlerts(status: RiskAlert['status'], rule: RiskRule | undefined, page: PageQuery) {
  const result = rule
    ? await queryPage<Record<string, unknown>>({ index: 'gsi2', partition: riskKeys.byStatusAndRule(status, rule), newestFirst: true, page })
    : await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: riskKeys.byStatus(status), newestFirst: true, page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}
