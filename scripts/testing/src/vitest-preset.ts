import path from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { ROOT } from './paths.ts';

// One test configuration for the packages under scripts/: tests sit beside the code, each
// file in its own forked process (Strapi and servers keep process-wide state), long timeouts
// for real CMS starts and builds, and a JSON report per package in .test-results/<name>.json,
// which ./scripts/test adds up into its closing line (test-summary.ts).

export interface PresetOptions {
  /** The report's file name: .test-results/<name>.json. */
  name: string;
  /** Make a seeded CMS template once per run (global-setup.ts); tests `inject('templateDir')`. */
  cmsTemplate?: boolean;
  /** Test files, relative to the package (default src/**\/*.test.ts). */
  include?: string[];
}

export function vitestPreset({ name, cmsTemplate = false, include = ['src/**/*.test.ts'] }: PresetOptions): ViteUserConfig {
  return defineConfig({
    test: {
      include,
      globalSetup: cmsTemplate ? [path.join(import.meta.dirname, 'global-setup.ts')] : [],
      pool: 'forks',
      testTimeout: 120_000,
      hookTimeout: 240_000,
      // expect.poll waits for a browser or a service to catch up: 1 s (vitest's default) fails on
      // a 2-core machine running four packages' tests at once. A poll ends as soon as it holds.
      expect: { poll: { timeout: 15_000 } },
      reporters: ['default', 'json'],
      outputFile: { json: path.join(ROOT, '.test-results', `${name}.json`) },
    },
  });
}
