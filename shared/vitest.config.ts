import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The JSON report feeds the one-line summary of ./scripts/test.
    reporters: ['default', 'json'],
    outputFile: { json: '../.test-results/shared.json' },
  },
});
