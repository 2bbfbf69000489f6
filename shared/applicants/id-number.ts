/**
 * The rules of a resident identity number (GB 11643) that need nothing but the number: the console
 * checks them as the person types, the API checks them again. No Node imports here, so the
 * browser bundle can use this module.
 */
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

export type IdNumberProblem = 'shape' | 'check_character' | 'birth_date' | 'birth_date_future';

/** What is wrong with an identity number, or null when it is well formed and born before `today` (`YYYY-MM-DD`). */
export function idNumberProblemOn(idNumber: string, today: string): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return 'shape';
  if (idNumberCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return 'check_character';
  const birthDate = birthDateOf(idNumber);
  if (!birthDate) return 'birth_date';
  if (birthDate >= today) return 'birth_date_future';
  return null;
}

/** Whole years between a birth date and a day (both `YYYY-MM-DD`): 35 on the 35th birthday. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A complete identity number from its first 17 digits (region, birth date, sequence). */
export function withCheckCharacter(first17: string): string {
  return first17 + idNumberCheckCharacter(first17);
}
