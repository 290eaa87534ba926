import fs from 'node:fs';
import zlib from 'node:zlib';

// Small measuring tools of the benchmark.

export const seconds = (ms: number) => Math.round(ms / 10) / 100;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Peak resident memory of a running process (Linux /proc), sampled until stop() is called. */
export function watchPeakRss(pid: number, everyMs = 100) {
  let peakKb = 0;
  const read = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      // VmHWM is the kernel's own high-water mark; sampling only catches what it missed at exit.
      for (const key of ['VmHWM', 'VmRSS']) {
        const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(status);
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      }
    } catch {
      // the process has ended
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.round(peakKb / 1024);
    },
  };
}

/** HTML files of a build, relative paths. */
export function htmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
}

export const gzipBytes = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
