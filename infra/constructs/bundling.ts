/**
 * How every Lambda function is bundled, in one place: the CDK construct (NodejsFunction, local
 * esbuild) and the benchmark (`npm run bench`) both build from these settings, so the benchmark
 * measures exactly what is deployed.
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

export const FUNCTION_ENTRIES = {
  api: 'functions/api/handler.ts',
  docs: 'functions/docs/handler.ts',
  stream: 'functions/stream/handler.ts',
  reactions: 'functions/reactions/handler.ts',
  schedules: 'functions/schedules/handler.ts',
  postConfirmation: 'functions/auth/post-confirmation.ts',
} as const;
