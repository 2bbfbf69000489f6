import { auditRecord, commit } from '../audit';
import { getApplicantItem, releaseActiveSlotWrite } from '../applicants';
import { dayOf, monthOf } from '../clock';
import { hasRole, type Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict, TransactionConflictError, type TxItem } from '../db/transact';
import { refuseOwnRecord } from '../duties';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../errors';
import { newId } from '../ids';
import { countWrites } from '../reports';
import { isStartupViewer } from './access';
import { founderSupportedWrites, isFounderOf, peopleOf } from './founders';
import { moveStartup } from './lifecycle';
import { creditCodeWrite, getStartup as readStartup, listStartupsByStatus, listStartupsOfFounder, saveStartupWrite } from './repository';
import { MAX_CO_FOUNDERS, type AddCoFounder, type ExitStartup, type GraduateStartup, type Startup, type StartupStatus } from './schema';

/** Incubation lasts 24 months unless the programme says otherwise. */
export const INCUBATION_MONTHS = 24;

/** `day` plus `months`, kept within the target month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

export interface ApprovedProject {
  applicationId: string;
  founderApplicantId: string;
  founderUserId: string;
  name: string;
  sector: Startup['sector'];
  space: Startup['space'];
  plannedJobs: number;
  preferredCommunityId?: string;
}

/** The startup an approved application becomes (written by the decision's transaction). */
export function newStartup(ctx: Ctx, project: ApprovedProject): Startup {
  const at = ctx.now.toISOString();
  const start = dayOf(ctx.now);
  return {
    id: newId('stp'),
    ...project,
    status: 'approved',
    incubationStart: start,
    incubationEnd: addMonths(start, INCUBATION_MONTHS),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

const isStaff = (ctx: Ctx) => hasRole(ctx, 'officer') || hasRole(ctx, 'auditor');

/** Whether the caller may read the startup: staff, its founder, or a viewer rule of another module. */
export async function canViewStartup(ctx: Ctx, startup: Startup): Promise<boolean> {
  return isStaff(ctx) || isFounderOf(startup, ctx.actor.sub) || (await isStartupViewer(ctx, startup));
}

/** A startup, to those who may see it; to anyone else it does not exist (404). */
export async function getStartup(ctx: Ctx, id: string): Promise<Startup> {
  const startup = await readStartup(id);
  if (!startup || !(await canViewStartup(ctx, startup))) throw new NotFoundError('startup');
  return startup;
}

/** Officers and auditors list by status; a founder lists their own (`mine`). */
export async function listStartups(ctx: Ctx, filter: { status?: StartupStatus; mine?: boolean }, page: PageQuery) {
  if (filter.mine) {
    if (filter.status) throw new ValidationError('mine=true takes no status.', [{ field: 'query.mine', message: 'cannot be combined with status' }]);
    return listStartupsOfFounder(ctx.actor.sub, page);
  }
  if (!isStaff(ctx)) throw new ForbiddenError('Only officers and auditors list startups; use mine=true for your own.');
  if (!filter.status) throw new ValidationError('Give a status to list.', [{ field: 'query.status', message: 'required' }]);
  return listStartupsByStatus(filter.status, page);
}

async function existingStartup(id: string): Promise<Startup> {
  const startup = await readStartup(id);
  if (!startup) throw new NotFoundError('startup');
  return startup;
}

/**
 * The writes that start incubation (approved → incubating) and count it. The space module uses
 * this too when it allocates a startup's first unit.
 */
export function startIncubationWrites(ctx: Ctx, startup: Startup): { writes: TxItem[]; after: Startup } {
  // The incubation period runs from the day the startup actually moves in.
  const start = dayOf(ctx.now);
  const moved = moveStartup(ctx, startup, 'incubating', { incubationStart: start, incubationEnd: addMonths(start, INCUBATION_MONTHS) });
  return { after: moved.after, writes: moved.writes };
}

/** Officer: the startup moves in and starts incubation. */
export async function startIncubation(ctx: Ctx, id: string): Promise<Startup> {
  return retryOnConflict(async () => {
    const startup = await existingStartup(id);
    refuseOwnRecord(ctx, peopleOf(startup), 'a startup');
    const { writes, after } = startIncubationWrites(ctx, startup);
    await commit(ctx, writes);
    return after;
  });
}

/**
 * The check, handed in by the caller (the businesses module sits above this one), that no other
 * startup has registered a business with the graduation code.
 */
export type BusinessCodeCheck = (creditCode: string, startupId: string) => TxItem;

/**
 * Officer: the startup graduates as a registered business. A startup whose business was registered
 * and verified during incubation graduates with that business's credit code, and no startup
 * graduates with another startup's registered business's code. In the same transaction: the credit
 * code is claimed (one startup per business), the founder is counted as supported (once), and the
 * founder's active-application slot is freed so they may apply again.
 */
export async function graduateStartup(ctx: Ctx, id: string, input: GraduateStartup, businessCodeCheck: BusinessCodeCheck): Promise<Startup> {
  return retryOnConflict(async () => {
    const startup = await existingStartup(id);
    refuseOwnRecord(ctx, peopleOf(startup), 'a startup');
    const at = ctx.now.toISOString();
    const { writes, after } = moveStartup(ctx, startup, 'graduated', {
      creditCode: input.creditCode,
      ...(input.businessName ? { businessName: input.businessName } : {}),
      leftAt: at,
      leftReason: input.reason,
    });
    if (startup.creditCode && startup.creditCode !== input.creditCode) {
      throw new UnprocessableError(
        `The startup's registered business has credit code ${startup.creditCode}; it graduates with that code.`,
        'GRADUATION_CODE_NOT_BUSINESS',
        { creditCode: startup.creditCode },
      );
    }
    await commit(ctx, [
      ...writes,
      creditCodeWrite(input.creditCode, id),
      businessCodeCheck(input.creditCode, id),
      releaseActiveSlotWrite(startup.founderApplicantId),
      ...(await founderSupportedWrites(ctx, id, { startups_graduated: 1 })),
    ]);
    return after;
  });
}

/** Officer: the startup leaves without graduating (withdrawn or terminated). */
export async function exitStartup(ctx: Ctx, id: string, input: ExitStartup): Promise<Startup> {
  return retryOnConflict(async () => {
    const startup = await existingStartup(id);
    refuseOwnRecord(ctx, peopleOf(startup), 'a startup');
    const { writes, after } = moveStartup(ctx, startup, input.outcome, { leftAt: ctx.now.toISOString(), leftReason: input.reason });
    await commit(ctx, [
      ...writes,
      releaseActiveSlotWrite(startup.founderApplicantId),
      ...countWrites(monthOf(ctx.now), { startups_exited: 1, [`startups_exited__${input.outcome}`]: 1 }),
    ]);
    return after;
  });
}

/**
 * Officer: records a partner of the business as a co-founder, who may then claim subsidies for it.
 * Every once-only rule counts per business as well as per person, so this never pays twice.
 */
export async function addCoFounder(ctx: Ctx, id: string, input: AddCoFounder): Promise<Startup> {
  const applicant = await getApplicantItem(input.applicantId);
  if (!applicant) throw new NotFoundError('applicant');
  return retryOnConflict(async () => {
    const startup = await existingStartup(id);
    refuseOwnRecord(ctx, [...peopleOf(startup), applicant.userId], 'a startup');
    if (startup.status === 'withdrawn' || startup.status === 'terminated') {
      throw new ConflictError(`A ${startup.status} startup takes no co-founders.`, 'INVALID_TRANSITION', { from: startup.status });
    }
    if (isFounderOf(startup, applicant.userId)) throw new ConflictError('This person already founded the startup.', 'ALREADY_FOUNDER');
    const coFounders = startup.coFounders ?? [];
    if (coFounders.length >= MAX_CO_FOUNDERS) throw new UnprocessableError(`A startup has at most ${MAX_CO_FOUNDERS} co-founders.`, 'TOO_MANY_CO_FOUNDERS');
    const at = ctx.now.toISOString();
    const after: Startup = {
      ...startup,
      coFounders: [...coFounders, { applicantId: applicant.id, userId: applicant.userId, addedBy: ctx.actor.sub, addedAt: at }],
      updatedAt: at,
      version: startup.version + 1,
    };
    await commit(ctx, [
      saveStartupWrite(after, startup.version, () => new TransactionConflictError()),
      auditRecord(ctx, { action: 'startup.co_founder_added', entityType: 'startup', entityId: id, before: startup, after }),
    ]);
    return after;
  });
}

// What other modules read (and write in their transactions) of this module's records, entering through index.ts.
export {
  createStartupWrite,
  fromItem as startupFromItem,
  getStartup as findStartup,
  listStartupsByStatus,
  listStartupsOfFounder,
  saveStartupWrite,
  startupKeys,
  startupRead,
  startupUnchangedCheck,
} from './repository';
