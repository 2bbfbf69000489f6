import { findApplicantOfUser } from '../../../shared/applicants';
import { addDays, dayOf, now } from '../../../shared/clock';
import { submitClaim } from '../../../shared/claims';
import { createProgramme } from '../../../shared/programmes';
import { complete, createClass, createCourse, createInstitution, enrol } from '../../../shared/training';
import { demoCtx } from './actors';
import { DEMO_APPLICANTS } from './applicants';

/**
 * A listed institution, an SYB course with a past class (two trainees certified) and an upcoming GYB
 * class with seats left; the year's training subsidies: one the trainee claims (demo-applicant-2's
 * claim waits for verification) and one the institution claims (an officer entered it for the other
 * trainee, paid to the institution's account).
 */
export async function seedTraining(): Promise<void> {
  const officer = demoCtx('officer');
  const today = dayOf(now());
  const institution = await createInstitution(officer, { name: '成都天府新区职业技能培训学校', listingReference: '川人社培认2025-031' });
  const syb = await createCourse(officer, { type: 'syb', title: 'SYB 创办你的企业', hours: 80 });
  const gyb = await createCourse(officer, { type: 'gyb', title: 'GYB 产生你的企业想法', hours: 24 });
  const past = await createClass(officer, {
    courseId: syb.id,
    institutionId: institution.id,
    startsOn: addDays(today, -40),
    endsOn: addDays(today, -30),
    venue: '天府新区创业服务中心 3 楼培训室',
    capacity: 30,
    approvalReference: '天府人社培开班2025-12',
  });
  await createClass(officer, {
    courseId: gyb.id,
    institutionId: institution.id,
    startsOn: addDays(today, 14),
    endsOn: addDays(today, 16),
    venue: '天府新区创业服务中心 2 楼路演厅',
    capacity: 30,
    approvalReference: '天府人社培开班2026-01',
  });
  const trainees = DEMO_APPLICANTS.slice(1, 3);
  const certified: Array<{ sub: string; name: string; applicantId: string; certificateNumber: string }> = [];
  for (const [index, trainee] of trainees.entries()) {
    const applicant = await findApplicantOfUser(trainee.sub);
    if (!applicant) continue;
    const certificateNumber = `SYB-DEMO-${past.id.slice(-8)}-${index + 1}`;
    await enrol(officer, past.id, applicant.id);
    await complete(officer, past.id, applicant.id, { certificateNumber, certifiedOn: addDays(today, -29) });
    certified.push({ sub: trainee.sub, name: applicant.name, applicantId: applicant.id, certificateNumber });
  }
  const finance = demoCtx('finance', 'demo-finance');
  const year = today.slice(0, 4);
  const programme = (claimant: 'trainee' | 'institution', name: string) =>
    createProgramme(finance, {
      kind: 'training_subsidy',
      policy: `training_subsidy_${claimant}`,
      name: `${year}年${name}`,
      budgetFen: 20_000_000,
      opensOn: `${year}-01-01`,
      closesOn: `${year}-12-31`,
      amountRule: { type: 'fixed', amountFen: 100_000 },
      eligibility: {},
      trainingSubsidy: { claimant, claimWithinMonthsOfCertificate: 12, courseTypes: ['syb', 'gyb'] },
      disclosureWorkingDays: 5,
    });
  const byTrainee = await programme('trainee', '创业培训补贴（学员申领）');
  const byInstitution = await programme('institution', '创业培训补贴（机构申领）');
  const [first, second] = certified;
  if (first) {
    await submitClaim(demoCtx('applicant', first.sub), {
      programmeId: byTrainee.id,
      certificateNumber: first.certificateNumber,
      bankAccount: { bankName: '成都农商银行天府支行', accountName: first.name, accountNumber: '6228480402000020001' },
      evidence: [],
    });
  }
  if (second) {
    await submitClaim(officer, {
      programmeId: byInstitution.id,
      applicantId: second.applicantId,
      certificateNumber: second.certificateNumber,
      bankAccount: { bankName: '中国建设银行成都天府新区支行', accountName: institution.name, accountNumber: '51050188360000000031' },
      evidence: [],
    });
  }
}
