import { businessCodeFreeCheck } from '../../../shared/businesses';
import { requestChange } from '../../../shared/applicants';
import { findApplicantOfUser } from '../../../shared/applicants';
import { yearOf } from '../../../shared/clock';
import type { Ctx } from '../../../shared/context';
import { commitBookkeeping } from '../../../shared/audit';
import { newId } from '../../../shared/ids';
import { approveBatch, prepareBatch } from '../../../shared/payouts';
import { submitClaim, verifyClaim } from '../../../shared/claims';
import { approveBankConfirmation, confirmPayouts } from '../../../shared/payouts';
import { publishNotice } from '../../../shared/claims';
import { createProgramme } from '../../../shared/programmes';
import type { Claim } from '../../../shared/claims';
import { withCreditCheckCharacter } from '../../../shared/startups';
import { createStartupWrite } from '../../../shared/startups';
import { graduateStartup } from '../../../shared/startups';
import type { Startup } from '../../../shared/startups';
import { demoCtx } from './actors';

const DAY = 24 * 60 * 60 * 1000;
const ago = (ctx: Ctx, days: number): Ctx => ({ ...ctx, now: new Date(ctx.now.getTime() - days * DAY) });
const account = (accountName: string, tail: string) => ({ bankName: '成都农商银行天府支行', accountName, accountNumber: `62214800000000${tail}` });

/**
 * Registered businesses of two demo founders, for the entity subsidy: written as incubating
 * startups and graduated through the startups service (credit code claimed, founder counted).
 */
