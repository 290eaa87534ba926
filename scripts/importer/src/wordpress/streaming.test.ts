import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, expect, it, vi } from 'vitest';
import { generateWordPressExport, readWordPressExport } from './index.ts';

// A ~50 MB export generated on the fly: the reader must go through it with the heap bounded by
// the items in flight, not by the file. The heap is measured after a full GC at intervals, so
// what is counted is what the reader keeps, not garbage waiting for collection.

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-wxr-big-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('streams a 50 MB export with the heap bounded, yielding at the consumer’s pace', async () => {
  const file = path.join(tmp, 'big.xml');
  const generated = await generateWordPressExport(file, { targetBytes: 50 * 1024 * 1024 });
  expect(fs.statSync(file).size).toBe(generated.bytes);
  expect(generated.bytes).toBeGreaterThanOrEqual(50 * 1024 * 1024);

  gc();
  const baseline = process.memoryUsage().heapUsed;
  const started = performance.now();
  const { site, entries } = await readWordPressExport(file);
  expect(site.baseUrl).toBe('https://cus.generated.example');

  let items = 0;
  let skipped = 0;
  let peak = 0;
  let lastId = 0;
  for await (const entry of entries) {
    if (entry.kind === 'item') {
      items += 1;
      expect(entry.item.id).toBeGreaterThan(lastId);
      lastId = entry.item.id;
      if (items === 1) {
        expect(entry.item.featuredImage?.alt).toBe('Uczestnicy konferencji, zdjęcie 1');
        expect(entry.item.html.length).toBeGreaterThan(20_000);
      }
    } else if (entry.kind === 'skipped') skipped += 1;
    else throw new Error(entry.problem.message);
    if ((items + skipped) % 250 === 0) {
      // A consumer that awaits (as the importer does while it uploads) holds the reader back.
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  expect(items).toBe(generated.published);
  expect(skipped).toBe(generated.drafts + generated.attachments);
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  console.log(
    `WXR ${mb(generated.bytes)} MB, ${items} items: ${Math.round(items / seconds)} items/s (two passes, ${seconds.toFixed(1)} s), heap above baseline at most ${mb(peak)} MB`,
  );
  // Holding the file would take more than its size (Polish text is two bytes a character in V8).
  expect(peak).toBeLessThan(32 * 1024 * 1024);
});

it('reads no further than the consumer has asked, and lets go of the file when the consumer stops', async () => {
  const file = path.join(tmp, 'paced.xml');
  await generateWordPressExport(file, { targetBytes: 16 * 1024 * 1024, attachments: 2 });
  const streams: fs.ReadStream[] = [];
  const original = fs.createReadStream;
  const spy = vi.spyOn(fs, 'createReadStream').mockImplementation(((...args: Parameters<typeof original>) => {
    const stream = original(...args);
    streams.push(stream);
    return stream;
  }) as typeof original);
  try {
    const { entries } = await readWordPressExport(file);
    const iterator = entries[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toMatchObject({ kind: 'skipped', skipped: { id: 1, reason: 'załącznik (attachment)' } });
    // The consumer is busy. What is asserted is that nothing happens, so there is no condition
    // to await: 200 ms is ample for an eager reader to take the whole 16 MB from the page cache.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const pass2 = streams[1]!;
    expect(streams).toHaveLength(2);
    expect(pass2.bytesRead).toBeLessThan(1024 * 1024);
    await iterator.return?.();
    expect(pass2.destroyed).toBe(true);
  } finally {
    spy.mockRestore();
  }
});
