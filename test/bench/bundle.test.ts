import { describe, expect, it } from 'vitest';
import { bundleApi, bundledInputs } from './build';

/**
 * Guards the API function's size where it is decided: how modules import their dependencies.
 * `npm run bench` measures the ratios (they move as modules are added); this test fails as soon as
 * an import undoes what keeps the bundle small.
 */
describe('the API function bundle', async () => {
  const api = await bundleApi(false);
  const inputs = bundledInputs(api.metafile);

  it('carries only the English zod messages (zod is imported as a namespace)', () => {
    const locales = inputs.filter((path) => path.includes('zod/v4/locales/'));
    expect(locales.map((path) => path.split('/').pop())).toEqual(['en.js']);
  });

  it('carries one copy of the S3 client (package.json pins client-s3 to the version s3-presigned-post asks for)', () => {
    const copies = new Set(inputs.filter((path) => path.includes('@aws-sdk/client-s3/')).map((path) => path.slice(0, path.indexOf('@aws-sdk/client-s3/'))));
    expect([...copies]).toEqual(['node_modules/']);
  });

  it('leaves the OpenAPI tooling and local-only code to other bundles', () => {
    expect(inputs.filter((path) => /@hono\/zod-openapi|@asteasolutions|swagger-ui|hono\/dist\/(utils|middleware)\/jwt|infra\/local/.test(path))).toEqual([]);
  });
});
