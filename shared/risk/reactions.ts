import { dayOf } from '../clock';
import { systemCtx, type Ctx } from '../context';
import { onEvent } from '../events';
import { NotEligibleError } from '../errors';
import { getAssignmentItem } from '../mentors';
import { getDayMinutes, getSessionItem } from '../mentors';
import { findStartup as getStartup } from '../startups';
import type { StartupStatus } from '../startups';
import { computeAmount } from '../claims';
import { getBatch } from '../payouts';
import { accountHoldersOf, getClaimItem, listClaimsOfUser, type ClaimItem } from '../claims';
import { getProgramme } from '../programmes';
import type { Claim } from '../claims';
import { raiseAlert } from './service';

/**
 * The risk rules (风控), evaluated when the facts they watch change. Each reads a handful of known
 * keys and raises at most one open alert per subject (`raiseAlert` is idempotent per rule and
 * subject), so a rule may run again on the same facts without flooding the auditors. Alerts carry
 * masked identifiers only: masked names and account numbers, ids, amounts.
 */

/** Above this many minutes in one week (Monday to Sunday) a mentor's log is implausible: 40 hours. */
export const MENTOR_WEEK_LIMIT_MINUTES = 40 * 60;
/** A batch above this total (fen; 200,000 yuan) approved sooner than the next after preparing it was not looked at. */
export const FAST_APPROVAL_ABOVE_FEN = 20_000_000;
export const FAST_APPROVAL_WITHIN_MS = 10 * 60 * 1000;

/** Startups that left the programme without graduating; a graduate's claims (entity subsidy) are expected. */
const EXITED: readonly StartupStatus[] = ['withdrawn', 'terminated'];
/** Claims still on their way to (or already turned into) money. */
const LIVE_CLAIMS: readonly Claim['status'][] = ['submitted', 'verified', 'batched', 'paid'];
const UNPAID_CLAIMS: readonly Claim['status'][] = ['submitted', 'verified', 'batched'];

const ctxOf = (event: { requestId: string; at: string }): Ctx => systemCtx(event.requestId, new Date(event.at));

// ---- the same bank account on claims of different people ----

export async function checkSharedBankAccount(ctx: Ctx, claim: ClaimItem): Promise<void> {
  if (!claim.bankAccountFingerprint) return;
  const holders = await accountHoldersOf(claim.bankAccountFingerprint);
  const people = new Map(holders.map((h) => [h.applicantId, h]));
  if (people.size < 2) return;
  const names = [...people.values()].map((h) => h.applicantNameMasked);
  await raiseAlert(ctx, {
    rule: 'shared_bank_account',
    subjectType: 'bankAccount',
    // The keyed fingerprint, shortened: identifies the account without revealing it.
    subjectId: claim.bankAccountFingerprint.slice(0, 32),
    summary: `Bank account ${claim.bankAccount.accountNumberMasked} is on the claims of ${people.size} different people (${names.join(', ')}).`,
    facts: { accountNumberMasked: claim.bankAccount.accountNumberMasked, people: people.size, claimIds: holders.map((h) => h.claimId).join(' ') },
    claimIds: [...people.values()].map((h) => h.claimId),
  });
}

// ---- a rent-subsidy claim for months with no allocation ----

/**
 * The claim's amount recomputed from the months the startup holds space now (up to the claim's
 * month): less than claimed means some claimed months no longer have an allocation.
 */
export async function checkRentMonths(ctx: Ctx, claim: Claim): Promise<void> {
  if (claim.programmeKind !== 'rent_subsidy' || !claim.startupId || !LIVE_CLAIMS.includes(claim.status)) return;
  const [programme, startup] = await Promise.all([getProgramme(claim.programmeId), getStartup(claim.startupId)]);
  if (!programme || !startup) return;
  let coveredFen = 0;
  try {
    const months = claim.facts.periods ? [...new Set(claim.facts.periods.map((p) => p.period))] : undefined;
    coveredFen = (await computeAmount(programme, startup, new Date(claim.submittedAt), months)).amountFen;
  } catch (error) {
    if (!(error instanceof NotEligibleError)) throw error;
  }
  if (coveredFen >= claim.amountFen) return;
  await raiseAlert(ctx, {
    rule: 'rent_claim_without_allocation',
    subjectType: 'claim',
    subjectId: claim.id,
    summary: `Rent-subsidy claim ${claim.id} of ${claim.applicantNameMasked} (${claim.startupName ?? claim.startupId}) asks ${claim.amountFen} fen, but the months with an allocation cover only ${coveredFen} fen.`,
    facts: { claimId: claim.id, startupId: claim.startupId, claimedFen: claim.amountFen, coveredFen, status: claim.status },
    claimIds: [claim.id],
  });
}

// ---- a claim by a startup that has left incubation ----

async function raiseClaimAfterExit(ctx: Ctx, claim: Claim, status: StartupStatus): Promise<void> {
  await raiseAlert(ctx, {
    rule: 'claim_after_exit',
    subjectType: 'startup',
    subjectId: claim.startupId!,
    summary: `Claim ${claim.id} (${claim.programmeName}) of ${claim.applicantNameMasked} is for ${claim.startupName ?? claim.startupId}, which has ${status === 'withdrawn' ? 'withdrawn from' : 'been terminated in'} incubation.`,
    facts: { claimId: claim.id, startupId: claim.startupId!, startupStatus: status, claimStatus: claim.status, amountFen: claim.amountFen },
    claimIds: [claim.id],
  });
}

