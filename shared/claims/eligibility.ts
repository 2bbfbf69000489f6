import type { Applicant } from '../applicants';
import { dayOf, monthOf } from '../clock';
import { NotEligibleError } from '../errors';
import { interestPeriodsOf } from '../loans';
import { certificatesOf } from '../training';
import { occupiedMonthsOf } from '../spaces';
import { latestVerifiedJobReport } from '../startups';
import { checkBusinessRules, checkStageReached, needsBusiness } from '../businesses';
import { monthsBetween } from '../businesses';
import type { Startup } from '../startups';
import { heldAlready, holdKeys } from './holds';
import { MAX_CLAIM_PERIODS, type ClaimFacts, type ClaimPeriod } from './schema';
import type { AmountRule, PolicyStage, Programme } from '../programmes';

/** Kinds that pay a business rather than a person: the claim names the claimant's startup. */
export function needsStartup(programme: Programme): boolean {
  const e = programme.eligibility;
  if (programme.kind === 'training_subsidy') return false;
  return (
    programme.kind !== 'startup_subsidy' || Boolean(programme.stages || e.requiresIncubating || e.requiresCreditCode || e.minJobsReported || needsBusiness(e))
  );
}

/** Jobs a startup has reported and an officer has verified: the employees of its latest verified report (0 without one). */
export async function jobsReportedOf(startupId: string): Promise<number> {
  return (await latestVerifiedJobReport(startupId))?.employees ?? 0;
}

/** The months a periodic programme pays for: its covered period, else the months it is open. */
export function coveredMonths(programme: Programme): { from: string; to: string } {
  return programme.coveredPeriod ?? { from: programme.opensOn.slice(0, 7), to: programme.closesOn.slice(0, 7) };
}

/**
 * Checks each rule of the programme against stored facts; the first failing rule is named.
 * `atSubmission` also checks that the programme takes claims today (verification may come later).
 */
export async function checkEligibility(
  programme: Programme,
  applicant: Applicant,
  startup: Startup | undefined,
  now: Date,
  atSubmission = true,
  stage?: number,
): Promise<{ jobsVerified?: number; stageReachedOn?: string }> {
  const today = dayOf(now);
  if (atSubmission && (today < programme.opensOn || today > programme.closesOn)) {
    throw new NotEligibleError('programmeOpen', `The programme takes claims from ${programme.opensOn} to ${programme.closesOn} (Beijing time).`);
  }
  const e = programme.eligibility;
  if (e.categories && e.categories.length > 0 && !e.categories.includes(applicant.category)) {
    throw new NotEligibleError('categories', `The programme is for: ${e.categories.join(', ')}.`);
  }
  if (e.requiresTrainingCertificate || programme.kind === 'training_subsidy') {
    const certificates = await certificatesOf(applicant.id);
    if (certificates.length === 0) {
      throw new NotEligibleError('requiresTrainingCertificate', 'The claimant must hold an entrepreneurship-training certificate (创业培训合格证).');
    }
  }
  if (needsStartup(programme) && !startup) throw new NotEligibleError('startup', 'This programme is claimed for your startup: give startupId.');
  if (e.requiresIncubating && startup?.status !== 'incubating') {
    throw new NotEligibleError('requiresIncubating', 'The startup must be incubating.');
  }
  if (e.requiresCreditCode && !startup?.creditCode) {
    throw new NotEligibleError('requiresCreditCode', 'The startup must be a registered business with a unified social credit code.');
  }
  if (startup && needsBusiness(e)) await checkBusinessRules(e, startup.id, today);
  const stageOf = programme.stages && stage ? programme.stages[stage - 1] : undefined;
  const reached = stageOf && startup ? { stageReachedOn: await checkStageReached(stageOf, stage!, startup.id, today, atSubmission) } : {};
  if (stageOf?.perJobFen && startup) return { ...reached, jobsVerified: await jobsReportedOf(startup.id) };
  if (e.minJobsReported) {
    const jobs = startup ? await jobsReportedOf(startup.id) : 0;
    if (jobs < e.minJobsReported) {
      throw new NotEligibleError(
        'minJobsReported',
        `The startup must have at least ${e.minJobsReported} jobs in its latest job report verified by an officer (it has ${jobs}).`,
      );
    }
    return { ...reached, jobsVerified: jobs };
  }
  return reached;
}

export interface Amount {
  amountFen: number;
  basis: string;
  periods?: ClaimPeriod[];
}

