import { defineEntity } from '../db/entity';
import { tableName } from '../db/table';
import type { TxItem } from '../db/transact';

/**
 * Per-month aggregate items that reports read instead of scanning: one item per scope and month
 * (`STATS#ALL` / `STATS#COMMUNITY#<id>`, sort key `YYYY-MM`), each counter an attribute. Modules
 * add `countWrites(...)` to the same transaction as the change being counted, so a report over
 * N months costs N reads and is never out of step with the data.
 */
export const COUNTERS = [
  // applications (month of the step)
  'applications_submitted',
  'applications_approved',
  'applications_rejected',
  'applications_withdrawn',
  // startups (month of the step)
  'startups_approved',
  'startups_incubating',
  'startups_graduated',
  'startups_exited',
  /** Startups that left incubation (graduated, withdrawn, terminated), and those of them that left by their term's last day. */
  'startups_left',
  'startups_left_on_time',
  /** Founders who started a business with support: graduated with a credit code, or paid an entity subsidy (once each). */
  'founders_supported',
  /** Split as the provincial plan reports them: `founders_supported__<group>` (see `upwardGroupOf`). */
  /** Startups recorded as a success as the policy defines it (month recorded). */
  'startups_succeeded',
  // space (month occupied; community scope)
  'unit_months_occupied',
  /** Units that became active (+1: added or back from maintenance) or stopped (−1) in the month: their sum to a month is the units available in it. */
  'units_active_change',
  // incubation carriers: communities and parks opened (month created, +1)
  'carriers_opened',
  // mentoring (month of the session; the team: month a mentor joined or stopped, ±1)
  'mentors_active_change',
  'sessions',
  'session_minutes',
  'session_ratings',
  'session_rating_sum',
  // events (month held)
  'events_held',
  'event_checkins',
  // money (month of the ledger entry)
  'payments',
  'paid_fen',
  'reversed_fen',
  /** Split by the claim's policy (`paid_fen_by_policy__<policy>`), for the upward report's subsidies by policy. */
  'paid_fen_by_policy',
  'reversed_fen_by_policy',
  // loans (month issued)
  'loans_issued',
  'loans_principal_fen',
  // entrepreneurship training, 人次 (month enrolled; month of the certificate), by course type
  // (`__syb`) and by course type and the trainee's group (`__syb__college_graduate`)
  'training_enrolments',
  'training_completions',
] as const;
export type Counter = (typeof COUNTERS)[number];

/** The groups the provincial plan's indicators are split by. */
export const UPWARD_GROUPS = ['college_graduate', 'returning_migrant_worker', 'veteran', 'employment_difficulty', 'other'] as const;
export type UpwardGroup = (typeof UPWARD_GROUPS)[number];

/** An applicant category's group in the upward report: the four the plan names, every other category as `other`. */
export function upwardGroupOf(category: string | undefined): UpwardGroup {
  return (UPWARD_GROUPS as readonly string[]).includes(category ?? '') ? (category as UpwardGroup) : 'other';
}

/** Counters split by a dimension are named `<counter>__<value>`, e.g. `paid_fen__entity_subsidy`. */
export type CounterName = Counter | `${Counter}__${string}`;

export const statsKeys = {
  scope: (communityId?: string) => (communityId ? `STATS#COMMUNITY#${communityId}` : 'STATS#ALL'),
  item: (month: string, communityId?: string) => ({ pk: statsKeys.scope(communityId), sk: month }),
};

/** One month's counters of one scope: the district (`STATS#ALL`) or a community. */
export const StatsEntity = defineEntity<Partial<Record<CounterName, number>>, { month: string; communityId?: string }>({
  name: 'stats',
  module: 'reports',
  prefix: 'STATS#',
  key: (scope) => statsKeys.item(scope.month, scope.communityId),
  serves: 'the counters of a range of months of one scope (one Query, sk BETWEEN)',
});

/**
 * Adds to counters of one month, district-wide and (with `communityId`) for that community too.
 * A transaction may touch an item only once: counts of one month and scope given in several calls
 * are added up into one update by `transact`.
 */
export function countWrites(month: string, counts: Partial<Record<CounterName, number>>, communityId?: string): TxItem[] {
  const entries = Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0 && n !== undefined)) as Record<string, number>;
  if (Object.keys(entries).length === 0) return [];
  const keys = communityId ? [statsKeys.item(month, undefined), statsKeys.item(month, communityId)] : [statsKeys.item(month)];
  // Mergeable: two parts of one transaction may each count in the same month (a first allocation
  // counts its unit-months and the start of incubation); `transact` adds them up into one update.
  return keys.map((key) => ({
    ...counterUpdate(key, entries),
    mergeable: { key: `${key.pk}|${key.sk}`, counts: entries, build: (sum) => counterUpdate(key, sum) },
  }));
}

function counterUpdate(key: { pk: string; sk: string }, counts: Record<string, number>): TxItem {
  const names: Record<string, string> = { '#entity': 'entity' };
  const values: Record<string, unknown> = { ':entity': StatsEntity.name };
  const adds = Object.entries(counts).map(([name, n], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET #entity = :entity ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
