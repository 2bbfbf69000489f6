import { tableName } from '../db/table';
import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { claimRiskCounterWrite } from '../claims';
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

const alertSortKey = (alert: RiskAlert) => `${alert.raisedAt}#${alert.id}`;

export const RiskAlertEntity = defineEntity<RiskAlert, { id: string }>({
  name: 'riskAlert',
  module: 'risk',
  prefix: 'RISK#',
  key: (alert) => riskKeys.alert(alert.id),
  serves: 'one alert by id',
  indexes: {
    gsi1: { pk: (alert) => riskKeys.byStatus(alert.status), sk: alertSortKey, serves: 'alerts of one status, newest first' },
    gsi2: { pk: (alert) => riskKeys.byStatusAndRule(alert.status, alert.rule), sk: alertSortKey, serves: 'alerts of one status and rule, newest first' },
  },
});

/** Exists while an alert of this rule is open on this subject: at most one at a time. */
export const RiskOpenEntity = defineEntity<{ alertId: string }, { rule: RiskRule; subjectId: string }>({
  name: 'riskOpen',
  module: 'risk',
  prefix: 'RISK_OPEN#',
  key: (open) => riskKeys.open(open.rule, open.subjectId),
  serves: 'once at a time: the open alert of a rule on a subject',
});

const toItem = RiskAlertEntity.toItem;
const fromItem = RiskAlertEntity.fromItem;

/** The alert, its open marker, and a count on each claim it concerns (which keeps them out of batches). */
export function raiseWrites(alert: RiskAlert): TxItem[] {
  return [
    putNew({ ...RiskOpenEntity.key(alert), entity: RiskOpenEntity.name, alertId: alert.id }, () => new AlertAlreadyOpenError()),
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
