import { describe, expect, it } from 'vitest';
import { fieldText, lang } from '../../../functions/console/src/i18n';
import { parseInput } from '../../../shared/http/route';
import type { ValidationError } from '../../../shared/errors';
import * as z from 'zod';

/** The field errors the API would answer for `value` against `schema`. */
function errorsOf(schema: z.ZodType, value: unknown) {
  try {
    parseInput(schema, value, 'body');
  } catch (error) {
    return (error as ValidationError).errors;
  }
  throw new Error('expected a validation error');
}

describe('field errors in the console', () => {
  const schema = z.strictObject({
    name: z.string().trim().min(1).max(5),
    bio: z.string().min(3).optional(),
    count: z.number().int().min(2).max(9),
    tags: z.array(z.string()).max(1).optional(),
    kind: z.enum(['desk', 'office']),
    day: z.iso.date(),
    plan: z.string().refine((s) => s.startsWith('P'), 'must start with P'),
  });

  it('are worded in Chinese from the kind of check the API says failed, with its bound', () => {
    lang.value = 'zh-CN';
    const errors = errorsOf(schema, { name: '', bio: 'x', count: 12, tags: ['a', 'b'], kind: 'sofa', day: '2026-13-40', plan: 'Q', extra: 1 });
    const by = Object.fromEntries(errors.map((e) => [e.field, fieldText(e)]));
    expect(by).toMatchObject({
      'body.name': '此项必填。',
      'body.bio': '至少 3 个字符。',
      'body.count': '不能大于 9。',
      'body.tags': '最多 1 项。',
      'body.kind': '请从列出的选项中选择。',
      'body.day': '格式不正确。',
      // A rule's own sentence is the API's.
      'body.plan': 'must start with P',
    });
    expect(Object.values(by)).toContain('含有无法识别的字段。');
    expect(fieldText(errorsOf(schema, { bio: 'abc', count: 3, kind: 'desk', day: '2026-01-01', plan: 'P' }).find((e) => e.field === 'body.name')!)).toBe(
      '此项必填。',
    );
  });

  it('and in English', () => {
    lang.value = 'en';
    const errors = errorsOf(schema, { name: 'abcdefgh', count: 1, kind: 'desk', day: '2026-01-01', plan: 'P' });
    expect(errors.map((e) => fieldText(e)).sort()).toEqual(['At least 2.', 'At most 5 characters.']);
    lang.value = 'zh-CN';
  });
});
