import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInternalLinks } from './internal-links.ts';

// The link check that guards every deploy: fragments must name an id of their page, and no
// href an editor could produce may make the check itself throw.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-links-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function page(rel: string, body: string) {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `<!doctype html><html lang="pl"><body>${body}</body></html>`);
}

describe('checkInternalLinks', () => {
  it('accepts fragments naming an id of the page and reports those that do not', () => {
    page('a/index.html', '<h2 id="program">Program</h2><a href="#program">p</a><a href="#brak">b</a><a href="/a/">a</a><a href="/nie-ma/">x</a>');
    const report = checkInternalLinks(dir);
    expect(report.broken).toEqual([
      { page: '/a/index.html', target: '#brak' },
      { page: '/a/index.html', target: '/nie-ma/' },
    ]);
  });

  it('reports a malformed escape in a fragment or path instead of throwing', () => {
    fs.rmSync(dir, { recursive: true, force: true });
    page('b/index.html', '<a href="#%E0%A4%A">x</a><a href="/%E0%A4%A/">y</a><a href="mailto:a@b.pl">m</a><a href="https://example.org/">e</a>');
    const report = checkInternalLinks(dir);
    expect(report.broken.map((b) => b.target)).toEqual(['#%E0%A4%A', '/%E0%A4%A/']);
    expect(report.links).toBe(2);
  });
});
