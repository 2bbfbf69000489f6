import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EN, ZH } from '../../../functions/console/src/i18n/messages';
import { ENUMS } from '../../../functions/console/src/i18n/enums';
import { PROBLEMS, RULES } from '../../../functions/console/src/i18n/problems';
import { routes } from '../../../functions/api/routes';
import { buildOpenApiDocument } from '../../../functions/docs/openapi';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(path) ? [path] : [];
  });
}

const serverSources = [...sources('shared'), ...sources('functions/api')].map((path) => readFileSync(path, 'utf8'));

/** Every problem code the API can answer: the code argument of an error's constructor, or a `code` default. */
function problemCodes(): Set<string> {
  const codes = new Set<string>(['BAD_REQUEST']);
  for (const text of serverSources) {
    for (const match of text.matchAll(/(?:\bsuper|Error)\((?:(?!Error\(|super\()[^;]|;(?!\s*\n)){0,300}?'([A-Z][A-Z0-9_]{3,})'/gs)) codes.add(match[1]!);
    for (const match of text.matchAll(/\bcode(?:: | = )'([A-Z][A-Z0-9_]{3,})'/g)) codes.add(match[1]!);
  }
  return codes;
}

/** Every rule a NOT_ELIGIBLE answer can name. */
function eligibilityRules(): Set<string> {
  const rules = new Set<string>();
  for (const text of serverSources) for (const match of text.matchAll(/NotEligibleError\(\s*'(\w+)'/g)) rules.add(match[1]!);
  return rules;
}

/** Every enum value anywhere in the OpenAPI document. */
function enumValues(): Set<string> {
  const values = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (Array.isArray(record.enum)) for (const value of record.enum) values.add(String(value));
    for (const child of Object.values(record)) walk(child);
  };
  walk(buildOpenApiDocument(routes));
  return values;
}

const missing = (keys: Iterable<string>, table: Record<string, readonly [string, string]>) =>
  [...keys].filter((key) => !table[key]?.[0]?.trim() || !table[key]?.[1]?.trim()).sort();

describe('the console speaks both languages', () => {
  it('has Chinese and English for every problem code the API can answer', () => {
    const codes = problemCodes();
    expect(codes.size).toBeGreaterThan(100);
    expect(codes).toContain('NOT_ELIGIBLE');
    expect(codes).toContain('ALREADY_SUBSIDISED');
    expect(missing(codes, PROBLEMS)).toEqual([]);
  });

  it('explains every NOT_ELIGIBLE rule in both languages', () => {
    const rules = eligibilityRules();
    expect(rules).toContain('under_35');
    expect(rules).toContain('graduated_within_5_years');
    expect(missing(rules, RULES)).toEqual([]);
  });

  it('has words for every enum value of the OpenAPI document', () => {
    const values = enumValues();
    expect(values).toContain('under_review');
    expect(values).toContain('waitlisted');
    expect(missing(values, ENUMS)).toEqual([]);
  });

  it('has every console string in both languages, none left empty', () => {
    expect(Object.keys(EN).sort()).toEqual(Object.keys(ZH).sort());
    for (const [key, text] of Object.entries(ZH)) {
      expect(text.trim(), key).not.toBe('');
      expect(EN[key as keyof typeof ZH].trim(), key).not.toBe('');
      // The same placeholders in both languages, so neither drops a number or a name.
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(EN[key as keyof typeof ZH]), key).toEqual(holes(text));
    }
  });

  it('defines each key once, so a workspace never silently replaces the words of another', () => {
    const files = ['functions/console/src/i18n/messages.ts', ...sources('functions/console/src/i18n/workspaces')];
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const path of files) {
      // Only the Chinese half of each file: English repeats every key by design.
      const text = readFileSync(path, 'utf8');
      const zh = text.slice(0, text.search(/\n(?:const BASE_EN|export const \w+_EN)\b/));
      for (const match of zh.matchAll(/^\s+'([\w.]+)':/gm)) {
        if (seen.has(match[1]!)) twice.push(`${match[1]} (${seen.get(match[1]!)} and ${path})`);
        seen.set(match[1]!, path);
      }
    }
    expect(seen.size).toBe(Object.keys(ZH).length);
    expect(twice).toEqual([]);
  });

  it('uses only keys that exist in the console source', () => {
    const used = new Set<string>();
    for (const path of sources('functions/console/src')) {
      if (path.includes('/i18n/') || path.endsWith('openapi.ts')) continue;
      for (const match of readFileSync(path, 'utf8').matchAll(/\bt\('([\w.]+)'/g)) used.add(match[1]!);
    }
    expect([...used].filter((key) => !(key in ZH)).sort()).toEqual([]);
  });
});
