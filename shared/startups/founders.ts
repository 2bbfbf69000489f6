import { monthOf } from '../clock';
import type { Ctx } from '../context';
import type { TxItem } from '../db/transact';
import type { Startup } from './schema';
import { countWrites, upwardGroupOf, type CounterName } from '../reports';
import { getApplicantItem } from '../applicants';
import { getStartup, isFounderCounted, supportedFounderWrite } from './repository';

/**
 * The writes that count a startup's founder in `founders_supported` (this month), once per founder:
 * a marker item plus the counter, or only the other counts when the founder was counted before.
 * A transaction may touch the month's stats item only once, so pass every other count of this
 * month your transaction makes in `alsoCount` and do not call `countWrites` for them yourself.
 * Run the operation in `retryOnConflict`: a concurrent count of the same founder re-runs it.
 */
export async function founderSupportedWrites(ctx: Ctx, startupId: string, alsoCount: Partial<Record<CounterName, number>> = {}): Promise<TxItem[]> {
  const month = monthOf(ctx.now);
  if (await isFounderCounted(startupId)) return countWrites(month, alsoCount);
  // The founder's group as their profile says (the provincial plan's split).
  const startup = await getStartup(startupId);
  const founder = startup ? await getApplicantItem(startup.founderApplicantId) : undefined;
  const group = upwardGroupOf(founder?.category);
  return [
    supportedFounderWrite(startupId, ctx.now.toISOString()),
    ...countWrites(month, { ...alsoCount, founders_supported: 1, [`founders_supported__${group}`]: 1 }),
  ];
}

/** The logins of everyone who founded the startup: the founder and the co-founders an officer added. */
export function peopleOf(startup: Pick<Startup, 'founderUserId' | 'coFounders'>): string[] {
  return [startup.founderUserId, ...(startup.coFounders ?? []).map((c) => c.userId)];
}

/** Whether the login is the founder or a co-founder of the startup. */
export function isFounderOf(startup: Pick<Startup, 'founderUserId' | 'coFounders'>, sub: string): boolean {
  return peopleOf(startup).includes(sub);
}
