import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/api/routes';
import { buildOpenApiDocument } from '../../functions/docs/openapi';

const run = promisify(execFile);
const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const cli = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'fuhua-openapi-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
}

/** Redocly's recommended rules, offline: no telemetry, no update check, the repository's redocly.yaml. */
async function lint(document: unknown): Promise<LintReport> {
  const file = join(work, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const args = [cli, 'lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'json', '--max-problems', '10000'];
  const { stdout } = await run(process.execPath, args, { env, cwd: work, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string }) => ({
    stdout: error.stdout ?? '',
  }));
  return JSON.parse(stdout) as LintReport;
}

describe('the OpenAPI document, for the clients people generate from it', () => {
  it("passes Redocly's recommended rules with 0 errors and 0 warnings", async () => {
    const report = await lint(buildOpenApiDocument(routes));
    const found = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
    expect(found).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it('is linted for real: a document without servers, license and operationIds fails', async () => {
    const document = buildOpenApiDocument(routes) as unknown as {
      servers?: unknown;
      info: { license?: unknown };
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    delete document.servers;
    delete document.info.license;
    const first = Object.values(Object.values(document.paths)[0]!)[0]!;
    delete first.operationId;
    const report = await lint(document);
    expect(report.problems.map((p) => p.ruleId)).toEqual(expect.arrayContaining(['no-empty-servers', 'info-license', 'operation-operationId']));
  }, 60_000);

  it('gives every operation a unique camelCase operationId, and never renames one', () => {
    const ids = routes.map((route) => route.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['submitClaim', 'approvePayoutBatch']));
    // Published names stay: a route may be added (and its id added here), not renamed away.
    const published = readFileSync(join(root, 'test', 'infra', 'operation-ids.txt'), 'utf8')
      .trim()
      .split('\n');
    expect(published.filter((id) => !ids.includes(id))).toEqual([]);
    const document = buildOpenApiDocument(routes) as unknown as { paths: Record<string, Record<string, { operationId?: string }>> };
    const inDocument = Object.values(document.paths).flatMap((operations) => Object.values(operations).map((operation) => operation.operationId));
    expect(inDocument.sort()).toEqual([...ids].sort());
  });
});
