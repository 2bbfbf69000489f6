import { findApplicantOfUser } from '../../../shared/applicants';
import { addDays, dayOf, now } from '../../../shared/clock';
import {
  certify,
  createFund,
  issueLoan,
  recordBankDecision,
  recordDeposit,
  recordGuarantee,
  recordRepayment,
  submitApplication,
} from '../../../shared/loan-desk';
import { enterSettlement } from '../../../shared/claims';
import { createProgramme } from '../../../shared/programmes';
import { demoCtx } from './actors';

/** The quarter (`YYYY-Qn`) a Beijing day falls in. */
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * The loan desk: the guarantee fund, one individual loan it guarantees issued and repaying (demo-applicant-2), and one application
 * waiting for certification (demo-applicant-4), each through the same services as the API; and the bank's quarterly interest
 * settlement for that loan's first full month's quarter, entered by finance, its claim waiting for verification.
 */
export async function seedLoans(): Promise<void> {
  const officer = demoCtx('officer');
  const finance = demoCtx('finance');
  const today = dayOf(now());
  // The district's guarantee fund: 2,000,000 yuan paid in, so it may guarantee 10,000,000 (5×).
  const fund = await createFund(finance, { name: '天府新区创业担保基金' });
  await recordDeposit(finance, fund.id, { amountFen: 200_000_000, depositedOn: addDays(today, -240), reference: '区财政注资 2025-01' });
  const borrower = await findApplicantOfUser('demo-applicant-2');
  if (borrower) {
    const applied = await submitApplication(officer, {
      applicantId: borrower.id,
      priorityGroup: borrower.category,
      amountFen: 20_000_000,
      termMonths: 24,
      purpose: '家政服务门店装修与设备购置',
      otherLoans: { borrower: [], spouse: [] },
    });
    await certify(officer, applied.id);
    await recordBankDecision(officer, applied.id, { approved: true, bank: '成都农商银行', reference: 'CDRCB-DEMO-0001', decidedOn: addDays(today, -210) });
    await recordGuarantee(officer, applied.id, {
      guarantorType: 'guarantee_fund',
      guarantor: fund.name,
      fundId: fund.id,
      counterGuarantee: '自然人保证',
      guaranteedOn: addDays(today, -205),
    });
    // Issued 200 days ago, so the quarter of its first month's interest has ended (settled below).
    const startDate = addDays(today, -200);
    await issueLoan(officer, applied.id, {
      principalFen: 20_000_000,
      annualRateBp: 345,
      startDate,
      termMonths: 24,
      schedule: 'interest_monthly_principal_at_end',
    });
    for (const days of [30, 60]) await recordRepayment(finance, applied.id, { paidOn: addDays(startDate, days), principalFen: 0, interestFen: 57_500 });
    const year = today.slice(0, 4);
    const interestSubsidy = await createProgramme(finance, {
      kind: 'loan_interest_subsidy',
      policy: 'loan_interest_subsidy',
      name: `${year}年创业担保贷款贴息`,
      budgetFen: 50_000_000,
      opensOn: `${Number(year) - 1}-01-01`,
      closesOn: `${year}-12-31`,
      amountRule: { type: 'interest_share', percent: 50, capFen: 1_000_000 },
      eligibility: {},
      disclosureWorkingDays: 5,
    });
    await enterSettlement(finance, {
      programmeId: interestSubsidy.id,
      quarter: quarterOf(addDays(startDate, 30)),
      bankAccount: { bankName: '成都农商银行', accountName: '成都农村商业银行股份有限公司', accountNumber: '79120100000012345' },
      lines: [{ applicationId: applied.id, interestFen: 172_500, annualRateBp: 345 }],
    });
  }
  const waiting = await findApplicantOfUser('demo-applicant-4');
  if (waiting) {
    await submitApplication(officer, {
      applicantId: waiting.id,
      priorityGroup: waiting.category,
      amountFen: 30_000_000,
      termMonths: 36,
      purpose: '退役军人创办汽车维修店',
      otherLoans: { borrower: [{ lender: '中国建设银行', outstandingFen: 5_000_000 }], spouse: [] },
    });
  }
}
