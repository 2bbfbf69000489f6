/**
 * The published-figures scenario (`npm run seed -- --scenario tianfu-h1`): the first half of the
 * current year as the Tianfu report tells it, built through the domain services the API calls,
 * month by month with the clock set to each moment of the story.
 *
 * What happens, and the figures it is built to reproduce (`GET /v1/reports/summary?from=<y>-01&to=<y>-06`):
 * - January–March: 37 founders from every applicant category register, apply, are scored by two
 *   reviewers (an officer and a mentor) and approved, move into one of three communities
 *   (allocations from their approval month to December) and get a mentor.
 * - Every month each startup reports the jobs it created; mentors log one session a month with each
 *   mentee (founders confirm and rate them).
 * - May: the 37 register their businesses and graduate with unified social credit codes (so
 *   `foundersSupported` = 37), and claim the startup-entity subsidy (fixed 10,000 yuan).
 * - June: one finance user prepares the 37 claims as a batch, another approves it an hour later, the
 *   bank confirms every line: 37 entity-subsidy payments, **370,000 yuan**.
 * - The **130,000 yuan of "small guaranteed loans and startup subsidies"** is the money the centre
 *   paid under those two policies, as the ledger shows it:
 *     - one-off startup subsidies (`startup_subsidy`): 20 founders × 5,000 yuan = 100,000 yuan (paid March);
 *     - guaranteed-loan interest subsidies (`loan_interest_subsidy`): 6 startups × 5,000 yuan = 30,000 yuan
 *       (paid June; the subsidy is 100 % of the interest paid, capped at 5,000 yuan per startup).
 *   The 6 loans themselves (300,000 yuan each, recorded in January) are the banks' money, not the
 *   centre's: the report lists them separately under `loans` (6 issued, 1,800,000 yuan principal)
 *   and they are not part of the 130,000.
 * - No roadshow is held: the events module (competitions, roadshows) is not part of this code base
 *   yet; when it is, the scenario should hold one in April with the mentors as judges.
 *
 * Everything is innocent by design: distinct bank accounts, no claim without space, batches
 * approved well after preparation, mentors far below 40 hours a week. No risk alert should open.
 */
import { withCheckCharacter } from '../../../shared/applicants/identity';
import { registerApplicant } from '../../../shared/applicants/service';
import type { ApplicantCategory, RegisterApplicant } from '../../../shared/applicants/schema';
import { assignReviewer, decideApplication, scoreApplication } from '../../../shared/applications/review';
import { createApplication, submitApplication } from '../../../shared/applications/service';
import { now, useFixedClock } from '../../../shared/clock';
import type { Ctx } from '../../../shared/context';
import { retryOnConflict } from '../../../shared/db/transact';
import { recordLoan, recordRepayment } from '../../../shared/loans/service';
import { assignMentor } from '../../../shared/mentors/assignments';
import { confirmSession, logSession } from '../../../shared/mentors/sessions';
import { createMentor } from '../../../shared/mentors/service';
import type { Role } from '../../../shared/roles';
import type { Sector } from '../../../shared/sectors';
import { allocateUnit, createCommunity, createUnit } from '../../../shared/spaces/service';
import type { Unit } from '../../../shared/spaces/schema';
import { withCreditCheckCharacter } from '../../../shared/startups/credit-code';
import { fileJobReport } from '../../../shared/startups/job-reports';
import { graduateStartup } from '../../../shared/startups/service';
import { approveBatch, prepareBatch } from '../../../shared/subsidies/batches';
import { submitClaim, verifyClaim } from '../../../shared/subsidies/claims';
import { confirmPayouts } from '../../../shared/subsidies/ledger';
import { MAX_BATCH_CLAIMS } from '../../../shared/subsidies/payout-schema';
import { createProgramme } from '../../../shared/subsidies/programmes';
import type { Claim } from '../../../shared/subsidies/schema';

export const FOUNDERS = 37;
export const STARTUP_SUBSIDY_FOUNDERS = 20;
export const LOAN_STARTUPS = 6;
export const ENTITY_SUBSIDY_FEN = 1_000_000;
export const STARTUP_SUBSIDY_FEN = 500_000;
export const INTEREST_SUBSIDY_CAP_FEN = 500_000;

const OFFICER = 'tianfu-officer';
const FINANCE_PREPARER = 'tianfu-finance-1';
const FINANCE_APPROVER = 'tianfu-finance-2';
const PARK_MANAGER = 'tianfu-park-manager';
const MENTOR_SUBS = ['tianfu-mentor-1', 'tianfu-mentor-2', 'tianfu-mentor-3', 'tianfu-mentor-4'];

