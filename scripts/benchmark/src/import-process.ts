import { measureImport, type ImportMeasurement } from '@cus/import/run';

// The importer's figures for the bench, in a child process of its own (forked with
// --expose-gc, so its memory is the import's alone and the heap it keeps can be sampled after
// full collections): a generated WordPress export of the size asked for, imported with --dry-run
// and no CMS. The measurement goes back to the bench over IPC, as data.

export type ImportReply = { type: 'measured'; measurement: ImportMeasurement } | { type: 'failed'; error: string };

const megabytes = Number(process.argv[2]);
const reply = (r: ImportReply) => new Promise<void>((resolve) => process.send!(r, () => resolve()));
try {
  if (!Number.isFinite(megabytes) || megabytes <= 0) throw new Error(`import-process.ts: the export size must be a positive number of MB, got ${process.argv[2]}`);
  await reply({ type: 'measured', measurement: await measureImport({ targetBytes: megabytes * 1024 * 1024 }) });
} catch (err) {
  await reply({ type: 'failed', error: (err as Error)?.stack ?? String(err) });
}
process.exit(0);
