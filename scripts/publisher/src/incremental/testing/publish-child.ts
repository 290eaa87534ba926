import { createIncrementalPublisher, type IncrementalPublisherConfig } from '../publisher.ts';

// A publisher in a process of its own, for the crash test (crash.test.ts): it reconciles and
// prints READY; a line on stdin makes it publish, and after the first file written into the
// release draft it prints WRITING <file> and stops there, for the test to kill it.

const cfg = JSON.parse(process.argv[2] ?? '{}') as Omit<IncrementalPublisherConfig, 'log' | 'onFileWritten'>;
let stopWhenWriting = false;
const publisher = await createIncrementalPublisher({
  ...cfg,
  // The crash is about pages: a search base shipped after READY would move `current` under the test.
  search: false,
  log: () => undefined,
  onFileWritten: async (file) => {
    if (!stopWhenWriting) return;
    process.stdout.write(`WRITING ${file}\n`);
    await new Promise(() => undefined);
  },
});
await publisher.publish();
process.stdout.write('READY\n');
process.stdin.once('data', () => {
  stopWhenWriting = true;
  void publisher.publish();
});
