import { auditRecord, commit } from '../audit';
import type { Ctx } from '../context';
import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned } from '../db/items';
import { PreconditionFailedError } from '../errors';
import { DEFAULT_LOAN_POLICY, type LoanPolicy, LoanPolicyVersion, type PutLoanPolicy } from './schema';

/** The one loan policy of the centre, with its date-versioned settings. */
export const LoanPolicyEntity = defineEntity<LoanPolicy, Record<string, never>>({
  name: 'loanPolicy',
  module: 'loan-desk',
  prefix: 'SETTINGS',
  skPrefix: 'LOAN_POLICY',
  key: () => ({ pk: 'SETTINGS', sk: 'LOAN_POLICY' }),
  serves: "the centre's loan policy",
});

const policyKey = LoanPolicyEntity.key({});

/** The loan policy: every date-versioned setting, or Sichuan's defaults (version 0) before one is saved. */
export async function getLoanPolicy(): Promise<LoanPolicy> {
  const item = await getItem<Record<string, unknown>>(policyKey);
  if (!item) return { versions: DEFAULT_LOAN_POLICY, version: 0 };
  return LoanPolicyEntity.fromItem(item);
}

/** The version of the policy that applies to a day: the latest one applying from that day or before. */
export function versionOn(policy: LoanPolicy, day: string): LoanPolicyVersion | undefined {
  const found = [...policy.versions].sort((a, b) => b.appliesFrom.localeCompare(a.appliesFrom)).find((v) => v.appliesFrom <= day);
  // A version saved before a setting existed takes that setting's default.
  return found && LoanPolicyVersion.parse(found);
}

/** Replaces the versions of the policy (If-Match: the version read; 0 for the defaults), audited. */
export async function putLoanPolicy(ctx: Ctx, input: PutLoanPolicy, expectedVersion: number): Promise<LoanPolicy> {
  const before = await getLoanPolicy();
  if (before.version !== expectedVersion) throw new PreconditionFailedError();
  const versions = [...input.versions].sort((a, b) => a.appliesFrom.localeCompare(b.appliesFrom));
  const after: LoanPolicy = { versions, updatedBy: ctx.actor.sub, updatedAt: ctx.now.toISOString(), version: expectedVersion + 1 };
  const item = LoanPolicyEntity.toItem(after);
  await commit(ctx, [
    expectedVersion === 0 ? putNew(item, () => new PreconditionFailedError()) : putVersioned(item, expectedVersion),
    auditRecord(ctx, { action: 'settings.loan_policy_updated', entityType: 'settings', entityId: 'loan-policy', before, after }),
  ]);
  return after;
}
