import { signal } from '@preact/signals';
import { ACTIONS } from './actions';
import { ENUMS } from './enums';
import { EN, ZH, type MessageKey } from './messages';
import { PROBLEMS, RULES } from './problems';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'fuhua.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The language of the console: 简体中文 unless the person chose English (remembered). */
export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

const index = () => (lang.value === 'en' ? 1 : 0);

/** A string of the console, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = (lang.value === 'en' ? EN : ZH)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The words for an enum value of the API (a status, a category…); the raw value if unknown. */
export function enumText(value: string | undefined | null): string {
  if (value === undefined || value === null) return '';
  return ENUMS[value]?.[index()] ?? value;
}

/** The words for a problem code; undefined when the console has none (the API's detail is shown). */
export function problemText(code: string): string | undefined {
  return PROBLEMS[code]?.[index()];
}

/** The words for an audit action on a timeline; the raw action if unknown. */
export function actionText(action: string): string {
  return ACTIONS[action]?.[index()] ?? action;
}

export function ruleText(rule: string): string | undefined {
  return RULES[rule]?.[index()];
}

export { ACTIONS, ENUMS, PROBLEMS, RULES, ZH, EN };
export type { MessageKey };

interface FieldIssue {
  message: string;
  issue?: string;
  limit?: number;
  of?: string;
}

/**
 * A field's error in the console's language, from the kind of check that failed. A check the
 * console cannot word (a rule's own sentence) keeps the API's message.
 */
export function fieldText(error: FieldIssue): string {
  const n = error.limit ?? 0;
  switch (error.issue) {
    case 'too_small':
      if (error.of === 'string') return n <= 1 ? t('field.required') : t('field.tooShort', { n });
      if (error.of === 'array' || error.of === 'set') return t('field.tooFew', { n });
      return t('field.tooLow', { n });
    case 'too_big':
      if (error.of === 'string') return t('field.tooLong', { n });
      if (error.of === 'array' || error.of === 'set') return t('field.tooMany', { n });
      return t('field.tooHigh', { n });
    case 'invalid_type':
      return /received undefined/.test(error.message) ? t('field.required') : t('field.invalidType');
    case 'invalid_format':
      return t('field.invalidFormat');
    case 'invalid_value':
      return t('field.invalidValue');
    case 'unrecognized_keys':
      return t('field.unrecognized');
    default:
      return error.message;
  }
}
