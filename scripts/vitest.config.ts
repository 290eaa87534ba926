import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests sit beside the code: scripts/test is the test command itself.
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    // The JSON report feeds the one-line summary of ./scripts/test.
    reporters: ['default', 'json'],
    outputFile: { json: '../.test-results/scripts.json' },
  },
});
