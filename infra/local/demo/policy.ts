import { findApplicantOfUser } from '../../../shared/applicants';
import { submitBusiness, verifyBusiness } from '../../../shared/businesses';
import { submitClaim, verifyClaim } from '../../../shared/claims';
import { dayOf } from '../../../shared/clock';
import { commitBookkeeping } from '../../../shared/audit';
import { newId } from '../../../shared/ids';
import { createProgramme } from '../../../shared/programmes';
import { addMonths, createStartupWrite, withCreditCheckCharacter, type Startup } from '../../../shared/startups';
import { demoCtx } from './actors';
import { DEMO_APPLICANTS } from './applicants';

const FOUNDER = 'demo-applicant-3';
const BUSINESS = '天府新区张伟家政服务部';

/**
 * Sichuan's one-off startup subsidy as one policy in two stages, and a founder who registered a
 * business in the middle of incubation: incubating for 22 months (never reviewed, so the annual
 * review is overdue), the business registered 20 months ago and verified by an officer (which gives
 * the startup its credit code); stage 1 (6 months of operation) verified, stage 2 (18 months)
 * submitted and waiting for an officer.
 */
export async function seedPolicy(): Promise<void> {
  const finance = demoCtx('finance', 'demo-finance');
  const today = dayOf(finance.now);
  const programme = await createProgramme(finance, {
    kind: 'startup_subsidy',
    policy: 'tiered_startup_subsidy',
    name: '一次性创业补贴（分阶段：经营满 6 个月、满 18 个月）',
    budgetFen: 30_000_000,
    opensOn: addMonths(today, -24),
    closesOn: addMonths(today, 12),
    amountRule: { type: 'fixed', amountFen: 1_500_000 },
    stages: [
      { minOperatingMonths: 6, amountFen: 500_000, claimWithinMonthsOfEligible: 24 },
      { minOperatingMonths: 18, amountFen: 1_000_000, claimWithinMonthsOfEligible: 12 },
    ],
    eligibility: {},
    disclosureWorkingDays: 5,
  });
  const founder = (await findApplicantOfUser(FOUNDER))!;
  const profile = DEMO_APPLICANTS.find((a) => a.sub === FOUNDER)!.profile;
  const at = finance.now.toISOString();
  const startup: Startup = {
    id: newId('stp'),
    applicationId: newId('app'),
    founderApplicantId: founder.id,
    founderUserId: FOUNDER,
    name: '张伟家政服务',
    sector: 'elderly_care_home_services',
    status: 'incubating',
    space: { kind: 'desk', count: 1 },
    plannedJobs: 3,
    incubationStart: addMonths(today, -22),
    incubationEnd: addMonths(addMonths(today, -22), 24),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await commitBookkeeping([createStartupWrite(startup)], { bookkeeping: 'a demo startup written as it would be after its application' });
  await submitBusiness(demoCtx('applicant', FOUNDER), startup.id, {
    entityType: 'individual_business',
    name: BUSINESS,
    creditCode: withCreditCheckCharacter('92510100MA6CDEM03'),
    registeredOn: addMonths(today, -20),
    legalRepresentative: { name: profile.name, idNumber: profile.idNumber },
    registeredAddress: { district: '天府新区', detail: '华阳街道正东街 18 号' },
    firstBusinessDeclared: true,
  });
  await verifyBusiness(demoCtx('officer'), startup.id, { evidenceReference: '营业执照原件核对（个体工商户）' });
  const account = { bankName: '成都农商银行天府支行', accountName: profile.name, accountNumber: '6221480000000030003' };
  const first = await submitClaim(demoCtx('applicant', FOUNDER), {
    programmeId: programme.id,
    startupId: startup.id,
    stage: 1,
    bankAccount: account,
    evidence: [],
  });
  await verifyClaim(demoCtx('officer'), first.id, { decision: 'verify', notes: '经营满 6 个月，核实无误' });
  await submitClaim(demoCtx('applicant', FOUNDER), {
    programmeId: programme.id,
    startupId: startup.id,
    stage: 2,
    bankAccount: account,
    evidence: ['经营满 18 个月的纳税记录'],
  });
}
