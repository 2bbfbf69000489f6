import { withCheckCharacter } from '../../shared/applicants/identity';
import type { RegisterApplicant } from '../../shared/applicants/schema';

let sequence = 0;

/** A valid identity number born on `birth` (YYYYMMDD), unique within the run. */
export function idNumber(birth = '19990101'): string {
  sequence += 1;
  const seq = String((process.pid * 7 + sequence) % 1000).padStart(3, '0');
  const region = String(110000 + ((Date.now() + sequence * 13) % 89999)).padStart(6, '0');
  return withCheckCharacter(`${region}${birth}${seq}`);
}

export function applicantInput(overrides: Partial<RegisterApplicant> = {}): RegisterApplicant {
  return {
    name: '测试人',
    idNumber: idNumber(),
    phone: '13912345678',
    category: 'returning_migrant_worker',
    district: '天府新区',
    education: 'senior_secondary',
    // A self-employed veteran says when they were discharged.
    ...(overrides.category === 'veteran' ? { veteranDischargedOn: '2020-09-01' } : {}),
    ...overrides,
  };
}
