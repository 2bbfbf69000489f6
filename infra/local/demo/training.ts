import { findApplicantOfUser } from '../../../shared/applicants';
import { addDays, dayOf, now } from '../../../shared/clock';
import { complete, createClass, createCourse, createInstitution, enrol } from '../../../shared/training';
import { demoCtx } from './actors';
import { DEMO_APPLICANTS } from './applicants';

/** A listed institution, an SYB course with a past class (two trainees certified) and an upcoming GYB class with seats left. */
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
  for (const [index, trainee] of trainees.entries()) {
    const applicant = await findApplicantOfUser(trainee.sub);
    if (!applicant) continue;
    await enrol(officer, past.id, applicant.id);
    await complete(officer, past.id, applicant.id, { certificateNumber: `SYB-DEMO-${past.id.slice(-8)}-${index + 1}`, certifiedOn: addDays(today, -29) });
  }
}