const CATEGORIES: ApplicantCategory[] = ['college_graduate', 'returning_migrant_worker', 'unemployed_youth', 'veteran', 'registered_poor_household', 'other'];
const SECTORS: Sector[] = ['it_services', 'exhibition_services', 'culture_tourism', 'elderly_care_home_services', 'modern_agriculture'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马'];

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

/** Sets the story's clock: `month` 1–12 of the scenario year, day, hour (UTC). */
function at(year: number, month: number, day: number, hour = 2, minute = 0): void {
  useFixedClock(new Date(Date.UTC(year, month - 1, day, hour, minute)));
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
    ...(category === 'college_graduate' ? { graduation: { school: '四川大学', year: year - 1 - (founder.index % 3) } } : {}),
    district: '天府新区',
    education: category === 'college_graduate' ? 'bachelor' : 'senior_secondary',
  };
}

/** Distinct accounts: one person, one account number (the shared-account risk rule stays quiet). */
const personalAccount = (founder: Founder, name: string) => ({ bankName: '成都农商银行天府支行', accountName: name, accountNumber: `6221480010${String(founder.index).padStart(6, '0')}` });
const businessAccount = (founder: Founder, name: string) => ({ bankName: '中国建设银行天府新区支行', accountName: name, accountNumber: `5105010020${String(founder.index).padStart(6, '0')}` });

/** Prepare (one finance user), approve an hour later (another), and confirm every line paid. */
async function payOut(programmeId: string, claims: Claim[], year: number, month: number, day: number): Promise<void> {
  for (let start = 0; start < claims.length; start += MAX_BATCH_CLAIMS) {
    const chunk = claims.slice(start, start + MAX_BATCH_CLAIMS);
    at(year, month, day, 1);
    const batch = await prepareBatch(as('finance', FINANCE_PREPARER), {
      programmeId,
      claimIds: chunk.map((c) => c.id),
      declaredCount: chunk.length,
      declaredTotalFen: chunk.reduce((sum, c) => sum + c.amountFen, 0),
    });
    at(year, month, day, 2);
    await approveBatch(as('finance', FINANCE_APPROVER), batch.id);
    at(year, month, day + 1, 3);
    await confirmPayouts(as('finance', FINANCE_PREPARER), batch.id, {
      lines: chunk.map((c, i) => ({ claimId: c.id, status: 'paid' as const, bankReference: `TF${year}${String(month).padStart(2, '0')}-${String(start + i + 1).padStart(4, '0')}` })),
    });
  }
}

