/**
 * How every Lambda function is bundled, in one place: the CDK construct (NodejsFunction, local
 * esbuild) and the benchmark (`npm run bench`) both build from these settings, so the benchmark
 * measures exactly what is deployed.
 *
 * Import rules that keep the API bundle small (checked by test/bench/bundle.test.ts):
 * - zod: `import * as z from 'zod'` (`import type * as z from 'zod'` for types only). Never
 *   `import * as z from 'zod'`: that object references every locale, and esbuild then keeps all of
 *   them (about +360 KB minified, +70% on the bundle).
 * - Never import `@hono/zod-openapi` from code the API function reaches (it does `{ z }` itself);
 *   the OpenAPI document is built by the docs function from the same route declarations.
 * - Local-only code (`infra/local`, `hono/jwt`) stays out of `shared/` and `functions/api/`.
 */
export const ESBUILD_TARGET = 'node22';

export const esbuildSettings = {
  bundle: true,
  platform: 'node' as const,
  format: 'esm' as const,
  target: ESBUILD_TARGET,
  minify: true,
  sourcemap: true,
  treeShaking: true,
  mainFields: ['module', 'main'],
  // The AWS SDK is bundled (not taken from the runtime) so that it is tree-shaken and pinned.
  external: [] as string[],
  // ESM bundles of CommonJS dependencies may call require(); give them one.
  banner: { js: "import { createRequire as __fuhuaCreateRequire } from 'node:module'; const require = __fuhuaCreateRequire(import.meta.url);" },
};

/**
 * The API's functions, one per domain (functions/api/domains/): each bundles only its own routes,
 * so a cold start loads one domain's code. A test checks this list against the domains.
 */
export const API_FUNCTION_DOMAINS = ['people', 'space', 'mentoring', 'money', 'documents', 'supervision'] as const;
export type ApiFunctionDomain = (typeof API_FUNCTION_DOMAINS)[number];
export const apiFunctionEntry = (domain: ApiFunctionDomain) => `functions/api/handlers/${domain}.ts`;

export const FUNCTION_ENTRIES = {
  docs: 'functions/docs/handler.ts',
  stream: 'functions/stream/handler.ts',
  reactions: 'functions/reactions/handler.ts',
  schedules: 'functions/schedules/handler.ts',
  postConfirmation: 'functions/auth/post-confirmation.ts',
  preToken: 'functions/auth/pre-token.ts',
} as const;
