import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests sit beside the code: scripts/test is the test command itself.
    include: ['src/**/*.test.ts'],
    // A seeded CMS template for the tests that start a CMS (src/testing/global-setup.ts).
    globalSetup: ['src/testing/global-setup.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // The JSON report feeds the one-line summary of ./scripts/test.
    reporters: ['default', 'json'],
    outputFile: { json: '../.test-results/scripts.json' },
  },
});
