import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, type ConsoleBuild } from '../../functions/console/build';

const outdir = mkdtempSync(join(tmpdir(), 'fuhua-console-'));
let built: ConsoleBuild;

beforeAll(async () => {
  built = await buildConsole({ outdir, minify: true });
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the console bundle', () => {
  it('carries nothing server-side into the browser: no zod, no node:*, no AWS SDK', () => {
    const inputs = Object.keys(built.metafile.inputs);
    expect(inputs.some((input) => input.includes('functions/console/src/main.tsx'))).toBe(true);
    const leaks = inputs.filter((input) => /node_modules\/(zod|@aws-sdk|@smithy|hono|@hono)\//.test(input) || input.startsWith('node:'));
    expect(leaks).toEqual([]);
    for (const output of Object.values(built.metafile.outputs)) {
      expect(output.imports.filter((entry) => entry.external || entry.path.startsWith('node:'))).toEqual([]);
    }
  });

  it('only reuses shared modules that import nothing from Node', () => {
    // Pure rules the server and the console share: identity-number check characters, month arithmetic, the risk rules' names.
    const shared = Object.keys(built.metafile.inputs).filter((input) => input.startsWith('shared/'));
    expect(shared).toContain('shared/applicants/id-number.ts');
    expect(shared.filter((module) => !['shared/applicants/id-number.ts', 'shared/spaces/months.ts', 'shared/risk/rule-names.ts'].includes(module))).toEqual([]);
    for (const module of shared) expect(built.metafile.inputs[module]!.imports, module).toEqual([]);
  });

  it('loads each page as its own chunk, so the first page downloads little', () => {
    const entry = Object.entries(built.metafile.outputs).find(([, output]) => output.entryPoint?.endsWith('main.tsx'))!;
    const dynamic = entry[1].imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
    expect(dynamic.length).toBeGreaterThanOrEqual(8);
    expect(dynamic.some((path) => path.includes('application-'))).toBe(true);
    // The application wizard is not in the entry's static graph.
    expect(Object.keys(entry[1].inputs).some((input) => input.includes('pages/application'))).toBe(false);
  });

  it('keeps Chart.js out of every page until a chart is shown, and registers only the bar chart', () => {
    const entry = Object.entries(built.metafile.outputs).find(([, output]) => output.entryPoint?.endsWith('main.tsx'))!;
    expect(Object.keys(entry[1].inputs).some((input) => input.includes('node_modules/chart.js'))).toBe(false);
    const withChart = Object.entries(built.metafile.outputs).filter(([, output]) =>
      Object.keys(output.inputs).some((input) => input.includes('node_modules/chart.js')),
    );
    expect(withChart.length).toBeGreaterThan(0);
    for (const [, output] of withChart) {
      // Tree-shaken: no line, pie or radar controller rides along.
      expect(Object.keys(output.inputs).some((input) => /controller\.(line|pie|doughnut|radar)/.test(input))).toBe(false);
    }
  });

  it("keeps the staff workspaces' words out of what every visitor downloads first", () => {
    const outputs = built.metafile.outputs;
    const entry = Object.entries(outputs).find(([, output]) => output.entryPoint?.endsWith('main.tsx'))!;
    // The entry and everything it imports statically: what a founder's phone fetches before the first render.
    const initial = new Set<string>();
    const visit = (path: string) => {
      if (initial.has(path)) return;
      initial.add(path);
      for (const i of outputs[path]!.imports) if (i.kind === 'import-statement') visit(i.path);
    };
    visit(entry[0]);
    const inputs = [...initial].flatMap((path) => Object.keys(outputs[path]!.inputs));
    expect(inputs).toContain('functions/console/src/i18n/base.ts');
    expect(inputs.filter((input) => input.includes('i18n/workspaces/'))).toEqual([]);
    // Each workspace's words are a chunk of their own, fetched when someone acts in that role.
    const words = Object.values(outputs).filter((output) => output.entryPoint?.includes('i18n/workspaces/'));
    expect(words).toHaveLength(5);
  });

  it('writes index.html naming the hashed entry and stylesheet, and the assets beside it', () => {
    const html = new TextDecoder().decode(built.files.get('/index.html')!.contents);
    expect(html).toMatch(/<script type="module" src="\/assets\/main-[A-Z0-9]+\.js"><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/main-[A-Z0-9]+\.css">/);
    expect(html).toContain('lang="zh-CN"');
    expect(readdirSync(outdir)).toEqual(expect.arrayContaining(['index.html', 'assets']));
    // No web fonts and nothing fetched from elsewhere.
    const css = [...built.files].find(([path]) => path.endsWith('.css'))![1];
    expect(new TextDecoder().decode(css.contents)).not.toMatch(/@font-face|@import|https?:/);
  });
});
