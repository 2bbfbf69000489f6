import { defineEntity } from '../db/entity';
import { getItem, getItems } from '../db/items';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { PERIODIC_KINDS, type Programme, type ProgrammeKind } from '../programmes';
import type { ClaimPeriod } from './schema';

/**
 * Holds: constraint items a live claim keeps, written with `attribute_not_exists` in the claim's own
 * transaction, so that the rules hold across programmes, years and parallel requests:
 * - a one-off policy (one-off startup subsidy, entity subsidy, a centre's own code) is received once
 *   per person (`POLICY#<policy>#PERSON#<applicant>`) and once per business
 *   (`…#BUSINESS#<startup>`, and `…#CREDIT_CODE#<code>` once it is registered);
 * - a periodic subsidy pays each month once: rent per startup-month (`PAID_MONTH#rent#<startup>#<month>`),
 *   loan interest per loan-month (`PAID_MONTH#loan_interest#<loan>#<month>`), whatever the programme.
 * A claim that is rejected or fully reversed deletes its holds in that same transaction (only its
 * own: the delete is conditioned on the claim id), so a corrected claim may be made.
 * A stage of a tiered policy holds `POLICY#<policy>#STAGE#<n>#PERSON#…` (and `#BUSINESS#`, `#CREDIT_CODE#`):
 * each stage once per person and business.
 * A training subsidy holds `POLICY#<policy>#PERSON#<applicant>#COURSE#<type>#YEAR#<year>`: once per
 * person, course type and calendar year of the certificate (Beijing days).
 */
export const holdKeys = {
  person: (policy: string, applicantId: string) => `POLICY#${policy}#PERSON#${applicantId}`,
  business: (policy: string, startupId: string) => `POLICY#${policy}#BUSINESS#${startupId}`,
  creditCode: (policy: string, code: string) => `POLICY#${policy}#CREDIT_CODE#${code}`,
  /** A stage of a tiered policy: its own holds, so each stage is received once and stages are not confused. */
  staged: (policy: string, stage: number | undefined) => (stage ? `${policy}#STAGE#${stage}` : policy),
  trainingYear: (policy: string, applicantId: string, courseType: string, year: string) =>
    `POLICY#${policy}#PERSON#${applicantId}#COURSE#${courseType}#YEAR#${year}`,
  rentMonth: (startupId: string, month: string) => `PAID_MONTH#rent#${startupId}#${month}`,
  interestMonth: (loanId: string, month: string) => `PAID_MONTH#loan_interest#${loanId}#${month}`,
};
const HOLD_SK = 'HOLD';

/** A one-off policy's hold, per person, business or credit code. */
export const PolicyHoldEntity = defineEntity<Hold, { holdKey: string }>({
  name: 'claimHold',
  module: 'claims',
  prefix: 'POLICY#',
  key: (hold) => ({ pk: hold.holdKey, sk: HOLD_SK }),
  serves: 'once per policy and person / business / credit code (a training subsidy: person, course type and year): the live claim that holds it',
});

/** A periodic subsidy's hold, per startup-month (rent) or loan-month (interest). */
export const MonthHoldEntity = defineEntity<Hold, { holdKey: string }>({
  name: 'claimHold',
  module: 'claims',
  prefix: 'PAID_MONTH#',
  key: (hold) => ({ pk: hold.holdKey, sk: HOLD_SK }),
  serves: 'once per month of a startup (rent) or loan (interest): the live claim that holds it',
});

const holdKey = (pk: string) => (pk.startsWith(MonthHoldEntity.prefix) ? MonthHoldEntity : PolicyHoldEntity).key({ holdKey: pk });

export function isPeriodic(kind: ProgrammeKind): boolean {
  return PERIODIC_KINDS.includes(kind);
}

/** The holds a claim takes: its policy for person and business (one-off), or its months (periodic). */
export function holdsOf(
  programme: Pick<Programme, 'kind' | 'policy'>,
  claim: {
    applicantId: string;
    startupId?: string;
    creditCode?: string;
    periods?: ClaimPeriod[];
    stage?: number;
    certificate?: { courseType: string; certifiedOn: string };
  },
): string[] {
  const policy = holdKeys.staged(programme.policy, claim.stage);
  if (programme.kind === 'training_subsidy' && claim.certificate) {
    return [holdKeys.trainingYear(policy, claim.applicantId, claim.certificate.courseType, claim.certificate.certifiedOn.slice(0, 4))];
  }
  if (programme.kind === 'rent_subsidy') return (claim.periods ?? []).map((p) => holdKeys.rentMonth(claim.startupId!, p.period));
  if (programme.kind === 'loan_interest_subsidy') return (claim.periods ?? []).map((p) => holdKeys.interestMonth(p.loanId!, p.period));
  return [
    holdKeys.person(policy, claim.applicantId),
    ...(claim.startupId ? [holdKeys.business(policy, claim.startupId)] : []),
    ...(claim.creditCode ? [holdKeys.creditCode(policy, claim.creditCode)] : []),
  ];
}

/** A hold of an earlier claim stood in the way; the service names that claim. */
export class HoldTakenError extends ConflictError {
  constructor(readonly holdKey: string) {
    super('An earlier claim already holds this.', 'HOLD_TAKEN', {});
  }
}

export interface Hold {
  claimId: string;
  programmeId: string;
  applicantId: string;
  at: string;
}

export function takeHoldWrites(keys: string[], hold: Hold): TxItem[] {
  return keys.map((pk) => ({
    Put: { TableName: tableName(), Item: { ...holdKey(pk), entity: PolicyHoldEntity.name, ...hold }, ConditionExpression: 'attribute_not_exists(pk)' },
    onConditionFailed: () => new HoldTakenError(pk),
  }));
}

/** Frees a claim's holds; never another claim's (conditioned on the claim id). */
export function releaseHoldWrites(keys: string[], claimId: string): TxItem[] {
  return keys.map((pk) => ({
    Delete: {
      TableName: tableName(),
      Key: holdKey(pk),
      ConditionExpression: 'attribute_not_exists(pk) OR claimId = :claim',
      ExpressionAttributeValues: { ':claim': claimId },
    },
    onConditionFailed: () => new TransactionConflictError(),
  }));
}

export async function getHold(key: string): Promise<Hold | undefined> {
  return getItem<Hold>(holdKey(key));
}

/** Which of these months' holds exist already (one BatchGetItem). */
export async function heldAlready(keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const found = await getItems<{ pk: string }>(keys.map(holdKey));
  return new Set(found.filter((item): item is { pk: string } => item !== undefined).map((item) => item.pk));
}
