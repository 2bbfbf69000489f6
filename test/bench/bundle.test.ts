import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { API_DOMAINS } from '../../functions/api/domains';
import { v2Event } from '../support/lambda';
import { bundle, bundleApiFunctions, bundledInputs } from './build';
import { apiFunctionEntry } from '../../infra/constructs/bundling';

/**
 * Guards the API function's size where it is decided: how modules import their dependencies.
 * `npm run bench` measures the ratios (they move as modules are added); this test fails as soon as
 * an import undoes what keeps the bundle small.
 */
describe('the API function bundles', async () => {
  const functions = await bundleApiFunctions(false);
  const inputsOf = (domain: string) => bundledInputs(functions.find((fn) => fn.domain === domain)!.metafile);
  const inputs = functions.flatMap((fn) => bundledInputs(fn.metafile));

  it('carries only the English zod messages (zod is imported as a namespace)', () => {
    for (const fn of functions) {
      const locales = bundledInputs(fn.metafile).filter((path) => path.includes('zod/v4/locales/'));
      expect(
        locales.map((path) => path.split('/').pop()),
        fn.domain,
      ).toEqual(['en.js']);
    }
  });

  it('only the documents function carries the S3 client, one copy of it (package.json pins client-s3 to the version s3-presigned-post asks for)', () => {
    for (const fn of functions.filter((f) => f.domain !== 'documents')) {
      expect(
        bundledInputs(fn.metafile).filter((path) => path.includes('@aws-sdk/client-s3/')),
        fn.domain,
      ).toEqual([]);
    }
    const copies = new Set(
      inputsOf('documents')
        .filter((path) => path.includes('@aws-sdk/client-s3/'))
        .map((path) => path.slice(0, path.indexOf('@aws-sdk/client-s3/'))),
    );
    expect([...copies]).toEqual(['node_modules/']);
  });

  it('leaves the OpenAPI tooling, local-only code and the reactions (the workers run them) to other bundles', () => {
    expect(
      inputs.filter((path) =>
        /@hono\/zod-openapi|@asteasolutions|swagger-ui|hono\/dist\/(utils|middleware)\/jwt|infra\/local|shared\/reactions\.ts|\/reactions\.ts$/.test(path),
      ),
    ).toEqual([]);
  });

  it('each function carries only its own domain’s routes', () => {
    expect(inputsOf('space').filter((path) => /functions\/api\/routes\/(loans|payouts|events|applications)\.ts/.test(path))).toEqual([]);
    expect(inputsOf('money').filter((path) => /functions\/api\/routes\/(communities|events|documents|audit)\.ts/.test(path))).toEqual([]);
  });

  // package.json's sideEffects lets esbuild drop modules a function re-exports through a front door but never uses;
  // a module that works by being imported (a reactions file) must stay. Each bundle is run, not only read.
  it('each bundle, loaded in a fresh Node process as Lambda does, answers a request to one of its routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuhua-bundle-run-'));
    try {
      const secrets = join(dir, 'secrets.json');
      writeFileSync(secrets, JSON.stringify({ idNumberKey: Buffer.alloc(32, 1).toString('base64'), dataKey: Buffer.alloc(32, 2).toString('base64') }));
      for (const [domain, routes] of Object.entries(API_DOMAINS)) {
        // A route for signed-in users, called without a token: the app, its validation and its problem answers, no DynamoDB.
        const route = routes.find((r) => r.access !== 'public' && !r.path.includes('{') && r.method === 'get')!;
        const built = await bundle(`run-${domain}`, apiFunctionEntry(domain as never));
        const event = v2Event('GET', route.path);
        const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(resolve(built.file)).href)});
          const answer = await handler(${JSON.stringify(event)}, { functionName: 'api-${domain}', awsRequestId: 'r-1' });
          process.stdout.write(JSON.stringify(answer));`;
        const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
          encoding: 'utf8',
          env: { ...process.env, TABLE_NAME: 'fuhua-test', AWS_REGION: 'ap-east-1', FUHUA_SECRETS_FILE: secrets, POWERTOOLS_LOG_LEVEL: 'SILENT' },
        });
        expect(child.status, `${domain}: ${child.stderr}`).toBe(0);
        const answer = JSON.parse(child.stdout) as { statusCode: number; body: string };
        expect(answer.statusCode, `${domain} GET ${route.path}`).toBe(401);
        expect(JSON.parse(answer.body).code, domain).toBe('UNAUTHORIZED');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the reactions of every module in the reactions function', async () => {
    const reactions = await bundle('run-reactions', 'functions/reactions/handler.ts', false);
    const kept = bundledInputs(reactions.metafile).filter((path) => /^shared\/[a-z-]+\/reactions\.ts$/.test(path));
    expect(kept.sort()).toEqual(['shared/mentors/reactions.ts', 'shared/risk/reactions.ts', 'shared/spaces/reactions.ts']);
  });
});
