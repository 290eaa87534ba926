import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { makeSeededTemplate } from './cms-process.ts';

// Once per test run of this package: a CMS database and uploads holding the seed reports,
// which tests copy to start a CMS of their own (makeSeededTemplate runs the real seed import).

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string;
  }
}

export default async function setup(project: TestProject) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-scripts-tests-'));
  const template = await makeSeededTemplate(path.join(work, 'template'));
  project.provide('templateDir', template.dir);
  return () => fs.rmSync(work, { recursive: true, force: true });
}
