import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run lint` fails on a deep import, a cycle and a skipped test: the repository's own
 * .dependency-cruiser.cjs and biome.json, run on a few files planted in a temporary folder (removed
 * afterwards), report each of them; and dependency-cruiser really reads this repository's .ts files.
 */
const root = resolve(import.meta.dirname, '../..');
const depcruise = (cwd: string, outputType: 'json' | 'err', ...args: string[]) =>
  spawnSync(
    process.execPath,
    [
      '--import',
      join(root, 'infra/lint/typescript-for-depcruise.mjs'),
      join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      '--config',
      join(root, '.dependency-cruiser.cjs'),
      '--output-type',
      outputType,
      '--no-progress',
      ...args,
    ],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );

interface Violation {
  rule: { name: string; severity: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

const planted = mkdtempSync(join(tmpdir(), 'fuhua-imports-'));
afterAll(() => rmSync(planted, { recursive: true, force: true }));
const plant = (path: string, text: string) => {
  mkdirSync(dirname(join(planted, path)), { recursive: true });
  writeFileSync(join(planted, path), text);
};

describe('the import rules of npm run lint', () => {
  it('reads the repository’s .ts files and resolves their imports to files', () => {
    const result = depcruise(root, 'json', 'functions/reactions/registry.ts');
    expect(result.status, result.stderr).toBe(0);
    const registry = JSON.parse(result.stdout).modules.find((m: { source: string }) => m.source === 'functions/reactions/registry.ts');
    expect(registry.dependencies.map((d: { resolved: string }) => d.resolved)).toContain('shared/risk/reactions.ts');
    expect(registry.dependencies.filter((d: { couldNotResolve: boolean }) => d.couldNotResolve)).toEqual([]);
  });

  it('reports a deep import, a file cycle, a module cycle and a kernel file importing a module', () => {
    plant('shared/ids.ts', "import { listThings } from './things';\nexport const id = (): string => listThings().join();\n");
    plant('shared/things/index.ts', "export { listThings } from './service';\n");
    plant('shared/things/service.ts', "import { readThings } from './repository';\nexport const listThings = (): string[] => readThings();\n");
    plant('shared/things/repository.ts', "import type { Other } from '../others';\nexport const readThings = (): Other[] => ['a'];\n");
    plant(
      'shared/others/index.ts',
      "import { readThings } from '../things/repository';\nexport type Other = string;\nexport const count = (): number => readThings().length;\n",
    );
    plant('shared/others/a.ts', "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
    plant('shared/others/b.ts', "import type { a } from './a';\nexport const b = (): number => 0;\nexport type A = typeof a;\n");
    plant('functions/api/routes/things.ts', "import { readThings } from '../../../shared/things/repository';\nexport const all = readThings;\n");

    const result = depcruise(planted, 'json', 'shared', 'functions');
    const violations: Violation[] = JSON.parse(result.stdout).summary.violations;
    const found = (rule: string) => violations.filter((v) => v.rule.name === rule).map((v) => `${v.from} → ${v.to}`);
    expect(found('module-front-door')).toEqual(['shared/others/index.ts → shared/things/repository.ts']);
    expect(found('functions-front-door')).toEqual(['functions/api/routes/things.ts → shared/things/repository.ts']);
    expect(found('kernel-imports-no-module')).toEqual(['shared/ids.ts → shared/things/index.ts']);
    expect(found('no-cycle')).toEqual(expect.arrayContaining(['shared/others/a.ts → shared/others/b.ts']));
    expect(found('no-module-cycle')).toEqual(expect.arrayContaining(['shared/others → shared/things']));
    // Each is an error, which fails the command npm run lint runs.
    expect(depcruise(planted, 'err', 'shared', 'functions').status).toBeGreaterThan(0);
    for (const rule of ['module-front-door', 'functions-front-door', 'no-cycle', 'no-module-cycle', 'kernel-imports-no-module']) {
      expect(violations.find((v) => v.rule.name === rule)?.rule.severity, rule).toBe('error');
    }
  });

  it('reports a module writing a transaction without commit() (only shared/db and shared/audit use transact)', () => {
    const dir = join(planted, 'writes');
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    put('shared/db/write.ts', 'export const transact = async (items: unknown[]): Promise<void> => void items;\n');
    put('shared/db/transact.ts', 'export type TxItem = { Put?: unknown };\n');
    put('shared/audit/service.ts', "import { transact } from '../db/write';\nexport const commit = (items: unknown[]) => transact(items);\n");
    put('shared/things/index.ts', "export { save } from './service';\n");
    put(
      'shared/things/service.ts',
      "import type { TxItem } from '../db/transact';\nimport { transact } from '../db/write';\nexport const save = (item: TxItem) => transact([item]);\n",
    );
    put('infra/seed.ts', "import { transact } from '../shared/db/write';\nexport const seed = () => transact([]);\n");
    const result = depcruise(dir, 'json', 'shared', 'infra');
    const violations: Violation[] = JSON.parse(result.stdout).summary.violations;
    expect(
      violations
        .filter((v) => v.rule.name === 'only-audited-writes')
        .map((v) => `${v.from} → ${v.to}`)
        .sort(),
    ).toEqual(['infra/seed.ts → shared/db/write.ts', 'shared/things/service.ts → shared/db/write.ts']);
    expect(violations.find((v) => v.rule.name === 'only-audited-writes')?.rule.severity).toBe('error');
  });

  it('reports a skipped test (biome.json)', () => {
    const dir = join(planted, 'biome');
    mkdirSync(join(dir, 'test'), { recursive: true });
    copyFileSync(join(root, 'biome.json'), join(dir, 'biome.json'));
    writeFileSync(join(dir, 'test/planted.test.ts'), "import { it } from 'vitest';\n\nit.skip('is not run', () => {});\n");
    let output = '';
    try {
      execFileSync(join(root, 'node_modules/.bin/biome'), ['lint', '--vcs-enabled=false', '--reporter=json', 'test'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      output = (error as { stdout: string }).stdout;
    }
    expect(output, 'biome lint should have failed').not.toBe('');
    expect(JSON.parse(output).diagnostics.map((d: { category: string }) => d.category)).toEqual(['lint/suspicious/noSkippedTests']);
  });
});
