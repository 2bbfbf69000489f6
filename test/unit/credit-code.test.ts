import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CREDIT_CODE_ALPHABET, creditCodeCheckCharacter, creditCodeProblem, isCreditCode, withCreditCheckCharacter } from '../../shared/startups/credit-code';

// Codes of real registered businesses, as printed on their licences.
const REAL = ['91350100M000100Y43', '91110000600037341L', '91440300708461136T'];

describe('unified social credit code (GB 32100)', () => {
  it('accepts codes of real businesses', () => {
    for (const code of REAL) expect(creditCodeProblem(code)).toBeNull();
  });

  it('computes the check character from the first 17 characters', () => {
    for (const code of REAL) expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it('maps a remainder of zero to the character 0', () => {
    // 17 zeros weigh nothing: 31 - 0 = 31 ≡ 0.
    expect(creditCodeCheckCharacter('0'.repeat(17))).toBe('0');
  });

  it('refuses a code whose check character is wrong', () => {
    const wrong = REAL[0]!.slice(0, 17) + (REAL[0]![17] === '3' ? '4' : '3');
    expect(creditCodeProblem(wrong)).toContain('check character');
  });

  it('refuses the wrong length and letters outside the alphabet (I, O, S, V, Z)', () => {
    expect(creditCodeProblem(REAL[0]!.slice(0, 17))).toContain('18 characters');
    expect(creditCodeProblem(`${REAL[0]!}0`)).toContain('18 characters');
    for (const letter of ['I', 'O', 'S', 'V', 'Z']) expect(isCreditCode(`${letter}${REAL[0]!.slice(1)}`)).toBe(false);
    expect(isCreditCode(REAL[0]!.toLowerCase())).toBe(false);
  });

  it('catches every single-character typo', () => {
    const body = fc.string({ unit: fc.constantFrom(...CREDIT_CODE_ALPHABET), minLength: 17, maxLength: 17 });
    fc.assert(
      fc.property(body, fc.nat(16), fc.constantFrom(...CREDIT_CODE_ALPHABET), (first17, position, replacement) => {
        const code = withCreditCheckCharacter(first17);
        expect(isCreditCode(code)).toBe(true);
        const typo = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(isCreditCode(typo)).toBe(typo === code);
      }),
    );
  });
});
