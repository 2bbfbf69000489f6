import { createHmac } from 'node:crypto';
import { dayOf } from '../clock';
import { secrets } from '../secrets';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i]!, 0);
  return CHECK_CHARACTERS[sum % 11]!;
}

/** The birth date (`YYYY-MM-DD`) embedded in an identity number, or null when it is not a real date. */
export function birthDateOf(idNumber: string): string | null {
  const [y, m, d] = [idNumber.slice(6, 10), idNumber.slice(10, 12), idNumber.slice(12, 14)].map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
  return real ? date.toISOString().slice(0, 10) : null;
}

/** Why an identity number is invalid, or null when it is a well-formed number born before `today`. */
export function idNumberProblem(idNumber: string, today: Date): string | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return 'must be 17 digits followed by a digit or X';
  if (idNumberCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return 'check character does not match (GB 11643)';
  const birthDate = birthDateOf(idNumber);
  if (!birthDate) return 'embedded birth date is not a real date';
  if (birthDate >= dayOf(today)) return 'embedded birth date is not in the past';
  return null;
}

/** Whole years between a birth date and a day (both `YYYY-MM-DD`): 35 on the 35th birthday. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * A keyed fingerprint of an identity number: equal numbers give equal fingerprints, so one profile
 * per person can be enforced, but the number cannot be read back from the table.
 */
export async function idNumberFingerprint(idNumber: string): Promise<string> {
  const { idNumberKey } = await secrets();
  return createHmac('sha256', Buffer.from(idNumberKey, 'base64')).update(idNumber.toUpperCase()).digest('hex');
}

/** A complete identity number from its first 17 digits (region, birth date, sequence). */
export function withCheckCharacter(first17: string): string {
  return first17 + idNumberCheckCharacter(first17);
}
