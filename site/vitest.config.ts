import { defineConfig } from 'vitest/config';

// The site's tests run against real parts: global-setup.ts makes a seeded CMS template,
// starts the CMS from it and builds the site once; tests that change content start their own CMS.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // expect.poll waits for the browser to catch up (search results): vitest's 1 s default fails on a
    // loaded 2-core CI machine. A poll still ends as soon as it holds.
    expect: { poll: { timeout: 15_000 } },
    reporters: ['default', 'json'],
    outputFile: { json: '../.test-results/site.json' },
  },
});
