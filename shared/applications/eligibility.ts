import { ageOn } from '../applicants/identity';
import type { Applicant } from '../applicants/schema';
import { dayOf, yearOf } from '../clock';
import { NotEligibleError } from '../errors';

/** A college graduate may apply in the year of graduation and the five years after it. */
export const GRADUATE_YEARS = 5;
/** Unemployed youth are those under 35 on the day they submit. */
export const YOUTH_AGE_LIMIT = 35;

/**
 * Why the applicant may not submit at `at`, or null. The third rule (one active application) is
 * enforced by a constraint item in the submission's transaction, not here, so it holds under races.
 */
export function eligibilityProblem(applicant: Applicant, at: Date): NotEligibleError | null {
  if (applicant.category === 'college_graduate') {
    const earliest = yearOf(at) - GRADUATE_YEARS;
    if (!applicant.graduation || applicant.graduation.year < earliest) {
      return new NotEligibleError(
        'graduated_within_5_years',
        `College graduates are eligible up to ${GRADUATE_YEARS} years after graduating (graduation year ${earliest} or later).`,
      );
    }
  }
  if (applicant.category === 'unemployed_youth' && ageOn(applicant.birthDate, dayOf(at)) >= YOUTH_AGE_LIMIT) {
    return new NotEligibleError('under_35', `Unemployed youth must be under ${YOUTH_AGE_LIMIT} on the day of submission.`);
  }
  return null;
}