/** Months `requested` (or every claimable one) out of `available`: completed, covered, not paid before. */
async function choosePeriods(
  available: ClaimPeriod[],
  programme: Programme,
  now: Date,
  holdOf: (p: ClaimPeriod) => string,
  requested: string[] | undefined,
): Promise<ClaimPeriod[]> {
  const current = monthOf(now);
  const covered = coveredMonths(programme);
  const claimable = available.filter((p) => p.period < current && p.period >= covered.from && p.period <= covered.to);
  const held = await heldAlready(claimable.map(holdOf));
  // Each month (or loan-month) is one hold in the claim's transaction: a claim takes at most
  // MAX_CLAIM_PERIODS of them, the earliest first; the rest are claimed next time.
  if (!requested) return claimable.filter((p) => !held.has(holdOf(p))).slice(0, MAX_CLAIM_PERIODS);
  const chosen = claimable.filter((p) => requested.includes(p.period));
  if (chosen.length > MAX_CLAIM_PERIODS) {
    throw new NotEligibleError('periods', `A claim pays at most ${MAX_CLAIM_PERIODS} months (of rent, or of each loan's interest) at once: name fewer months.`);
  }
  for (const month of requested) {
    if (!chosen.some((p) => p.period === month)) {
      const reason =
        month >= current ? 'has not ended yet' : month < covered.from || month > covered.to ? 'is outside the programme’s period' : 'has nothing on record';
      throw new NotEligibleError('periods', `${month} cannot be claimed: it ${reason} (months ${covered.from} to ${covered.to}, completed ones only).`);
    }
  }
  return chosen;
}

/**
 * The amount of a claim, computed from the rule and the facts the system holds, never from the
 * client. Periodic kinds pay completed months inside the programme's period, each at most once:
 * rent per startup-month (a share of that month's rent, capped per month), loan interest per
 * loan-month (a share of the interest paid in it, the claim capped in total).
 */
export async function computeAmount(programme: Programme, startup: Startup | undefined, now: Date, requested?: string[], stage?: number): Promise<Amount> {
  const rule = programme.amountRule;
  const stageOf = programme.stages && stage ? programme.stages[stage - 1] : undefined;
  if (stageOf) return stageAmount(stageOf, stage!, startup);
  if (rule.type === 'fixed') return { amountFen: rule.amountFen, basis: `fixed ${rule.amountFen} fen` };
  if (!startup) throw new NotEligibleError('startup', 'This programme is claimed for your startup: give startupId.');
  if (rule.type === 'rent_share') {
    const byMonth = new Map<string, { rentFen: number; areaM2: number }>();
    for (const m of await occupiedMonthsOf(startup.id)) {
      const month = byMonth.get(m.month) ?? { rentFen: 0, areaM2: 0 };
      byMonth.set(m.month, { rentFen: month.rentFen + m.monthlyRentFen, areaM2: month.areaM2 + m.areaM2 });
    }
    const months = [...byMonth].map(([period, held]) => ({ period, basisFen: held.rentFen, amountFen: rentMonthAmount(rule, startup, period, held) }));
    const periods = (await choosePeriods(months, programme, now, (p) => holdKeys.rentMonth(startup.id, p.period), requested)).filter((p) => p.amountFen > 0);
    if (periods.length === 0) {
      throw new NotEligibleError('rentRecorded', 'The startup has no completed month of occupied space with rent on record that is still to be subsidised.');
    }
    const amountFen = periods.reduce((sum, p) => sum + p.amountFen, 0);
    return { amountFen, basis: rentBasis(rule, startup, periods), periods };
  }
  const interest = (await interestPeriodsOf(startup.id)).map((p) => ({
    period: p.month,
    loanId: p.loanId,
    basisFen: p.interestFen,
    amountFen: Math.floor((p.interestFen * rule.percent) / 100),
  }));
  const periods = (await choosePeriods(interest, programme, now, (p) => holdKeys.interestMonth(p.loanId!, p.period), requested)).filter((p) => p.amountFen > 0);
  if (periods.length === 0)
    throw new NotEligibleError('interestRecorded', 'The startup has no loan interest paid in a completed month that is still to be subsidised.');
  const interestFen = periods.reduce((sum, p) => sum + p.basisFen, 0);
  const amountFen = Math.min(
    rule.capFen,
    periods.reduce((sum, p) => sum + p.amountFen, 0),
  );
  return {
    amountFen,
    basis: `${rule.percent}% of ${interestFen} fen interest paid in ${[...new Set(periods.map((p) => p.period))].join(', ')}, at most ${rule.capFen} fen`,
    periods,
  };
}

type RentRule = Extract<AmountRule, { type: 'rent_share' }>;

/** The year of incubation a month falls in: the year (from the incubation start, Beijing days) in which the month begins. */
export function incubationYearOf(incubationStart: string, month: string): number {
  return Math.floor(monthsBetween(incubationStart, `${month}-01`) / 12) + 1;
}

