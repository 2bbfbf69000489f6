import { auditRecord, commit } from '../audit';
import { dayOf, monthOf } from '../clock';
import type { Ctx } from '../context';
import { retryOnConflict, TransactionConflictError } from '../db/transact';
import { refuseOwnRecord } from '../duties';
import { ConflictError, NotFoundError, UnprocessableError } from '../errors';
import { countWrites } from '../reports';
import { peopleOf } from '../startups';
import { findStartup as getStartup, saveStartupWrite } from '../startups';
import type { Startup } from '../startups';
import { addMonths } from '../startups';
import type { RecordSuccess } from '../startups';
import { verifiedFactsOf } from './facts';
import { getBusiness } from './repository';

/** Why the startup is not (yet) a success on `basis`, or null when the verified records show it is. */
async function notYetASuccess(startup: Startup, basis: RecordSuccess['basis'], today: string): Promise<string | null> {
  if (basis === 'graduated_with_active_business') {
    if (startup.status !== 'graduated') return `the startup is ${startup.status}, not graduated`;
    const business = await getBusiness(startup.id);
    return business?.status === 'active' ? null : 'it has no verified, active business';
  }
  if (!startup.leftAt) return 'the startup has not left incubation';
  const yearAfter = addMonths(dayOf(new Date(startup.leftAt)), 12);
  if (today < yearAfter) return `a year after leaving is ${yearAfter}`;
  const facts = await verifiedFactsOf(startup.id);
  if (facts.normalOperation !== true || !facts.lastInspectedOn || facts.lastInspectedOn < yearAfter) {
    return `no on-site inspection on or after ${yearAfter} found it operating normally`;
  }
  return null;
}

/** Officer: records that the startup succeeded as the policy defines it, once, counted in the month recorded. */
export async function recordSuccess(ctx: Ctx, id: string, input: RecordSuccess): Promise<Startup> {
  return retryOnConflict(async () => {
    const startup = await getStartup(id);
    if (!startup) throw new NotFoundError('startup');
    refuseOwnRecord(ctx, peopleOf(startup), 'a startup');
    if (startup.success) throw new ConflictError('Success is recorded already.', 'SUCCESS_RECORDED');
    const today = dayOf(ctx.now);
    const problem = await notYetASuccess(startup, input.basis, today);
    if (problem) throw new UnprocessableError(`Not a success on ${input.basis}: ${problem}.`, 'NOT_A_SUCCESS');
    const at = ctx.now.toISOString();
    const after: Startup = {
      ...startup,
      success: { basis: input.basis, recordedOn: today, by: ctx.actor.sub, evidenceReference: input.evidenceReference },
      updatedAt: at,
      version: startup.version + 1,
    };
    await commit(ctx, [
      saveStartupWrite(after, startup.version, () => new TransactionConflictError()),
      ...countWrites(monthOf(ctx.now), { startups_succeeded: 1 }, startup.preferredCommunityId),
      auditRecord(ctx, { action: 'startup.success_recorded', entityType: 'startup', entityId: id, before: startup, after }),
    ]);
    return after;
  });
}
