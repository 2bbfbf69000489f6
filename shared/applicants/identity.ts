import { createHmac } from 'node:crypto';
import { dayOf } from '../clock';
import { secrets } from '../secrets';
import { idNumberProblemOn, type IdNumberProblem } from './id-number';

export { ageOn, birthDateOf, idNumberCheckCharacter, withCheckCharacter } from './id-number';

const MESSAGES: Record<IdNumberProblem, string> = {
  shape: 'must be 17 digits followed by a digit or X',
  check_character: 'check character does not match (GB 11643)',
  birth_date: 'embedded birth date is not a real date',
  birth_date_future: 'embedded birth date is not in the past',
};

/** Why an identity number is invalid, or null when it is a well-formed number born before `today`. */
export function idNumberProblem(idNumber: string, today: Date): string | null {
  const problem = idNumberProblemOn(idNumber, dayOf(today));
  return problem ? MESSAGES[problem] : null;
}

/**
 * A keyed fingerprint of an identity number: equal numbers give equal fingerprints, so one profile
 * per person can be enforced, but the number cannot be read back from the table.
 */
export async function idNumberFingerprint(idNumber: string): Promise<string> {
  const { idNumberKey } = await secrets();
  return createHmac('sha256', Buffer.from(idNumberKey, 'base64')).update(idNumber.toUpperCase()).digest('hex');
}