/** Builds the half-year; leaves the clock at the end of June (callers restore it). */
export async function runTianfuH1(year = new Date().getUTCFullYear()): Promise<ScenarioResult> {
  const founders: Founder[] = Array.from({ length: FOUNDERS }, (_, index) => ({ index, sub: `tianfu-founder-${index + 1}`, cohortMonth: 1 + (index % 3) }));

  // ---- January: the carriers, the mentor team, the programmes ----
  at(year, 1, 3);
  const officer = () => as('officer', OFFICER);
  const communities = [];
  const units: Unit[] = [];
  for (const [name, kind, desks] of [
    ['天府新区创业园', 'startup_park', 15],
    ['华阳青年（大学生）创业社区', 'youth_community', 12],
    ['兴隆湖青年创业社区', 'youth_community', 12],
  ] as const) {
    const community = await createCommunity(officer(), { kind, name, address: `天府新区 ${name}`, district: '天府新区', managerIds: [PARK_MANAGER] });
    communities.push(community);
    for (let i = 1; i <= desks; i++) {
      units.push(await createUnit(as('park_manager', PARK_MANAGER), community.id, { code: `D-${String(i).padStart(2, '0')}`, kind: 'desk', seats: 1, areaM2: 6, monthlyRentFen: 30_000, floor: 1 }));
    }
  }
  const mentorIds: string[] = [];
  for (const [i, sub] of MENTOR_SUBS.entries()) {
    const mentor = await createMentor(officer(), {
      userId: sub, name: `导师${i + 1}`, organisation: '天府新区创业导师团', sectors: [...SECTORS], expertise: ['商业计划', '融资'], bio: '', maxMentees: 12,
    });
    mentorIds.push(mentor.id);
  }
  const finance = () => as('finance', FINANCE_PREPARER);
  const common = { budgetFen: 50_000_000, opensOn: `${year}-01-01`, closesOn: `${year}-12-31`, disclosureDays: 7 };
  const entity = await createProgramme(finance(), { ...common, kind: 'entity_subsidy', name: `${year}年创业实体补贴`, amountRule: { type: 'fixed', amountFen: ENTITY_SUBSIDY_FEN }, eligibility: { requiresCreditCode: true } });
  const startupSubsidy = await createProgramme(finance(), { ...common, kind: 'startup_subsidy', name: `${year}年一次性创业补贴`, amountRule: { type: 'fixed', amountFen: STARTUP_SUBSIDY_FEN }, eligibility: {} });
  const interest = await createProgramme(finance(), {
    ...common, kind: 'loan_interest_subsidy', name: `${year}年创业担保贷款贴息`, amountRule: { type: 'interest_share', percent: 100, capFen: INTEREST_SUBSIDY_CAP_FEN }, eligibility: {},
  });

  // ---- January–March: three cohorts apply, are reviewed, approved, housed and mentored ----
  let unitCursor = 0;
  for (const month of [1, 2, 3]) {
    const cohort = founders.filter((f) => f.cohortMonth === month);
    const cohortUnits = cohort.map(() => units[unitCursor++]!);
    at(year, month, 5);
    await each(cohort, (f) => registerApplicant(as('applicant', f.sub), profile(f, year)));
    const applications = new Map<string, string>();
    await each(cohort, async (f) => {
      const application = await createApplication(as('applicant', f.sub), {
        projectName: `天府创业项目 ${f.index + 1}`,
        summary: '面向天府新区居民与企业的创业项目。',
        sector: SECTORS[f.index % SECTORS.length]!,
        team: [{ name: '创始人', role: 'founder', isCollegeGraduate: f.index % CATEGORIES.length === 0 }],
        plannedJobs: 3 + (f.index % 4),
        space: { kind: 'desk', count: 1 },
        businessPlan: '第一年服务 200 户客户，一年内带动就业 5 人。',
      });
      applications.set(f.sub, application.id);
    });
    at(year, month, 6);
    await each(cohort, (f) => submitApplication(as('applicant', f.sub), applications.get(f.sub)!));
    at(year, month, 8);
    const reviewerOf = (f: Founder) => MENTOR_SUBS[f.index % MENTOR_SUBS.length]!;
    await each(cohort, async (f) => {
      await assignReviewer(officer(), applications.get(f.sub)!, OFFICER);
      await assignReviewer(officer(), applications.get(f.sub)!, reviewerOf(f));
    });
    at(year, month, 10);
    const marks = { innovation: 7, feasibility: 8, team: 7, jobCreation: 8, socialValue: 8, comment: '方案可行，带动就业明确。' };
    await each(cohort, async (f) => {
      await scoreApplication(officer(), applications.get(f.sub)!, marks);
      await scoreApplication(as('mentor', reviewerOf(f)), applications.get(f.sub)!, { ...marks, innovation: 8 });
    });
    at(year, month, 12);
    await each(cohort, async (f) => {
      const decided = await decideApplication(officer(), applications.get(f.sub)!, { decision: 'approve', reason: '评审平均分达标，同意入孵。' });
      f.startupId = decided.startupId!;
    });
    at(year, month, 15);
    await each(cohort.map((f, i) => [f, cohortUnits[i]!] as const), ([f, unit]) =>
      allocateUnit(as('park_manager', PARK_MANAGER), { startupId: f.startupId!, unitId: unit.id, fromMonth: ym(year, month), toMonth: ym(year, 12) }),
    );
    // One mentor per startup, spread so that no mentor has more than 10 mentees.
    await each(cohort, async (f) => {
      const assignment = await assignMentor(officer(), { mentorId: mentorIds[f.index % mentorIds.length]!, startupId: f.startupId! });
      f.assignmentId = assignment.id;
    }, 1);
  }

  // ---- January: six guaranteed loans to startups of the first cohort ----
  at(year, 1, 20);
  const borrowers = founders.filter((f) => f.cohortMonth === 1).slice(0, LOAN_STARTUPS);
  const loans = new Map<string, string>();
  for (const f of borrowers) {
    const loan = await recordLoan(finance(), {
      startupId: f.startupId!, bank: '成都农商银行', guarantor: '天府新区融资担保有限公司', principalFen: 30_000_000, annualRateBp: 435, termMonths: 24, startDate: `${year}-01-20`,
    });
    loans.set(f.sub, loan.id);
  }

  // ---- February–May: jobs reported, mentoring sessions, loan interest, startup subsidies ----
  for (const month of [2, 3, 4, 5]) {
    at(year, month, 2);
    // Each startup reports the month just ended (if it was incubating then).
    const reporting = founders.filter((f) => f.cohortMonth <= month - 1);
    await each(reporting, (f) => {
      const employees = 2 + (f.index % 4) + (month - 1 - f.cohortMonth);
      return fileJobReport(as('applicant', f.sub), f.startupId!, { month: ym(year, month - 1), employees, collegeGraduatesEmployed: Math.ceil(employees / 2), revenueFen: 500_000 * employees });
    });
    // Sessions on days 10–19 (one a day per mentor at most: far under 12 hours a day, 40 a week).
    if (month <= 4) {
      // Mentors were assigned on the 15th of the cohort's month: sessions start the month after.
      const mentees = founders.filter((f) => f.cohortMonth < month);
      for (const day of [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]) {
        const today = mentees.filter((f) => 10 + Math.floor(f.index / MENTOR_SUBS.length) === day);
        if (today.length === 0) continue;
        at(year, month, day, 8);
        const sessions = new Map<string, string>();
        await each(today, async (f) => {
          const session = await logSession(as('mentor', MENTOR_SUBS[f.index % MENTOR_SUBS.length]!), f.assignmentId!, {
            date: `${ym(year, month)}-${String(day).padStart(2, '0')}`, minutes: 90, mode: f.index % 2 === 0 ? 'in_person' : 'online', topics: ['商业计划'], notes: '梳理进展与下一步计划。', followUps: [],
          });
          sessions.set(f.sub, session.id);
        });
        at(year, month, day, 12);
        await each(today, (f) => confirmSession(as('applicant', f.sub), sessions.get(f.sub)!, { rating: 4 + (f.index % 2), comment: '很有帮助' }));
      }
    }
    // Interest on the loans: 300,000 yuan at 4.35 % is 1,087.50 yuan a month.
    at(year, month, 20);
    for (const f of borrowers) await recordRepayment(finance(), loans.get(f.sub)!, { paidOn: `${ym(year, month)}-20`, principalFen: 0, interestFen: 108_750 });
  }

  // One-off startup subsidies: claimed in early March by 20 founders, paid in mid-March.
  at(year, 3, 1);
  const subsidised = founders.filter((f) => f.cohortMonth <= 2).slice(0, STARTUP_SUBSIDY_FOUNDERS);
  const startupClaims: Claim[] = [];
  await each(subsidised, async (f) => {
    startupClaims.push(await submitClaim(as('applicant', f.sub), { programmeId: startupSubsidy.id, bankAccount: personalAccount(f, profile(f, year).name), evidence: ['营业执照'] }));
  });
  at(year, 3, 2);
  const verifiedStartupClaims: Claim[] = [];
  await each(startupClaims, async (c) => verifiedStartupClaims.push(await verifyClaim(officer(), c.id, { decision: 'verify', notes: '材料齐全' })));
  await payOut(startupSubsidy.id, verifiedStartupClaims, year, 3, 12);

  // ---- May: registered businesses graduate, entity subsidies are claimed and verified ----
  at(year, 5, 6);
  await each(founders, (f) =>
    graduateStartup(officer(), f.startupId!, {
      creditCode: withCreditCheckCharacter(`91510100MA6TH1${String(f.index).padStart(3, '0')}`),
      reason: '完成工商登记，毕业出孵',
    }),
  );
  at(year, 5, 7);
  const entityClaims: Claim[] = [];
  await each(founders, async (f) => {
    entityClaims.push(await submitClaim(as('applicant', f.sub), { programmeId: entity.id, startupId: f.startupId!, bankAccount: businessAccount(f, `天府创业项目${f.index + 1}有限公司`), evidence: ['营业执照', '纳税证明'] }));
  });
  at(year, 5, 8);
  const verifiedEntityClaims: Claim[] = [];
  await each(entityClaims, async (c) => verifiedEntityClaims.push(await verifyClaim(officer(), c.id, { decision: 'verify', notes: '工商登记核实无误' })));

  // ---- June: entity subsidies paid; the loan interest of the half-year is subsidised ----
  await payOut(entity.id, verifiedEntityClaims, year, 6, 2);
  at(year, 6, 20);
  for (const f of borrowers) await recordRepayment(finance(), loans.get(f.sub)!, { paidOn: `${year}-06-20`, principalFen: 0, interestFen: 108_750 });
  at(year, 6, 21);
  const interestClaims: Claim[] = [];
  for (const f of borrowers) {
    interestClaims.push(await submitClaim(as('applicant', f.sub), { programmeId: interest.id, startupId: f.startupId!, bankAccount: businessAccount(f, `天府创业项目${f.index + 1}有限公司`), evidence: ['贷款合同', '利息单'] }));
  }
  const verifiedInterestClaims: Claim[] = [];
  for (const c of interestClaims) verifiedInterestClaims.push(await verifyClaim(officer(), c.id, { decision: 'verify', notes: '利息单核实' }));
  await payOut(interest.id, verifiedInterestClaims, year, 6, 29);
  at(year, 6, 30, 12);

  return {
    year,
    startupIds: founders.map((f) => f.startupId!),
    communityIds: communities.map((c) => c.id),
    programmes: { entity: entity.id, startup: startupSubsidy.id, interest: interest.id },
  };
}

/** `YYYY-MM` of the scenario's first and last month. */
export function scenarioPeriod(year: number): { from: string; to: string } {
  return { from: ym(year, 1), to: ym(year, 6) };
}
