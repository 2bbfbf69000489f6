import { describe, expect, it } from 'vitest';
import { bundleApiFunctions, bundledInputs } from './build';

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
});
