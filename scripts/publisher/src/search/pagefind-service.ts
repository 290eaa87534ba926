import fs from 'node:fs';
import os from 'node:os';
import * as pagefind from 'pagefind';
import type { PagefindIndex } from 'pagefind';
import { PAGEFIND_CONFIG, pagefindRecord, type SearchRecord } from '@cus/site/search-records';
import { checkRecords } from './check-records.ts';

// Pagefind indexes in its own process (its binary, started by the `pagefind` package and shared
// by every index of this process). A base index may be written in the background while a publish
// writes a delta: the process is stopped only when the last index using it is done. It runs 10
// nice steps below the publisher: at national-portal size a base index takes minutes of CPU, and
// on a small machine the publishes meanwhile must not wait for it.

/** How much lower than the publisher's Pagefind's priority is (nice steps). */
const PAGEFIND_NICE = 10;

let users = 0;
const BATCH = 256;

export interface IndexRun<T> {
  value: T;
  /** Peak resident memory of Pagefind's process so far (MB, Linux /proc), or null where unknown. */
  pagefindPeakRssMb: number | null;
}

/** Makes a Pagefind index of `records` (each with `extraMeta`), hands it to `use`, then frees it. */
export async function withRecordsIndex<T>(records: readonly SearchRecord[], extraMeta: Record<string, string>, use: (index: PagefindIndex) => Promise<T>): Promise<IndexRun<T>> {
  checkRecords(records);
  users++;
  try {
    const { index, errors } = await pagefind.createIndex(PAGEFIND_CONFIG);
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    lowerPriority();
    try {
      // A batch in flight at a time: the service answers each message on its own.
      for (let i = 0; i < records.length; i += BATCH) {
        await Promise.all(
          records.slice(i, i + BATCH).map(async (record) => {
            const added = await index.addCustomRecord(pagefindRecord(record, extraMeta));
            if (added.errors.length > 0) throw new Error(`Pagefind could not index ${record.url}: ${added.errors.join('; ')}`);
          }),
        );
      }
      const value = await use(index);
      return { value, pagefindPeakRssMb: pagefindPeakRssMb() };
    } finally {
      await index.deleteIndex();
    }
  } finally {
    if (--users === 0) await pagefind.close();
  }
}

/** Pagefind's process (this process's child), by /proc; null where unknown (not Linux). */
export function pagefindPid(): number | null {
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      // "pid (comm) state ppid …": comm may hold spaces, so read after its closing parenthesis.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      if (ppid === process.pid && comm.startsWith('pagefind')) return Number(pid);
    }
  } catch {
    // Not Linux.
  }
  return null;
}

/** Pagefind's process PAGEFIND_NICE steps below this one's priority, once per process it starts. */
let lowered: number | null = null;
function lowerPriority(): void {
  const pid = pagefindPid();
  if (pid === null || pid === lowered) return;
  try {
    os.setPriority(pid, Math.min(19, os.getPriority() + PAGEFIND_NICE));
    lowered = pid;
  } catch {
    // Not allowed here: it runs at the publisher's priority, as before.
  }
}

/** VmHWM of this process's Pagefind child (the service), in MB. */
function pagefindPeakRssMb(): number | null {
  const pid = pagefindPid();
  if (pid === null) return null;
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return hwm ? Math.round(Number(hwm[1]) / 1024) : null;
  } catch {
    return null;
  }
}
