import { defineConfig } from 'vitest/config';

/**
 * Four projects, so the inner loop is fast: `unit` needs neither Java nor a local server (its
 * data paths are mocked: `npm run test:unit`, seconds), `infra` synthesizes the stacks and builds
 * the bundles (no Java either), `integration` runs against DynamoDB Local and the
 * S3-compatible server started once by the global setup, and `browser` drives Debian's Chromium
 * against the local app. `npm test` runs them all.
 */
const shared = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
  env: {
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  },
};
const unitSetup = ['test/setup/matchers.ts', 'test/setup/unit.ts'];
const dataPaths = { globalSetup: ['test/setup/global.ts'], setupFiles: ['test/setup/matchers.ts', 'test/setup/table.ts'] };

export default defineConfig({
  test: {
    pool: 'forks',
    // The JSON report lets CI print a one-line count ('N passed, N failed') after the run.
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    coverage: { provider: 'v8', include: ['shared/**', 'functions/**', 'infra/**'], reporter: ['text-summary', 'html'], reportsDirectory: '.coverage' },
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: unitSetup } },
      { test: { ...shared, name: 'infra', include: ['test/infra/**/*.test.ts', 'test/bench/**/*.test.ts'], setupFiles: unitSetup } },
      {
        test: {
          ...shared,
          ...dataPaths,
          name: 'integration',
          include: ['test/api/**/*.test.ts', 'test/workers/**/*.test.ts', 'test/integration/**/*.test.ts'],
        },
      },
      { test: { ...shared, ...dataPaths, name: 'browser', include: ['test/e2e/**/*.test.ts', 'test/console/**/*.test.ts'] } },
    ],
  },
});
