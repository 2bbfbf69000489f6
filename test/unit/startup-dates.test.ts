import { describe, expect, it } from 'vitest';
import { addMonths } from '../../shared/startups/service';
import { monthPlus } from '../../shared/startups/job-reports';

describe('incubation dates', () => {
  it('ends incubation on the same day 24 months later', () => {
    expect(addMonths('2026-11-27', 24)).toBe('2028-11-27');
  });

  it('keeps the end inside the target month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-02-29', 24)).toBe('2030-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
  });

  it('counts months across years for the correction window', () => {
    expect(monthPlus('2026-11', 2)).toBe('2027-01');
    expect(monthPlus('2026-01', 2)).toBe('2026-03');
  });
});
