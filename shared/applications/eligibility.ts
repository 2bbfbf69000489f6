import { ageOn } from '../applicants';
import type { Applicant } from '../applicants';
import { addDays, dayOf } from '../clock';
import { NotEligibleError } from '../errors';

/** A college graduate may apply within five years of leaving school, the fifth anniversary included. */
export const GRADUATE_YEARS = 5;
/** Unemployed youth are those under 35 on the day they submit. */
export const YOUTH_AGE_LIMIT = 35;

/**
 * Why the applicant may not submit at `at`, or null. The third rule (one active application) is
 * enforced by a constraint item in the submission's transaction, not here, so it holds under races.
 */
export function eligibilityProblem(applicant: Applicant, at: Date): NotEligibleError | null {
  const today = dayOf(at);
  if (applicant.category === 'college_graduate') {
    const leftOn = applicant.graduation?.leftOn;
    const years = leftOn ? ageOn(leftOn, today) : Number.POSITIVE_INFINITY;
    const anniversary = leftOn !== undefined && years === GRADUATE_YEARS && ageOn(leftOn, addDays(today, -1)) < GRADUATE_YEARS;
    if (years >= GRADUATE_YEARS && !anniversary) {
      return new NotEligibleError(
        'graduated_within_5_years',
        `College graduates are eligible within ${GRADUATE_YEARS} years of leaving school${leftOn ? ` (left on ${leftOn})` : ''}.`,
      );
    }
  }
  if (applicant.category === 'unemployed_youth' && ageOn(applicant.birthDate, today) >= YOUTH_AGE_LIMIT) {
    return new NotEligibleError('under_35', `Unemployed youth must be under ${YOUTH_AGE_LIMIT} on the day of submission.`);
  }
  return null;
}
