/**
 * The unified social credit code of a registered business (GB 32100-2015): 18 characters over a
 * 31-character alphabet (digits and capitals without I, O, Z, S, V); the 18th is a check character
 * computed from the first 17 with fixed weights (3^i mod 31), so a mistyped code is caught at entry.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = new RegExp(`^[${CREDIT_CODE_ALPHABET}]{18}$`);

/** The GB 32100 check character of the first 17 characters. */
export function creditCodeCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((total, char, i) => {
    const value = CREDIT_CODE_ALPHABET.indexOf(char);
    if (value < 0) throw new RangeError(`"${char}" is not a credit-code character`);
    return total + value * WEIGHTS[i]!;
  }, 0);
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Why a credit code is invalid, or null when it is well formed and its check character matches. */
export function creditCodeProblem(code: string): string | null {
  if (!SHAPE.test(code)) return 'must be 18 characters of 0-9 and A-Y without I, O, S, V, Z';
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return 'check character does not match (GB 32100)';
  return null;
}

export function isCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** A complete credit code from its first 17 characters (tests, demo data). */
export function withCreditCheckCharacter(first17: string): string {
  return first17 + creditCodeCheckCharacter(first17);
}