/** The share of rent a month is subsidised at: the taper's entry for its year of incubation, else `percent`. */
function rentPercentOf(rule: RentRule, startup: Startup, month: string): number {
  if (!rule.taper) return rule.percent;
  const year = incubationYearOf(startup.incubationStart, month);
  return rule.taper.filter((t) => t.fromYear <= year).pop()?.percent ?? 0;
}

/**
 * One month of a rent subsidy: its share of the rent (of the subsidised area only, when the area is
 * capped), at most the monthly cap and the cap per square metre of that area.
 */
function rentMonthAmount(rule: RentRule, startup: Startup, month: string, held: { rentFen: number; areaM2: number }): number {
  const area = rule.maxAreaM2 !== undefined ? Math.min(held.areaM2, rule.maxAreaM2) : held.areaM2;
  const rentFen = held.areaM2 > 0 && area < held.areaM2 ? Math.floor((held.rentFen * area) / held.areaM2) : held.rentFen;
  const caps = [rule.capFenPerMonth, ...(rule.capFenPerM2PerMonth !== undefined ? [Math.floor(rule.capFenPerM2PerMonth * area)] : [])];
  return Math.min(...caps, Math.floor((rentFen * rentPercentOf(rule, startup, month)) / 100));
}

function rentBasis(rule: RentRule, startup: Startup, periods: ClaimPeriod[]): string {
  const shares = periods.map((p) => `${p.period} ${rentPercentOf(rule, startup, p.period)}%`).join(', ');
  const caps = [
    `at most ${rule.capFenPerMonth} fen a month`,
    ...(rule.capFenPerM2PerMonth !== undefined ? [`${rule.capFenPerM2PerMonth} fen a m²`] : []),
    ...(rule.maxAreaM2 !== undefined ? [`${rule.maxAreaM2} m² at most`] : []),
  ];
  if (!rule.taper) return `${rule.percent}% of rent for ${periods.map((p) => p.period).join(', ')}, ${caps.join(', ')}`;
  return `rent by year of incubation from ${startup.incubationStart}: ${shares}; ${caps.join(', ')}`;
}

/** A stage's amount: fixed, or per verified job up to the stage's amount. */
async function stageAmount(stage: PolicyStage, number: number, startup: Startup | undefined): Promise<Amount> {
  if (!stage.perJobFen) return { amountFen: stage.amountFen, basis: `stage ${number}: fixed ${stage.amountFen} fen` };
  const jobs = startup ? await jobsReportedOf(startup.id) : 0;
  const amountFen = Math.min(stage.amountFen, jobs * stage.perJobFen);
  if (amountFen === 0) {
    throw new NotEligibleError(
      'minJobsReported',
      `Stage ${number} pays ${stage.perJobFen} fen per job in the latest job report verified by an officer (it has none).`,
    );
  }
  return { amountFen, basis: `stage ${number}: ${stage.perJobFen} fen × ${jobs} verified jobs, at most ${stage.amountFen} fen` };
}

/** The facts a claim is judged on, as stored on it. */
export function factsOf(
  applicant: Applicant,
  startup: Startup | undefined,
  amount: Amount,
  jobsVerified: number | undefined,
  stageReachedOn?: string,
): ClaimFacts {
  return {
    category: applicant.category,
    ...(applicant.veteranDischargedOn ? { veteranDischargedOn: applicant.veteranDischargedOn } : {}),
    ...(applicant.graduation ? { graduatedOn: applicant.graduation.leftOn } : {}),
    ...(startup ? { startupStatus: startup.status } : {}),
    ...(startup?.creditCode ? { creditCode: startup.creditCode } : {}),
    ...(startup?.businessName ? { businessName: startup.businessName } : {}),
    ...(jobsVerified !== undefined ? { jobsVerified } : {}),
    ...(stageReachedOn ? { stageReachedOn } : {}),
    ...(amount.periods ? { periods: amount.periods } : {}),
    amountFen: amount.amountFen,
    amountBasis: amount.basis,
  };
}

/**
 * What changed since the claim was judged, in words; empty when the facts still hold. The rules
 * themselves are checked again before (a fact that breaks one is refused there); what remains is
 * the money: the amount and the months it pays.
 */
export function factChanges(before: ClaimFacts, now: ClaimFacts): string[] {
  const changes: string[] = [];
  if (before.amountFen !== now.amountFen) changes.push(`amount ${before.amountFen} → ${now.amountFen} fen (${now.amountBasis})`);
  const months = (facts: ClaimFacts) => JSON.stringify((facts.periods ?? []).map((p) => [p.period, p.loanId ?? null, p.amountFen]));
  if (before.amountFen === now.amountFen && months(before) !== months(now)) changes.push(`months ${now.amountBasis}`);
  return changes;
}
