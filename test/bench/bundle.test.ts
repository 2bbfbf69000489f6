import { describe, expect, it } from 'vitest';
import { bundleApi, bundleBaseline, bundledInputs } from './build';

/**
 * Guards the API function's size where it is decided: how modules import their dependencies.
 * `npm run bench` measures the figures; this test fails as soon as a change undoes them.
 */
describe('the API function bundle', async () => {
  const [api, baseline] = await Promise.all([bundleApi(false), bundleBaseline(false)]);
  const inputs = bundledInputs(api.metafile);

  it('carries only the English zod messages (zod is imported as a namespace)', () => {
    const locales = inputs.filter((path) => path.includes('zod/v4/locales/'));
    expect(locales.map((path) => path.split('/').pop())).toEqual(['en.js']);
  });

  it('leaves the OpenAPI tooling and local-only code to other bundles', () => {
    expect(inputs.filter((path) => /@hono\/zod-openapi|@asteasolutions|swagger-ui|hono\/dist\/(utils|middleware)\/jwt|infra\/local/.test(path))).toEqual([]);
  });

  it('stays within 1.5 times a bare Hono handler with a DynamoDB client', () => {
    expect(api.bytes / baseline.bytes).toBeLessThanOrEqual(1.5);
  });
});
