import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportBuildFailure, reportSearchDeferred } from '../src/loader/build-report';

// The build's report (SITE_BUILD_REPORT): what whoever runs the build reads as data instead of
// the log. Both integrations that write it run at the end of a build, in either order.

let work: string;
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

const setup = () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-build-report-'));
  const file = path.join(work, 'report.json');
  return { env: { SITE_BUILD_REPORT: file }, read: () => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
};

describe('the build report', () => {
  it('keeps a failure reported after the search index was deferred, and the first failure only', () => {
    const { env, read } = setup();
    reportSearchDeferred(1459, env);
    reportBuildFailure({ type: 'event', slug: 'zjazd', field: 'media', message: 'brak pliku' }, env);
    reportBuildFailure({ type: 'page', message: 'a consequence of the first' }, env);
    expect(read()).toEqual({
      search: { deferred: true, pagesInPreviousIndex: 1459 },
      failure: { type: 'event', slug: 'zjazd', field: 'media', message: 'brak pliku' },
    });
  });

  it('writes nothing without SITE_BUILD_REPORT (a developer\'s own astro build)', () => {
    const { read } = setup();
    reportSearchDeferred(10, {});
    reportBuildFailure({ type: 'event', message: 'x' }, {});
    expect(() => read()).toThrow(/ENOENT/);
  });
});
