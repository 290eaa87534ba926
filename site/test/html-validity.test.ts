import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { formatVnu, htmlFilesIn, vnuErrors } from './helpers/vnu.ts';

// Every HTML file of the seed build through the W3C Nu HTML Checker: no errors. (The
// hostile-content build is checked the same way in hostile-content.test.ts.)

const dist = inject('distDir');

describe('HTML validity (W3C Nu HTML Checker)', () => {
  it('finds no error in any HTML file of the build', async () => {
    const files = htmlFilesIn(dist);
    expect(files.length).toBeGreaterThan(90);
    const started = Date.now();
    const errors = await vnuErrors(files, dist);
    console.log(`[html-validity] vnu checked ${files.length} HTML files in ${Date.now() - started} ms`);
    expect(formatVnu(errors)).toEqual([]);
  });

  it('is a check that can fail: a script after </html> and a duplicate id are reported with file and line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-vnu-'));
    try {
      const file = path.join(dir, 'bad.html');
      fs.writeFileSync(file, '<!doctype html>\n<html lang="pl"><head><title>x</title></head>\n<body><p id="a">a</p><p id="a">b</p></body></html>\n<script src="/x.js"></script>\n');
      const errors = await vnuErrors([file], dir);
      expect(errors.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/Duplicate ID/), expect.stringMatching(/Stray start tag .script/)]));
      expect(errors.every((e) => e.file === 'bad.html' && typeof e.line === 'number')).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