async function demoBusiness(sub: string, name: string, creditCode17: string): Promise<Startup> {
  const founder = (await findApplicantOfUser(sub))!;
  const at = new Date().toISOString();
  const startup: Startup = {
    id: newId('stp'),
    applicationId: newId('app'),
    founderApplicantId: founder.id,
    founderUserId: sub,
    name,
    sector: 'elderly_care_home_services',
    status: 'incubating',
    space: { kind: 'office', count: 1 },
    plannedJobs: 5,
    incubationStart: '2024-03-01',
    incubationEnd: '2026-02-28',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await commitBookkeeping([createStartupWrite(startup)], { bookkeeping: 'a demo startup written as it would be after its application' });
  return graduateStartup(
    demoCtx('officer'),
    startup.id,
    {
      creditCode: withCreditCheckCharacter(creditCode17),
      reason: '完成工商登记，毕业出孵',
      businessName: name,
    },
    businessCodeFreeCheck,
  );
}

/** A claim submitted and verified `daysAgo` days ago (disclosure needs a notice after that). */
async function verified(claimant: string, input: Parameters<typeof submitClaim>[1], daysAgo: number): Promise<Claim> {
  const claim = await submitClaim(ago(demoCtx('applicant', claimant), daysAgo + 1), input);
  return verifyClaim(ago(demoCtx('officer'), daysAgo), claim.id, { decision: 'verify', notes: '材料齐全，核实无误' });
}

/** Verified claims published `daysAgo` days ago: a month back, the notice has closed; a day or two back, it is open. */
async function published(programmeId: string, claims: Claim[], daysAgo: number) {
  return publishNotice(ago(demoCtx('officer'), daysAgo), { programmeId, claimIds: claims.map((c) => c.id) });
}

/** Prepared and approved by two finance users; the bank pays every line but those in `failed`. */
async function pay(programmeId: string, claims: Claim[], failed: Claim[] = []): Promise<void> {
  const preparer = demoCtx('finance', 'demo-finance');
  const batch = await prepareBatch(preparer, {
    programmeId,
    claimIds: claims.map((c) => c.id),
    declaredCount: claims.length,
    declaredTotalFen: claims.reduce((s, c) => s + c.amountFen, 0),
  });
  await approveBatch(demoCtx('finance', 'demo-finance-2'), batch.id);
  const outcome = await confirmPayouts(preparer, batch.id, {
    lines: claims.map((c, i) => ({
      claimId: c.id,
      status: failed.includes(c) ? ('failed' as const) : ('paid' as const),
      bankReference: `NSYH-2026-${String(i + 1).padStart(4, '0')}`,
    })),
  });
  // Above the maker-checker threshold a second finance user confirms what the bank answered.
  if ('pending' in outcome) await approveBankConfirmation(demoCtx('finance', 'demo-finance-2'), outcome.pending.id);
}

/**
 * A one-off startup subsidy and an entity subsidy programme: claims paid after a closed disclosure
 * notice, claims on an open notice, a payment the bank returned (the claimant must correct the
 * account), a claim rejected with its reason and a corrected one after it, and a change request
 * waiting for an officer.
 */
export async function seedSubsidies(): Promise<void> {
  const finance = demoCtx('finance', 'demo-finance');
  const year = String(yearOf(finance.now));
  const startupSubsidy = await createProgramme(finance, {
    kind: 'startup_subsidy',
    policy: 'one_off_startup_subsidy',
    name: `${year}年一次性创业补贴`,
    budgetFen: 20_000_000,
    opensOn: `${Number(year) - 1}-01-01`,
    closesOn: `${year}-12-31`,
    amountRule: { type: 'fixed', amountFen: 500_000 },
    eligibility: {},
    disclosureWorkingDays: 5,
  });
  const entitySubsidy = await createProgramme(finance, {
    kind: 'entity_subsidy',
    policy: 'entity_subsidy',
    name: `${year}年创业实体补贴`,
    budgetFen: 50_000_000,
    opensOn: `${Number(year) - 1}-01-01`,
    closesOn: `${year}-12-31`,
    amountRule: { type: 'fixed', amountFen: 1_000_000 },
    eligibility: { requiresCreditCode: true },
    disclosureWorkingDays: 5,
  });

  // Startup subsidy: published a month ago and paid (one line returned by the bank), one on an open notice, one waiting.
  const paidA = await verified('demo-applicant', { programmeId: startupSubsidy.id, bankAccount: account('李明', '10001'), evidence: ['营业执照扫描件'] }, 33);
  const returned = await verified('demo-applicant-3', { programmeId: startupSubsidy.id, bankAccount: account('张伟', '10003'), evidence: [] }, 33);
  await published(startupSubsidy.id, [paidA, returned], 32);
  await pay(startupSubsidy.id, [paidA, returned], [returned]);
  const open = await verified('demo-applicant-2', { programmeId: startupSubsidy.id, bankAccount: account('王芳', '10002'), evidence: ['返乡证明'] }, 2);
  await published(startupSubsidy.id, [open], 2);
  // Rejected with a reason the claimant sees; the corrected claim after it is waiting for verification.
  const incomplete = await submitClaim(ago(demoCtx('applicant', 'demo-applicant-6'), 6), {
    programmeId: startupSubsidy.id,
    bankAccount: account('赵敏', '10006'),
    evidence: [],
  });
  await verifyClaim(ago(demoCtx('officer'), 5), incomplete.id, { decision: 'reject', notes: '缺少脱贫人口身份证明，请补充后重新申请。' });
  await submitClaim(demoCtx('applicant', 'demo-applicant-6'), {
    programmeId: startupSubsidy.id,
    bankAccount: account('赵敏', '10006'),
    evidence: ['脱贫人口身份证明'],
  });

  // Entity subsidy: one paid after its notice closed, one on an open notice.
  const care = await demoBusiness('demo-applicant-4', '陈记社区养老服务有限公司', '91510100MA6CDEM04');
  const expo = await demoBusiness('demo-applicant-5', '成都刘洋会展服务有限公司', '91510100MA6CDEM05');
  const paidEntity = await verified(
    'demo-applicant-4',
    { programmeId: entitySubsidy.id, startupId: care.id, bankAccount: account('陈记社区养老服务有限公司', '20004'), evidence: [] },
    33,
  );
  await published(entitySubsidy.id, [paidEntity], 32);
  await pay(entitySubsidy.id, [paidEntity]);
  const expoClaim = await verified(
    'demo-applicant-5',
    { programmeId: entitySubsidy.id, startupId: expo.id, bankAccount: account('成都刘洋会展服务有限公司', '20005'), evidence: ['纳税证明'] },
    1,
  );
  await published(entitySubsidy.id, [expoClaim], 1);

  // 张伟 registered as unemployed since applying: the category changes only once an officer approves.
  await requestChange(demoCtx('applicant', 'demo-applicant-3'), {
    category: 'registered_unemployed',
    reason: '已在天府新区就业服务中心办理失业登记',
    evidence: ['就业失业登记证 5101160000123'],
  });
}
