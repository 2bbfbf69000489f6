import { signal } from '@preact/signals';
import { ACTIONS } from './actions';
import { ENUMS } from './enums';
import { BASE_EN, BASE_ZH } from './base';
import type { MessageKey } from './messages';
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

/** A set of words in both languages, as each workspace's file gives them. */
export interface Words {
  zh: Readonly<Record<string, string>>;
  en: Readonly<Record<string, string>>;
}

/**
 * The words in the browser now: everyone's (`./base.ts`) from the start; a staff workspace's
 * arrive with it (`addWords`), so a founder's phone never downloads them.
 */
const words = { zh: { ...BASE_ZH } as Record<string, string>, en: { ...BASE_EN } as Record<string, string> };
const added = signal<ReadonlySet<string>>(new Set());

/** Fetches a set of words once; screens re-render when they arrive. */
export async function addWords(name: string, load: () => Promise<Words>): Promise<void> {
  if (added.value.has(name)) return;
  const more = await load();
  Object.assign(words.zh, more.zh);
  Object.assign(words.en, more.en);
  added.value = new Set([...added.value, name]);
}

/** Whether a set of words has arrived (read in render: the screen updates when it does). */
export function hasWords(name: string): boolean {
  return added.value.has(name);
}

/** A string of the console, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = (lang.value === 'en' ? words.en : words.zh)[key] ?? key;
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

export { ACTIONS, ENUMS, PROBLEMS, RULES };
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
