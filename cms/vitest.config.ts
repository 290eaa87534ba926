import { defineConfig } from 'vitest/config';

// Each test file boots its own Strapi in a forked process: Strapi keeps global state and
// listens to process signals, which threads would share.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The JSON report feeds the one-line summary of ./scripts/test.
    reporters: ['default', 'json'],
    // Strapi logs every request: show logs only of tests that failed.
    silent: 'passed-only',
    outputFile: { json: '../.test-results/cms.json' },
  },
});
