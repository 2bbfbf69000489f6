import { describe, expect, it } from 'vitest';
import { ageOn, birthDateOf, idNumberCheckCharacter, idNumberProblem, withCheckCharacter } from '../../shared/applicants/identity';
import { maskIdNumber, maskName } from '../../shared/privacy';

describe('identity numbers (GB 11643)', () => {
  it('computes the published check characters', () => {
    // Examples from the standard and its commonly cited worked examples.
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('44052418800101001')).toBe('4');
  });

  it('accepts a well-formed number and names what is wrong with a bad one', () => {
    const today = new Date('2026-06-01T00:00:00Z');
    expect(idNumberProblem('11010519491231002X', today)).toBeNull();
    expect(idNumberProblem('110105194912310021', today)).toContain('check character');
    expect(idNumberProblem('11010519491231002', today)).toContain('17 digits');
    expect(idNumberProblem(withCheckCharacter('11010519490230002'), today)).toContain('not a real date');
    expect(idNumberProblem(withCheckCharacter('11010520260601002'), today)).toContain('not in the past');
    expect(idNumberProblem(withCheckCharacter('11010520260531002'), today)).toBeNull();
  });

  it('reads the birth date', () => {
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateOf(withCheckCharacter('11010520000229002'))).toBe('2000-02-29');
    expect(birthDateOf(withCheckCharacter('11010519000229002'))).toBeNull();
  });

  it('counts age in whole years, turning 35 on the birthday', () => {
    expect(ageOn('1991-06-15', '2026-06-14')).toBe(34);
    expect(ageOn('1991-06-15', '2026-06-15')).toBe(35);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('masks to the first 3 and last 4 characters', () => {
    expect(maskIdNumber('51010519491231123X')).toBe('510***********123X');
  });

  it('masks names to the family name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });
});
