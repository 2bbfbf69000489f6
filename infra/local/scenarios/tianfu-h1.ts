/**
 * The published-figures scenario (`npm run seed -- --scenario tianfu-h1`): the first half of the
 * current year as the Tianfu report tells it, built through the domain services the API calls,
 * month by month with the clock set to each moment of the story (every moment is between 09:00 and
 * 23:00 Beijing time, so each falls in the Beijing-time day and month the story names).
 *
 * What happens, and the figures it is built to reproduce (`GET /v1/reports/summary?from=<y>-01&to=<y>-06`):
 * - January–March: 37 founders from every applicant category register, apply, are scored by two
 *   reviewers (an officer and a mentor) and approved, move into one of three communities
 *   (allocations from their approval month to December) and get a mentor.
 * - February–May: on the 2nd each startup reports last month's jobs, and on the 3rd an officer
 *   verifies each report against the social-insurance list (only verified reports count);
 *   February–April, mentors log one 90-minute session a month with each mentee (founders confirm
 *   and rate them).
 * - January–February: 20 founders of the first two cohorts (10 of each) register their businesses
 *   during incubation: registered on the 16th of their cohort's month (the day after moving in),
 *   submitted by the founder on the 19th, verified by an officer against the licence on the 21st
 *   (the startup takes the business's credit code then).
 * - May: the 37 graduate with unified social credit codes (so `foundersSupported` = 37): those 20
 *   with their registered business's own code, the other 17 registering at graduation. All claim
 *   the startup-entity subsidy (fixed 10,000 yuan); the claims are verified and published on a
 *   disclosure notice (公示, five working days).
 * - June: one finance user prepares the 37 claims as a batch, another approves it an hour later, the
 *   bank confirms every line (recorded by one finance user, confirmed by the other, as the amount is
 *   above the maker-checker threshold): 37 entity-subsidy payments, **370,000 yuan**.
 * - The **130,000 yuan of "small guaranteed loans and startup subsidies"** is the money the centre
 *   paid under those two policies, as the ledger shows it:
 *     - one-off startup subsidies (`startup_subsidy`), one tiered policy: 20 founders × 5,000 yuan of
 *       stage 1 = 100,000 yuan (claimed 16 April, the day the February cohort's businesses reach
 *       2 months of operation; published on the 17th, paid at the end of April). Stage 2 (up to
 *       10,000 yuan, 2,000 per verified job) comes at 12 months, which no one reaches in the
 *       half-year, so no stage-2 claim exists. The thresholds (`STAGE_1_MONTHS`, `STAGE_2_MONTHS`)
 *       are the scenario programme's settings and encode the district's rule of the time. Sichuan's
 *       2025 rule of 6 and 18 months, which a programme set up today uses (as the demo data's does;
 *       Fuhua has no built-in thresholds, each programme states its own), cannot be reached inside
 *       January–June by a business registered during an incubation that starts January–March.
 *     - guaranteed-loan interest subsidies (`loan_interest_subsidy`): 6 startups × 5,000 yuan = 30,000 yuan
 *       (claimed 3 June for the completed months February–May, 4 × 1,250 yuan of interest each at 100 %,
 *       which is the 5,000-yuan cap; paid at the end of June).
 *   The 6 loans themselves (300,000 yuan each at 5 %, issued through the loan desk in January, each
 *   naming the startup it finances) are the banks' money, not
 *   the centre's: the report lists them separately under `loans` (6 issued, 1,800,000 yuan principal)
 *   and they are not part of the 130,000.
 * - April: a roadshow is held (20 April): 10 startups pitch, 30 founders register and 24 check in,
 *   two officers judge every entry and the results are published.
 *
 * Everything is innocent by design: distinct bank accounts in the claimant's or the business's
 * name, no claim without space, batches approved well after preparation, mentors far below 40
 * hours a week. No risk alert should open.
 */
