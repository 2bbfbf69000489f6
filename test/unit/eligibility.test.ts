import { describe, expect, it } from 'vitest';
import type { Applicant } from '../../shared/applicants/schema';
import { eligibilityProblem } from '../../shared/applications/eligibility';

const applicant = (overrides: Partial<Applicant>): Applicant => ({
  id: 'apl_X',
  userId: 'u',
  name: '测试',
  idNumberMasked: '110***********0011',
  birthDate: '1995-01-01',
  phone: '13900000000',
  category: 'other',
  district: '天府新区',
  education: 'bachelor',
  createdAt: '2020-01-01T00:00:00Z',
  updatedAt: '2020-01-01T00:00:00Z',
  version: 1,
  ...overrides,
});

describe('eligibility on submission', () => {
  it('admits college graduates within 5 years of leaving school, the fifth anniversary (in Beijing) included', () => {
    const graduate = (leftOn: string) => applicant({ category: 'college_graduate', graduation: { school: 'x', leftOn } });
    expect(eligibilityProblem(graduate('2021-06-30'), new Date('2026-06-29T16:00:00Z'))).toBeNull(); // 30 June, 00:00 Beijing
    expect(eligibilityProblem(graduate('2021-06-30'), new Date('2026-06-30T15:59:59Z'))).toBeNull(); // 30 June, 23:59 Beijing
    expect(eligibilityProblem(graduate('2021-06-30'), new Date('2026-06-30T16:00:00Z'))?.extra.rule).toBe('graduated_within_5_years');
    expect(eligibilityProblem(applicant({ category: 'college_graduate' }), new Date('2026-06-01T00:00:00Z'))?.extra.rule).toBe('graduated_within_5_years');
  });

  it('admits unemployed youth until the day before their 35th birthday', () => {
    const youth = applicant({ category: 'unemployed_youth', birthDate: '1991-06-15' });
    expect(eligibilityProblem(youth, new Date('2026-06-14T15:59:59Z'))).toBeNull();
    expect(eligibilityProblem(youth, new Date('2026-06-14T16:00:00Z'))?.extra.rule).toBe('under_35');
  });

  it('counts a 29 February birthday as reached on 1 March in other years', () => {
    const leap = applicant({ category: 'unemployed_youth', birthDate: '1992-02-29' });
    expect(eligibilityProblem(leap, new Date('2027-02-28T12:00:00Z'))).toBeNull();
    expect(eligibilityProblem(leap, new Date('2027-03-01T02:00:00Z'))?.extra.rule).toBe('under_35');
  });

  it('sets no age or graduation limit for other categories', () => {
    for (const category of ['returning_migrant_worker', 'employment_difficulty', 'registered_unemployed', 'veteran', 'poverty_alleviated', 'other'] as const) {
      expect(eligibilityProblem(applicant({ category, birthDate: '1960-01-01' }), new Date('2026-06-01T00:00:00Z'))).toBeNull();
    }
  });
});