export async function checkClaimOfExitedStartup(ctx: Ctx, claim: Claim): Promise<void> {
  if (!claim.startupId) return;
  const startup = await getStartup(claim.startupId);
  if (startup && EXITED.includes(startup.status)) await raiseClaimAfterExit(ctx, claim, startup.status);
}

onEvent('ClaimSubmitted', async (event) => {
  const claim = await getClaimItem(event.data.claimId);
  if (!claim) return;
  const ctx = ctxOf(event);
  await checkSharedBankAccount(ctx, claim);
  await checkClaimOfExitedStartup(ctx, claim);
  await checkRentMonths(ctx, claim);
});

/** A corrected bank account may be someone else's: the shared-account rule looks again. */
onEvent('ClaimBankAccountChanged', async (event) => {
  const claim = await getClaimItem(event.data.claimId);
  if (claim) await checkSharedBankAccount(ctxOf(event), claim);
});

onEvent('ClaimVerified', async (event) => {
  const claim = await getClaimItem(event.data.claimId);
  if (claim) await checkRentMonths(ctxOf(event), claim);
});

/** The claims of one startup, read from its founder's claims (one partition, a handful of items). */
async function claimsOfStartup(startupId: string): Promise<{ claims: Claim[]; status: StartupStatus } | undefined> {
  const startup = await getStartup(startupId);
  if (!startup) return undefined;
  const { items } = await listClaimsOfUser(startup.founderUserId, { limit: 100 });
  return { claims: items.filter((c) => c.startupId === startupId), status: startup.status };
}

/** Space given back (possibly for a month already claimed): the startup's rent claims are checked again. */
onEvent('UnitReleased', async (event) => {
  const found = await claimsOfStartup(event.data.startupId);
  if (!found) return;
  const ctx = ctxOf(event);
  for (const claim of found.claims) await checkRentMonths(ctx, claim);
});

/** A startup withdrawn or terminated with claims still to be paid. */
onEvent('StartupLeftIncubation', async (event) => {
  const { outcome, startupId } = event.data;
  if (!EXITED.includes(outcome)) return;
  const found = await claimsOfStartup(startupId);
  const pending = found?.claims.find((c) => UNPAID_CLAIMS.includes(c.status));
  if (pending) await raiseClaimAfterExit(ctxOf(event), pending, outcome);
});

// ---- mentors: more than 40 hours a week, or sessions on a startup they no longer mentor ----

/** The Monday (`YYYY-MM-DD`) of the week of a day, and the week's seven days. */
export function weekOf(day: string): string[] {
  const date = new Date(`${day}T00:00:00Z`);
  const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000);
  return Array.from({ length: 7 }, (_, i) => new Date(monday.getTime() + i * 86_400_000).toISOString().slice(0, 10));
}

onEvent('MentoringSessionLogged', async (event) => {
  const session = await getSessionItem(event.data.sessionId);
  if (!session) return;
  const ctx = ctxOf(event);
  const week = weekOf(session.date);
  const minutes = (await Promise.all(week.map((day) => getDayMinutes(session.mentorId, day)))).reduce((sum, m) => sum + m, 0);
  if (minutes > MENTOR_WEEK_LIMIT_MINUTES) {
    await raiseAlert(ctx, {
      rule: 'mentor_overload',
      subjectType: 'mentorWeek',
      subjectId: `${session.mentorId}:${week[0]}`,
      summary: `Mentor ${session.mentorId} has logged ${Math.round((minutes / 60) * 10) / 10} hours of sessions in the week of ${week[0]} (more than 40).`,
      facts: { mentorId: session.mentorId, weekStarting: week[0]!, minutes, sessionId: session.id },
    });
  }
  const assignment = await getAssignmentItem(session.assignmentId);
  // Logged after the assignment ended: the session may be backdated into the assignment's period.
  if (assignment?.endedAt && assignment.endedAt <= session.createdAt) {
    await raiseAlert(ctx, {
      rule: 'session_without_assignment',
      subjectType: 'mentorStartup',
      subjectId: `${session.mentorId}:${session.startupId}`,
      summary: `Mentor ${session.mentorId} logged session ${session.id} (dated ${session.date}) on startup ${session.startupId} after their assignment ended on ${dayOf(new Date(assignment.endedAt))}.`,
      facts: {
        mentorId: session.mentorId,
        startupId: session.startupId,
        sessionId: session.id,
        sessionDate: session.date,
        assignmentEndedAt: assignment.endedAt,
      },
    });
  }
});

// ---- a large payout batch approved within minutes of being prepared ----

onEvent('PayoutBatchApproved', async (event) => {
  const batch = await getBatch(event.data.batchId);
  if (!batch || batch.totalFen <= FAST_APPROVAL_ABOVE_FEN) return;
  const approvedAt = batch.approvedAt ?? event.at;
  const elapsedMs = Date.parse(approvedAt) - Date.parse(batch.preparedAt);
  if (elapsedMs >= FAST_APPROVAL_WITHIN_MS) return;
  await raiseAlert(ctxOf(event), {
    rule: 'fast_large_batch_approval',
    subjectType: 'payoutBatch',
    subjectId: batch.id,
    summary: `Payout batch ${batch.id} of ${batch.totalFen} fen (${batch.claimCount} claims) was approved ${Math.round(elapsedMs / 1000)} s after it was prepared by ${batch.preparedBy}.`,
    facts: {
      batchId: batch.id,
      totalFen: batch.totalFen,
      claimCount: batch.claimCount,
      preparedBy: batch.preparedBy,
      approvedBy: batch.approvals.map((a) => a.by).join(' '),
      elapsedSeconds: Math.round(elapsedMs / 1000),
    },
  });
});