import { withCheckCharacter } from '../../../shared/applicants';
import { findApplicantOfUser, registerApplicant } from '../../../shared/applicants';
import { APPLICANT_CATEGORIES, type ApplicantCategory, type RegisterApplicant } from '../../../shared/applicants';
import { assignReviewer, decideApplication, scoreApplication } from '../../../shared/applications';
import { createApplication, submitApplication } from '../../../shared/applications';
import { now, useFixedClock } from '../../../shared/clock';
import type { Ctx } from '../../../shared/context';
import { retryOnConflict } from '../../../shared/db/transact';
import {
  certify as certifyLoanApplication,
  issueLoan,
  recordBankDecision,
  recordGuarantee,
  recordRepayment,
  submitApplication as submitLoanApplication,
} from '../../../shared/loan-desk';
import { assignMentor } from '../../../shared/mentors';
import { confirmSession, logSession } from '../../../shared/mentors';
import { createMentor } from '../../../shared/mentors';
import type { Role } from '../../../shared/roles';
import type { Sector } from '../../../shared/sectors';
import { allocateUnit, createCommunity, createUnit } from '../../../shared/spaces';
import type { Unit } from '../../../shared/spaces';
import { withCreditCheckCharacter } from '../../../shared/startups';
import { fileJobReport, verifyJobReport } from '../../../shared/startups';
import { seatsHeldIn } from '../../../shared/spaces';
import { graduateStartup } from '../../../shared/startups';
import { approveBatch, prepareBatch } from '../../../shared/payouts';
import { submitClaim, verifyClaim } from '../../../shared/claims';
import { approveBankConfirmation, confirmPayouts } from '../../../shared/payouts';
import { publishNotice } from '../../../shared/claims';
import { MAX_BATCH_CLAIMS } from '../../../shared/payouts';
import { createProgramme } from '../../../shared/programmes';
import type { Claim } from '../../../shared/claims';
import { assignJudge, createEntry, publishResults, submitScore } from '../../../shared/programme-events';
import { checkIn, registerForEvent } from '../../../shared/programme-events';
import { createEvent, moveEvent } from '../../../shared/programme-events';
import { recordMyself } from '../../../shared/staff';
import { businessCodeFreeCheck, submitBusiness, verifyBusiness } from '../../../shared/businesses';

export const FOUNDERS = 37;
export const STARTUP_SUBSIDY_FOUNDERS = 20;
export const LOAN_STARTUPS = 6;
export const ENTITY_SUBSIDY_FEN = 1_000_000;
export const STARTUP_SUBSIDY_FEN = 500_000;
/** The tiered startup subsidy's thresholds in this district's rule of the time (months of operation). */
export const STAGE_1_MONTHS = 2;
export const STAGE_2_MONTHS = 12;
export const STAGE_2_MAX_FEN = 1_000_000;
export const INTEREST_SUBSIDY_CAP_FEN = 500_000;
export const MONTHLY_INTEREST_FEN = 125_000;

const OFFICER = 'tianfu-officer';
const SECOND_OFFICER = 'tianfu-officer-2';
const FINANCE_PREPARER = 'tianfu-finance-1';
const FINANCE_APPROVER = 'tianfu-finance-2';
const PARK_MANAGER = 'tianfu-park-manager';
const MENTOR_SUBS = ['tianfu-mentor-1', 'tianfu-mentor-2', 'tianfu-mentor-3', 'tianfu-mentor-4'];

