import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveContentFile, liveContentOf } from './content-versions.ts';

// The live record keeps each entry's version and when the release that first carried that
// version went live: what the admin's "Na stronie od 12:03" is made of.

describe('the live content record', () => {
  const content = (events: Record<string, string>) => ({ digest: JSON.stringify(events), entries: Object.keys(events).length, versions: { events } });

  it('keeps the time an unchanged entry went live, and gives new and changed ones the new release’s time', () => {
    const first = liveContentOf(content({ a: '2026-12-01T10:00:00.000Z', b: '2026-12-01T10:00:00.000Z' }), 'r1', null, '2026-12-01T10:01:00.000Z');
    expect(first.versions!.events!.a).toEqual(['2026-12-01T10:00:00.000Z', '2026-12-01T10:01:00.000Z']);
    const second = liveContentOf(
      content({ a: '2026-12-01T10:00:00.000Z', b: '2026-12-01T11:00:00.000Z', c: '2026-12-01T11:00:00.000Z' }),
      'r2',
      first,
      '2026-12-01T11:01:00.000Z',
    );
    expect(second.versions!.events).toEqual({
      a: ['2026-12-01T10:00:00.000Z', '2026-12-01T10:01:00.000Z'],
      b: ['2026-12-01T11:00:00.000Z', '2026-12-01T11:01:00.000Z'],
      c: ['2026-12-01T11:00:00.000Z', '2026-12-01T11:01:00.000Z'],
    });
    expect(second).toMatchObject({ release: 'r2', recordedAt: '2026-12-01T11:01:00.000Z' });
  });

  it('is written and read back whole, and a rewrite is seen at once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-live-'));
    try {
      const file = new LiveContentFile(path.join(dir, 'live-content.json'));
      expect(file.read()).toBeNull();
      const one = liveContentOf(content({ a: '2026-12-01T10:00:00.000Z' }), 'r1', null);
      file.write(one);
      expect(file.read()).toEqual(one);
      const two = liveContentOf(content({ a: '2026-12-02T10:00:00.000Z' }), 'r2', one);
      file.write(two);
      expect(file.read()).toEqual(two);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
