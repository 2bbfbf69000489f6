import { describe, expect, it } from 'vitest';
import { idNumberProblemOn, withCheckCharacter } from '../../../shared/applicants/id-number';
import { beijingToday, yuan } from '../../../functions/console/src/format';
import { incubationMonths } from '../../../functions/console/src/months';

describe('console formats', () => {
  it('shows fen as yuan with separators and two decimals', () => {
    expect(yuan(300000)).toBe('¥3,000.00');
    expect(yuan(5)).toBe('¥0.05');
    expect(yuan(123456789)).toBe('¥1,234,567.89');
    expect(yuan(-1050)).toBe('-¥10.50');
  });

  it('takes "today" in Beijing time: 16:30 UTC is already the next day', () => {
    expect(beijingToday(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(beijingToday(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31');
  });

  it('checks identity numbers in the browser with the rules the API uses', () => {
    const good = withCheckCharacter('51010719900307123');
    expect(idNumberProblemOn(good, '2026-12-03')).toBeNull();
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(idNumberProblemOn(wrong, '2026-12-03')).toBe('check_character');
    expect(idNumberProblemOn('5101071990030712', '2026-12-03')).toBe('shape');
    expect(idNumberProblemOn(withCheckCharacter('51010720300307123'), '2026-12-03')).toBe('birth_date_future');
  });

  it('lists the months of incubation up to the current one', () => {
    expect(incubationMonths({ incubationStart: '2026-10-15', incubationEnd: '2028-10-14' }, '2026-12-03')).toEqual(['2026-10', '2026-11', '2026-12']);
  });
});
