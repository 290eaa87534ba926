import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeFolders, digestOfCode, entryCodeDigest } from '../src/loader/code-digest.ts';

// The digest of the code that makes stored entries: part of the store's version, so a static
// build's persistent store is read again whole when the contract or the body renderer changes.

let work: string;
afterEach(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the digest of the code that makes stored entries', () => {
  it('covers the built contract, the loader and the body renderer', () => {
    const folders = codeFolders();
    const covers = (file: string) => folders.some((dir) => fs.existsSync(path.join(dir, file)));
    expect(covers('contract/entries.js')).toBe(true);
    expect(covers('body-html.js')).toBe(true);
    expect(covers('typography.js')).toBe(true);
    expect(covers('media.ts')).toBe(true);
    expect(covers('strapi-loader.ts')).toBe(true);
    expect(entryCodeDigest()).toMatch(/^[0-9a-f]{40}$/);
  });

  it('moves with any change of a file, its name or a new file, and with nothing else', () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-code-digest-'));
    fs.mkdirSync(path.join(work, 'lib'));
    fs.writeFileSync(path.join(work, 'lib', 'body-html.ts'), 'export const a = 1;\n');
    fs.writeFileSync(path.join(work, 'lib', 'notes.md'), 'not code');
    const first = digestOfCode([work]);
    expect(digestOfCode([work])).toBe(first);
    fs.writeFileSync(path.join(work, 'lib', 'notes.md'), 'still not code');
    expect(digestOfCode([work])).toBe(first);
    fs.writeFileSync(path.join(work, 'lib', 'body-html.ts'), 'export const a = 2;\n');
    const edited = digestOfCode([work]);
    expect(edited).not.toBe(first);
    fs.renameSync(path.join(work, 'lib', 'body-html.ts'), path.join(work, 'lib', 'body.ts'));
    expect(digestOfCode([work])).not.toBe(edited);
    expect(digestOfCode([path.join(work, 'missing')])).toBe('');
  });
});