/** Every category of today's policy, in turn. */
const CATEGORIES: ApplicantCategory[] = [...APPLICANT_CATEGORIES];
const SECTORS: Sector[] = ['it_services', 'exhibition_services', 'culture_tourism', 'elderly_care_home_services', 'modern_agriculture'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马'];

export const ROADSHOW_ENTRIES = 10;
export const ROADSHOW_REGISTRATIONS = 30;
export const ROADSHOW_CHECKINS = 24;

export interface ScenarioResult {
  year: number;
  startupIds: string[];
  communityIds: string[];
  programmes: { entity: string; startup: string; interest: string };
}

interface Founder {
  index: number;
  sub: string;
  cohortMonth: number;
  startupId?: string;
  assignmentId?: string;
}

/** A user acting at the scenario's current moment, as if they had called the API. */
function as(role: Role, sub: string): Ctx {
  return { actor: { kind: 'user', sub, roles: [role] }, role, requestId: 'scenario-tianfu-h1', now: now() };
}

const ym = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** Runs `fn` over `items`, at most `limit` at once; a lost transaction race is simply run again. */
async function each<T>(items: T[], fn: (item: T) => Promise<unknown>, limit = 6): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await retryOnConflict(() => fn(item) as Promise<unknown>);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function profile(founder: Founder, year: number): RegisterApplicant {
  const category = CATEGORIES[founder.index % CATEGORIES.length]!;
  // Ages 26–33: every category is eligible, unemployed youth included (under 35).
  const birthYear = year - 26 - (founder.index % 8);
  const seq = String(100 + founder.index).padStart(3, '0');
  return {
    name: `${SURNAMES[founder.index % SURNAMES.length]}创业${founder.index + 1}`,
    idNumber: withCheckCharacter(`510116${birthYear}0${1 + (founder.index % 9)}1${founder.index % 10}${seq}`),
    phone: `139${String(10_000_000 + founder.index).padStart(8, '0')}`,
    category,
    ...(category === 'college_graduate' ? { graduation: { school: '四川大学', leftOn: `${year - 1 - (founder.index % 3)}-06-30` } } : {}),
    ...(category === 'veteran' ? { veteranDischargedOn: `${year - 3}-09-01` } : {}),
    district: '天府新区',
    education: category === 'college_graduate' ? 'bachelor' : 'senior_secondary',
  };
}

/** Distinct accounts: one person, one account number (the shared-account risk rule stays quiet). */
const personalAccount = (founder: Founder, name: string) => ({
  bankName: '成都农商银行天府支行',
  accountName: name,
  accountNumber: `6221480010${String(founder.index).padStart(6, '0')}`,
});
/** The name on the business licence: entity subsidies are paid to an account of this name. */
const businessName = (founder: Founder) => `天府创业项目${founder.index + 1}有限公司`;
/** The business's unified social credit code: the one it registers with and the one it graduates with. */
const creditCodeOf = (founder: Founder) => withCreditCheckCharacter(`91510100MA6TH1${String(founder.index).padStart(3, '0')}`);
/** The day the founders of a cohort registered their businesses during incubation (after moving in on the 15th). */
const REGISTERED_DAY = 16;
const businessAccount = (founder: Founder, name: string) => ({
  bankName: '中国建设银行天府新区支行',
  accountName: name,
  accountNumber: `5105010020${String(founder.index).padStart(6, '0')}`,
});

/**
 * The story's calendar: steps are written down by date and played in time order, each with the
 * clock set to its moment, so every record carries the date it would have had.
 */
class Story {
  private steps: Array<{ at: number; order: number; run: () => Promise<unknown> }> = [];

  constructor(readonly year: number) {}

  on(month: number, day: number, hour: number, run: () => Promise<unknown>, minute = 0): void {
    this.steps.push({ at: Date.UTC(this.year, month - 1, day, hour, minute), order: this.steps.length, run });
  }

  async play(): Promise<void> {
    for (const step of [...this.steps].sort((a, b) => a.at - b.at || a.order - b.order)) {
      useFixedClock(new Date(step.at));
      await step.run();
    }
  }
}

/** Prepared by one finance user, approved an hour later by another, confirmed paid by the bank the next day. */
/** Programme ids and claims exist only once the story has made them, so both are read when the step runs. */
function payOut(story: Story, programmeId: () => string, claims: () => Claim[], month: number, day: number): void {
  const batches: Array<{ id: string; claims: Claim[] }> = [];
  story.on(month, day, 1, async () => {
    const all = claims();
    for (let start = 0; start < all.length; start += MAX_BATCH_CLAIMS) {
      const chunk = all.slice(start, start + MAX_BATCH_CLAIMS);
      const batch = await prepareBatch(as('finance', FINANCE_PREPARER), {
        programmeId: programmeId(),
        claimIds: chunk.map((c) => c.id),
        declaredCount: chunk.length,
        declaredTotalFen: chunk.reduce((sum, c) => sum + c.amountFen, 0),
      });
      batches.push({ id: batch.id, claims: chunk });
    }
  });
  story.on(month, day, 2, async () => {
    for (const batch of batches) await approveBatch(as('finance', FINANCE_APPROVER), batch.id);
  });
  story.on(month, day + 1, 3, async () => {
    for (const batch of batches) {
      const outcome = await confirmPayouts(as('finance', FINANCE_PREPARER), batch.id, {
        lines: batch.claims.map((c) => ({ claimId: c.id, status: 'paid' as const, bankReference: `TF-${c.id.slice(-10)}` })),
      });
      // Above the maker-checker threshold the second finance user confirms the bank's answer.
      if ('pending' in outcome) await approveBankConfirmation(as('finance', FINANCE_APPROVER), outcome.pending.id);
    }
  });
}

/** The April roadshow, announced on the 1st for the 20th (registration until the 18th). */
async function announceRoadshow(ctx: Ctx, year: number): Promise<string> {
  const roadshow = await createEvent(ctx, {
    kind: 'roadshow',
    title: `${year}年天府新区创业项目路演（春季场）`,
    description: '孵化项目向投资机构与专家评委路演，评委按创新、市场、团队、执行、社会效益五项打分。',
    startsAt: new Date(Date.UTC(year, 3, 20, 6)).toISOString(),
    endsAt: new Date(Date.UTC(year, 3, 20, 10)).toISOString(),
    venue: '天府新区创业服务中心 路演厅',
    capacity: 80,
    registrationDeadline: new Date(Date.UTC(year, 3, 18, 10)).toISOString(),
  });
  await moveEvent(ctx, roadshow.id, 'published');
  return roadshow.id;
}

const officer = () => as('officer', OFFICER);
const finance = () => as('finance', FINANCE_PREPARER);
const manager = () => as('park_manager', PARK_MANAGER);

/** Builds the half-year; leaves the clock at the end of June (callers restore it). */
export async function runTianfuH1(year = new Date().getUTCFullYear()): Promise<ScenarioResult> {
  const story = new Story(year);
  const founders: Founder[] = Array.from({ length: FOUNDERS }, (_, index) => ({ index, sub: `tianfu-founder-${index + 1}`, cohortMonth: 1 + (index % 3) }));
  const communityIds: string[] = [];
  const units: Unit[] = [];
  const mentorIds: string[] = [];
  const programmes = { entity: '', startup: '', interest: '' };
  const loans = new Map<string, string>();
  const borrowers = founders.filter((f) => f.cohortMonth === 1).slice(0, LOAN_STARTUPS);
  const verified = { startup: [] as Claim[], entity: [] as Claim[], interest: [] as Claim[] };

  // ---- 3 January: the carriers, the mentor team, the programmes ----
  story.on(1, 3, 2, async () => {
    for (const [name, kind, desks] of [
      ['天府新区创业园', 'startup_park', 15],
      ['华阳青年（大学生）创业社区', 'youth_community', 12],
      ['兴隆湖青年创业社区', 'youth_community', 12],
    ] as const) {
      const community = await createCommunity(officer(), { kind, name, address: `天府新区 ${name}`, district: '天府新区', managerIds: [PARK_MANAGER] });
      communityIds.push(community.id);
      for (let i = 1; i <= desks; i++) {
        units.push(
          await createUnit(manager(), community.id, {
            code: `D-${String(i).padStart(2, '0')}`,
            kind: 'desk',
            seats: 1,
            areaM2: 6,
            monthlyRentFen: 30_000,
            floor: 1,
          }),
        );
      }
    }
    for (const [i, sub] of MENTOR_SUBS.entries()) {
      const mentor = await createMentor(officer(), {
        userId: sub,
        name: `导师${i + 1}`,
        organisation: '天府新区创业导师团',
        sectors: [...SECTORS],
        expertise: ['商业计划', '融资'],
        bio: '',
        maxMentees: 12,
      });
      mentorIds.push(mentor.id);
    }
    // The staff sign in and record their names: reviewers and judges are chosen from this directory.
    await recordMyself(officer(), { displayName: '天府经办人员' });
    await recordMyself(as('officer', SECOND_OFFICER), { displayName: '天府经办人员二' });
    for (const [i, sub] of MENTOR_SUBS.entries()) await recordMyself(as('mentor', sub), { displayName: `导师${i + 1}` });
    const common = { budgetFen: 50_000_000, opensOn: `${year}-01-01`, closesOn: `${year}-12-31`, disclosureWorkingDays: 5 };
    programmes.entity = (
      await createProgramme(finance(), {
        ...common,
        kind: 'entity_subsidy',
        name: `${year}年创业实体补贴`,
        amountRule: { type: 'fixed', amountFen: ENTITY_SUBSIDY_FEN },
        eligibility: { requiresCreditCode: true },
      })
    ).id;
    // The district's tiered rule of the time: stage 1 at STAGE_1_MONTHS of operation, stage 2 (up to
    // 10,000 yuan, 2,000 a verified job) at STAGE_2_MONTHS; the programme's amount is the sum of both.
    programmes.startup = (
      await createProgramme(finance(), {
        ...common,
        kind: 'startup_subsidy',
        name: `${year}年一次性创业补贴（分阶段：经营满 ${STAGE_1_MONTHS} 个月、满 ${STAGE_2_MONTHS} 个月）`,
        amountRule: { type: 'fixed', amountFen: STARTUP_SUBSIDY_FEN + STAGE_2_MAX_FEN },
        stages: [
          { minOperatingMonths: STAGE_1_MONTHS, amountFen: STARTUP_SUBSIDY_FEN },
          { minOperatingMonths: STAGE_2_MONTHS, amountFen: STAGE_2_MAX_FEN, perJobFen: 200_000 },
        ],
        eligibility: {},
      })
    ).id;
    programmes.interest = (
      await createProgramme(finance(), {
        ...common,
        kind: 'loan_interest_subsidy',
        name: `${year}年创业担保贷款贴息`,
        amountRule: { type: 'interest_share', percent: 100, capFen: INTEREST_SUBSIDY_CAP_FEN },
        eligibility: {},
      })
    ).id;
  });

  // ---- January–March: a cohort a month applies, is reviewed, approved, housed and mentored ----
  for (const month of [1, 2, 3]) {
    const cohort = founders.filter((f) => f.cohortMonth === month);
    const applications = new Map<string, string>();
    const reviewerOf = (f: Founder) => MENTOR_SUBS[f.index % MENTOR_SUBS.length]!;
    story.on(month, 5, 2, () => each(cohort, (f) => registerApplicant(as('applicant', f.sub), profile(f, year))));
    story.on(month, 5, 3, () =>
      each(cohort, async (f) => {
        // The community of the desk the founder will move into (see the 15th below), asked for now.
        const desk = units[founders.filter((x) => x.cohortMonth < month).length + cohort.indexOf(f)]!;
        const application = await createApplication(as('applicant', f.sub), {
          preferredCommunityId: desk.communityId,
          projectName: `天府创业项目 ${f.index + 1}`,
          summary: '面向天府新区居民与企业的创业项目。',
          sector: SECTORS[f.index % SECTORS.length]!,
          team: [{ name: '创始人', role: 'founder', isCollegeGraduate: f.index % CATEGORIES.length === 0 }],
          plannedJobs: 3 + (f.index % 4),
          space: { kind: 'desk', count: 1 },
          businessPlan: '第一年服务 200 户客户，一年内带动就业 5 人。',
        });
        applications.set(f.sub, application.id);
      }),
    );
    story.on(month, 6, 2, () => each(cohort, (f) => submitApplication(as('applicant', f.sub), applications.get(f.sub)!)));
    story.on(month, 8, 2, () =>
      each(cohort, async (f) => {
        await assignReviewer(officer(), applications.get(f.sub)!, OFFICER);
        await assignReviewer(officer(), applications.get(f.sub)!, reviewerOf(f));
      }),
    );
    const marks = { innovation: 7, feasibility: 8, team: 7, jobCreation: 8, socialValue: 8, comment: '方案可行，带动就业明确。' };
    story.on(month, 10, 2, () =>
      each(cohort, async (f) => {
        await scoreApplication(officer(), applications.get(f.sub)!, marks);
        await scoreApplication(as('mentor', reviewerOf(f)), applications.get(f.sub)!, { ...marks, innovation: 8 });
      }),
    );
    story.on(month, 12, 2, () =>
      each(cohort, async (f) => {
        f.startupId = (await decideApplication(officer(), applications.get(f.sub)!, { decision: 'approve', reason: '评审平均分达标，同意入孵。' })).startupId!;
      }),
    );
    // Each startup moves into a desk of its own from this month to December, and gets one mentor (at most 10 each).
    story.on(month, 15, 2, async () => {
      const taken = founders.filter((f) => f.cohortMonth < month).length;
      await each(
        cohort.map((f, i) => [f, units[taken + i]!] as const),
        ([f, unit]) => allocateUnit(manager(), { startupId: f.startupId!, unitId: unit.id, fromMonth: ym(year, month), toMonth: ym(year, 12) }),
      );
      await each(
        cohort,
        async (f) => {
          f.assignmentId = (await assignMentor(officer(), { mentorId: mentorIds[f.index % mentorIds.length]!, startupId: f.startupId! })).id;
        },
        1,
      );
    });
  }

  // ---- 20 January: six guaranteed loans through the loan desk, each financing a startup of the first cohort; interest paid on the 20th ----
  story.on(1, 20, 2, async () => {
    for (const f of borrowers) {
      const borrower = (await findApplicantOfUser(f.sub))!;
      const application = await submitLoanApplication(officer(), {
        applicantId: borrower.id,
        priorityGroup: borrower.category,
        startupId: f.startupId!,
        amountFen: 30_000_000,
        termMonths: 24,
        purpose: '创业项目经营周转与设备购置',
        otherLoans: { borrower: [], spouse: [] },
      });
      await certifyLoanApplication(officer(), application.id);
      await recordBankDecision(officer(), application.id, {
        approved: true,
        bank: '成都农商银行',
        reference: `CDRCB-${year}-${String(f.index + 1).padStart(3, '0')}`,
        decidedOn: `${year}-01-18`,
      });
      await recordGuarantee(officer(), application.id, {
        guarantorType: 'government_guarantor',
        guarantor: '天府新区融资担保有限公司',
        guaranteedOn: `${year}-01-19`,
      });
      await issueLoan(officer(), application.id, {
        principalFen: 30_000_000,
        annualRateBp: 500,
        startDate: `${year}-01-20`,
        termMonths: 24,
        schedule: 'interest_monthly_principal_at_end',
      });
      loans.set(f.sub, application.id);
    }
  });
  // 300,000 yuan at 5 % is 1,250 yuan of interest a month.
  for (const month of [2, 3, 4, 5, 6]) {
    story.on(month, 20, 2, async () => {
      for (const f of borrowers)
        await recordRepayment(finance(), loans.get(f.sub)!, { paidOn: `${ym(year, month)}-20`, principalFen: 0, interestFen: MONTHLY_INTEREST_FEN });
    });
  }

  // ---- February–May: on the 2nd each startup reports the month just ended (if it was incubating then) ----
  for (const month of [2, 3, 4, 5]) {
    story.on(month, 2, 2, () =>
      each(
        founders.filter((f) => f.cohortMonth <= month - 1),
        (f) => {
          const employees = 2 + (f.index % 4) + (month - 1 - f.cohortMonth);
          return fileJobReport(
            as('applicant', f.sub),
            f.startupId!,
            {
              month: ym(year, month - 1),
              employees,
              collegeGraduatesEmployed: Math.ceil(employees / 2),
              revenueFen: 500_000 * employees,
            },
            seatsHeldIn,
          );
        },
      ),
    );
    // The next day an officer checks each report against the month's social-insurance list: only then does it count.
    story.on(month, 3, 2, () =>
      each(
        founders.filter((f) => f.cohortMonth <= month - 1),
        (f) => verifyJobReport(officer(), f.startupId!, ym(year, month - 1), { evidenceReference: `天府新区社保参保人员清单 ${ym(year, month - 1)}` }),
      ),
    );
  }

  // ---- February–April: one 90-minute session a month per mentee, on days 10–19, confirmed and rated ----
  // Mentors were assigned on the 15th of the cohort's month, so sessions start the month after; one
  // session a day per mentor keeps them far under 12 hours a day and 40 a week.
  for (const month of [2, 3, 4]) {
    for (let d = 0; d < 10; d++) {
      const today = () => founders.filter((f) => f.cohortMonth < month && Math.floor(f.index / MENTOR_SUBS.length) === d);
      const sessions = new Map<string, string>();
      const date = `${ym(year, month)}-${String(10 + d).padStart(2, '0')}`;
      story.on(month, 10 + d, 8, () =>
        each(today(), async (f) => {
          const session = await logSession(as('mentor', MENTOR_SUBS[f.index % MENTOR_SUBS.length]!), f.assignmentId!, {
            date,
            minutes: 90,
            mode: f.index % 2 === 0 ? 'in_person' : 'online',
            topics: ['商业计划'],
            notes: '梳理进展与下一步计划。',
            followUps: [],
          });
          sessions.set(f.sub, session.id);
        }),
      );
      story.on(month, 10 + d, 12, () =>
        each(today(), (f) => confirmSession(as('applicant', f.sub), sessions.get(f.sub)!, { rating: 4 + (f.index % 2), comment: '很有帮助' })),
      );
    }
  }

  // ---- January–February: the startup-subsidy founders register their businesses during incubation ----
  // Registered with the market regulator on the 16th of their cohort's month, submitted by the
  // founder on the 19th, checked against the licence by an officer on the 21st (the startup takes
  // the business's credit code then).
  const registeringEarly = founders.filter((f) => f.cohortMonth <= 2).slice(0, STARTUP_SUBSIDY_FOUNDERS);
  for (const month of [1, 2]) {
    const registering = registeringEarly.filter((f) => f.cohortMonth === month);
    story.on(month, 19, 2, () =>
      each(registering, (f) => {
        const person = profile(f, year);
        return submitBusiness(as('applicant', f.sub), f.startupId!, {
          entityType: 'enterprise',
          name: businessName(f),
          creditCode: creditCodeOf(f),
          registeredOn: `${ym(year, month)}-${REGISTERED_DAY}`,
          legalRepresentative: { name: person.name, idNumber: person.idNumber },
          registeredAddress: { district: '天府新区', detail: `天府新区创业服务中心 ${f.index + 1} 号工位` },
          firstBusinessDeclared: true,
        });
      }),
    );
    story.on(month, 21, 2, () =>
      each(registering, (f) => verifyBusiness(officer(), f.startupId!, { evidenceReference: '营业执照原件核对（天府新区市场监管局）' })),
    );
  }

  // ---- April: stage 1 of the tiered startup subsidy for those 20, reached on the 16th by the February cohort ----
  const startupClaims: Claim[] = [];
  story.on(4, 16, 2, () =>
    each(registeringEarly, async (f) => {
      startupClaims.push(
        await submitClaim(as('applicant', f.sub), {
          programmeId: programmes.startup,
          startupId: f.startupId!,
          stage: 1,
          bankAccount: personalAccount(f, profile(f, year).name),
          evidence: ['营业执照'],
        }),
      );
    }),
  );
  story.on(4, 17, 2, () =>
    each(startupClaims, async (c) => verified.startup.push(await verifyClaim(officer(), c.id, { decision: 'verify', notes: '经营满期限，材料齐全' }))),
  );
  // Published the same day; five working days of disclosure (公示) end well before the payment on the 29th.
  story.on(4, 17, 6, () => publishNotice(officer(), { programmeId: programmes.startup, claimIds: verified.startup.map((c) => c.id) }));
  payOut(
    story,
    () => programmes.startup,
    () => verified.startup,
    4,
    29,
  );

  // ---- April: the roadshow (20 April) ----
  let roadshowId = '';
  const registrations = new Map<string, string>();
  const entries: string[] = [];
  story.on(4, 1, 2, async () => {
    roadshowId = await announceRoadshow(officer(), year);
  });
  story.on(4, 5, 2, () =>
    each(founders.slice(0, ROADSHOW_REGISTRATIONS), async (f) => {
      registrations.set(f.sub, (await registerForEvent(as('applicant', f.sub), roadshowId, {})).id);
    }),
  );
  story.on(4, 6, 2, async () => {
    for (const f of founders.slice(0, ROADSHOW_ENTRIES)) {
      entries.push(
        (
          await createEntry(officer(), roadshowId, {
            startupId: f.startupId!,
            pitchTitle: `天府创业项目 ${f.index + 1}：项目路演`,
            summary: '项目介绍、市场分析与下一步计划。',
          })
        ).id,
      );
    }
    for (const judge of [OFFICER, SECOND_OFFICER]) await assignJudge(officer(), roadshowId, judge);
  });
  story.on(4, 19, 14, () => moveEvent(officer(), roadshowId, 'closed'));
  story.on(4, 20, 6, () => each(founders.slice(0, ROADSHOW_CHECKINS), (f) => checkIn(officer(), roadshowId, registrations.get(f.sub)!)), 30);
  story.on(4, 20, 10, () =>
    each(
      entries.map((entryId, n) => [entryId, n] as const),
      async ([entryId, n]) => {
        for (const judge of [OFFICER, SECOND_OFFICER]) {
          await submitScore(as('officer', judge), roadshowId, entryId, {
            innovation: 6 + (n % 4),
            market: 7,
            team: 7 + (n % 3),
            execution: 7,
            socialImpact: 8,
          });
        }
      },
      2,
    ),
  );
  story.on(4, 21, 2, async () => {
    await publishResults(officer(), roadshowId);
    await moveEvent(officer(), roadshowId, 'completed');
  });

  // ---- May: registered businesses graduate (space given back from June, mentoring ends) and claim the entity subsidy ----
  const entityClaims: Claim[] = [];
  story.on(5, 6, 2, () =>
    each(founders, (f) =>
      graduateStartup(
        officer(),
        f.startupId!,
        {
          creditCode: creditCodeOf(f),
          reason: '完成工商登记，毕业出孵',
          businessName: businessName(f),
        },
        businessCodeFreeCheck,
      ),
    ),
  );
  story.on(5, 7, 2, () =>
    each(founders, async (f) => {
      entityClaims.push(
        await submitClaim(as('applicant', f.sub), {
          programmeId: programmes.entity,
          startupId: f.startupId!,
          bankAccount: businessAccount(f, businessName(f)),
          evidence: ['营业执照', '纳税证明'],
        }),
      );
    }),
  );
  story.on(5, 8, 2, () =>
    each(entityClaims, async (c) => verified.entity.push(await verifyClaim(officer(), c.id, { decision: 'verify', notes: '工商登记核实无误' }))),
  );
  story.on(5, 8, 6, () => publishNotice(officer(), { programmeId: programmes.entity, claimIds: verified.entity.map((c) => c.id) }));

  // ---- June: the entity subsidies are paid; the half-year's loan interest is subsidised ----
  const interestClaims: Claim[] = [];
  // Claimed on 3 June for the interest paid in the completed months February–May (4 × 1,250 yuan, at the cap).
  story.on(6, 3, 2, async () => {
    for (const f of borrowers) {
      interestClaims.push(
        await submitClaim(as('applicant', f.sub), {
          programmeId: programmes.interest,
          startupId: f.startupId!,
          bankAccount: businessAccount(f, businessName(f)),
          evidence: ['贷款合同', '利息单'],
        }),
      );
    }
  });
  story.on(6, 4, 2, async () => {
    for (const c of interestClaims) verified.interest.push(await verifyClaim(officer(), c.id, { decision: 'verify', notes: '利息单核实' }));
    await publishNotice(officer(), { programmeId: programmes.interest, claimIds: verified.interest.map((c) => c.id) });
  });
  payOut(
    story,
    () => programmes.entity,
    () => verified.entity,
    6,
    2,
  );
  payOut(
    story,
    () => programmes.interest,
    () => verified.interest,
    6,
    29,
  );
  story.on(6, 30, 12, async () => undefined);
  await story.play();

  return { year, startupIds: founders.map((f) => f.startupId!), communityIds, programmes };
}

/** `YYYY-MM` of the scenario's first and last month. */
export function scenarioPeriod(year: number): { from: string; to: string } {
  return { from: ym(year, 1), to: ym(year, 6) };
}
