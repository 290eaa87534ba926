import fs from 'node:fs';
import zlib from 'node:zlib';

// Small measuring tools of the benchmark.

export const seconds = (ms: number) => Math.round(ms / 10) / 100;

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** kB of a `Vm…` line of /proc/<pid>/status; 0 when the process has ended. */
function statusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** `pid` and every process below it (Linux /proc: the parent is the 4th field of stat, after the name's ')'). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // ended while listed
    }
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.pop()!;
    tree.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return tree;
}

/** Resident memory of a process and everything it started, now (MB). */
export const treeRssMb = (pid: number) => Math.round(processTree(pid).reduce((kb, p) => kb + statusKb(p, 'VmRSS'), 0) / 1024);

/**
 * Peak resident memory of a process tree (the publisher and the astro build it starts),
 * sampled until stop(): the largest sum over the tree, or the kernel's own high-water mark
 * (VmHWM) of any one process when that is larger (a peak between two samples).
 */
export function watchTreePeakRss(pid: number, everyMs = 100) {
  let peakKb = 0;
  const read = () => {
    let sum = 0;
    for (const p of processTree(pid)) {
      sum += statusKb(p, 'VmRSS');
      peakKb = Math.max(peakKb, statusKb(p, 'VmHWM'));
    }
    peakKb = Math.max(peakKb, sum);
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      read();
      return Math.round(peakKb / 1024);
    },
  };
}

/** Files of a folder, relative paths with forward slashes. */
export function filesIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${e.parentPath}/${e.name}`.slice(dir.length + 1));
}

/** HTML files of a build or release, relative paths. */
export const htmlFiles = (dir: string) => filesIn(dir).filter((f) => f.endsWith('.html'));

export const gzipBytes = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
