import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linkPackages } from './renderer.ts';

// Where the publisher build runs from: the folder must exist before `astro build` is spawned in
// it (a spawn into a missing folder fails with ENOENT, as a fresh clone's first start did when
// the cache is site/.cache, which no build had made yet).

let work: string;
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

describe('linkPackages', () => {
  it('makes the build folder inside the site (no link needed there) and outside it (with a node_modules link)', () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-renderer-'));
    const siteDir = path.join(work, 'site');
    fs.mkdirSync(path.join(siteDir, 'node_modules'), { recursive: true });

    const inside = path.join(siteDir, '.cache', 'publisher');
    linkPackages(inside, siteDir);
    expect(fs.statSync(inside).isDirectory()).toBe(true);
    expect(fs.existsSync(path.join(inside, 'node_modules'))).toBe(false);

    const outside = path.join(work, 'cache', 'publisher');
    linkPackages(outside, siteDir);
    expect(fs.readlinkSync(path.join(outside, 'node_modules'))).toBe(path.join(siteDir, 'node_modules'));
  });
});
