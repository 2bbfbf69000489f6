import { FundEntry } from '../../../shared/loan-desk/schema';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../functions/console/src/i18n/actions';
import { EN, ZH } from '../../../functions/console/src/i18n/messages';
import { ENUMS } from '../../../functions/console/src/i18n/enums';
import { PROBLEMS, RULES } from '../../../functions/console/src/i18n/problems';
import { routes } from '../../../functions/api/routes';
import { RISK_RULES } from '../../../shared/risk/rule-names';
import { buildOpenApiDocument } from '../../../functions/docs/openapi';
import { ChangeRequestStatus } from '../../../shared/applicants/change-request-schema';
import { FactKind } from '../../../shared/businesses/schema';
import { canMove } from '../../../shared/startups/lifecycle';
import { StartupStatus } from '../../../shared/startups/schema';
import { ResolveObjection } from '../../../shared/claims/schema';

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

/** Every source that can write an audit record: the modules and every function but the console. */
const auditSources = [...sources('shared'), ...sources('functions').filter((path) => !path.startsWith(join('functions', 'console')))].map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));

/**
 * The literal strings a helper that builds an action is called with, in one file: the argument
 * `pick` captures, or both branches when it is `cond ? 'a' : 'b'` (never the condition's own strings).
 */
function calledWith(path: string, pick: RegExp, required = true): string[] {
  const text = readFileSync(path, 'utf8');
  const values = [...text.matchAll(pick)].flatMap((match) => {
    const argument = match[1]!;
    return [...argument.slice(argument.lastIndexOf('?') + 1).matchAll(/'(\w+)'/g)].map((m) => m[1]!);
  });
  if (required) expect(values, `${path}: ${pick}`).not.toEqual([]);
  return values;
}

/** The actions the server builds from a value: each template as written, and every value it can take. */
function templateActions(): Record<string, readonly string[]> {
  return {
    // applicationAudit(ctx, 'created' | …); decideApplication passes `to`, which is 'approved' or 'rejected'.
    'application.${action}': [
      ...calledWith('shared/applications/service.ts', /\bapplicationAudit\(\s*ctx,\s*([^,]+),/g),
      ...calledWith('shared/applications/review.ts', /\bapplicationAudit\(\s*ctx,\s*([^,]+),/g),
      'approved',
      'rejected',
    ],
    'business.${action}': calledWith('shared/businesses/service.ts', /\baudit\(\s*ctx,\s*([^,]+),/g),
    'startup.job_report_${action}': calledWith('shared/startups/job-reports.ts', /\baudit\(\s*ctx,\s*([^,]+),/g),
    'loanApplication.${action}': calledWith('shared/loan-desk/service.ts', /\bstep\(\s*ctx,\s*id,\s*(?:'\w+'|\[[^\]]*\]),\s*([^,]+),/g),
    // moneyWrites in shared/loan-desk/fund.ts: one action per kind of fund entry.
    'guaranteeFund.${entry.kind}': FundEntry.shape.kind.options,
    'waitlist.left.${why}': auditSources.flatMap(({ path }) => calledWith(path, /\bleftWaitlistWrites\(\s*ctx,\s*\w+,\s*('\w+')\)/g, false)),
    'startup.fact_${input.kind}': FactKind.options,
    'objection.${input.decision}': ResolveObjection.shape.decision.options,
    // decideChange: the request becomes 'approved' or 'rejected', never 'pending' again.
    'applicant.change_${decided.status}': ChangeRequestStatus.options.filter((status) => status !== 'pending'),
    // moveStartup: every status some status may move to.
    'startup.${to}': StartupStatus.options.filter((to) => StartupStatus.options.some((from) => canMove(from, to))),
    // moveEvent's Transition in shared/programme-events/service.ts (not exported).
    'event.${to}': ['published', 'closed', 'completed', 'cancelled'],
    // registerForEvent in shared/programme-events/registration.ts: `full ? 'waitlisted' : 'registered'`.
    'eventRegistration.${registration.status}': ['registered', 'waitlisted'],
  };
}

/**
 * Every action the server can write in an audit record: the `action` of each auditRecord() call,
 * a literal, either branch of `cond ? 'a' : 'b'`, or a template expanded from the values it can take.
 * An action written any other way, or a template this test does not know, fails the test.
 */
function auditActions(): { actions: Set<string>; unknown: string[] } {
  const templates = templateActions();
  const actions = new Set<string>();
  const unknown: string[] = [];
  for (const { path, text } of auditSources) {
    for (const call of text.matchAll(/\bauditRecord\((?!ctx: Ctx)/g)) {
      const expression = /^\(\s*ctx,\s*\{\s*action:\s*([^,\n]+),/.exec(text.slice(call.index + 'auditRecord'.length))?.[1];
      const literals = expression?.match(/^(?:[\w.!=' ]+ \? )?'([\w.]+)'(?: : '([\w.]+)')?$/);
      const template = expression?.match(/^`([\w.]*)\$\{[\w.]+\}([\w.]*)`$/);
      if (literals) for (const action of literals.slice(1)) action && actions.add(action);
      else if (template && expression!.slice(1, -1) in templates) {
        for (const value of templates[expression!.slice(1, -1)]!) actions.add(`${template[1]}${value}${template[2]}`);
      } else unknown.push(`${path}: ${expression ?? text.slice(call.index, call.index + 60)}`);
    }
  }
  return { actions, unknown };
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

  it('has words in both languages for every action the API can write in the audit trail', () => {
    const { actions, unknown } = auditActions();
    expect(unknown).toEqual([]);
    expect(actions.size).toBeGreaterThan(100);
    for (const known of [
      'claim.verified',
      'payoutBatch.approved',
      'payoutBatch.first_approval',
      'document.available',
      'business.submitted',
      'startup.fact_founder_social_insurance',
      'objection.upheld',
      'application.approved',
      'loanApplication.bank_declined',
      'waitlist.left.left_incubation',
      'startup.graduated',
    ]) {
      expect(actions, known).toContain(known);
    }
    expect(missing(actions, ACTIONS)).toEqual([]);
    // and no words for an action the API no longer writes
    expect(Object.keys(ACTIONS).filter((action) => !actions.has(action))).toEqual([]);
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
    const files = ['functions/console/src/i18n/base.ts', ...sources('functions/console/src/i18n/workspaces')];
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

  it("words every risk rule's alert from its facts, in both languages, not the API's English", () => {
    const component = readFileSync('functions/console/src/components/alert-summary.tsx', 'utf8');
    const unworded = RISK_RULES.filter((rule) => !(`alert.${rule}` in ZH) || !(`alert.${rule}` in EN) || !component.includes(`case '${rule}':`));
    expect(unworded).toEqual([]);
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
