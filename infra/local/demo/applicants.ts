import { withCheckCharacter } from '../../../shared/applicants';
import { registerApplicant } from '../../../shared/applicants';
import type { RegisterApplicant } from '../../../shared/applicants';
import { demoCtx } from './actors';

/** Demo founders; `demo-applicant` is the first, so its token has a profile to show. */
export const DEMO_APPLICANTS: Array<{ sub: string; profile: RegisterApplicant }> = [
  {
    sub: 'demo-applicant',
    profile: {
      name: '李明',
      idNumber: withCheckCharacter('51011620010315001'),
      phone: '13800000001',
      category: 'college_graduate',
      graduation: { school: '四川大学', leftOn: '2023-06-30' },
      district: '天府新区',
      education: 'bachelor',
    },
  },
  {
    sub: 'demo-applicant-2',
    profile: {
      name: '王芳',
      idNumber: withCheckCharacter('51012219880722002'),
      phone: '13800000002',
      category: 'returning_migrant_worker',
      district: '天府新区',
      education: 'senior_secondary',
    },
  },
  {
    sub: 'demo-applicant-3',
    profile: {
      name: '张伟',
      idNumber: withCheckCharacter('51010419980110003'),
      phone: '13800000003',
      category: 'unemployed_youth',
      district: '双流区',
      education: 'junior_college',
    },
  },
  {
    sub: 'demo-applicant-4',
    profile: {
      name: '陈静',
      idNumber: withCheckCharacter('51010719900505004'),
      phone: '13800000004',
      category: 'veteran',
      veteranDischargedOn: '2019-09-01',
      district: '天府新区',
      education: 'vocational',
    },
  },
  {
    sub: 'demo-applicant-5',
    profile: {
      name: '刘洋',
      idNumber: withCheckCharacter('51011220000909005'),
      phone: '13800000005',
      category: 'college_graduate',
      graduation: { school: '电子科技大学', leftOn: '2022-06-30' },
      district: '天府新区',
      education: 'master',
    },
  },
  {
    sub: 'demo-applicant-6',
    profile: {
      name: '赵敏',
      idNumber: withCheckCharacter('51011419950228006'),
      phone: '13800000006',
      category: 'poverty_alleviated',
      district: '简阳市',
      education: 'junior_secondary',
    },
  },
];

export async function seedApplicants(): Promise<void> {
  for (const { sub, profile } of DEMO_APPLICANTS) await registerApplicant(demoCtx('applicant', sub), profile);
}
