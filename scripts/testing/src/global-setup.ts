import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { seededTemplate } from './cms-process.ts';

// Once per test run of this package: a CMS database and uploads holding the seed reports,
// which tests copy to start a CMS of their own (the real seed import; shared by every package
// under ./scripts/test, see seededTemplate).

export default async function setup(project: TestProject) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-tests-'));
  const template = await seededTemplate(path.join(work, 'template'));
  project.provide('templateDir', template.dir);
  return () => fs.rmSync(work, { recursive: true, force: true });
}
