import fs from 'node:fs';
import path from 'node:path';

// What the bucket (and the CDN) still lack of the local live release, kept on disk so a failed
// or interrupted sync — a network outage, a crash, a restart — is finished by the next one and
// no change is lost. Written (new file renamed over the old) before any request that could
// fail, and again after each step that succeeded.

export interface PendingSync {
  /** Which bucket folder this is about (s3://bucket/prefix/): another one needs a full sync. */
  target: string;
  /** The bucket's content is unknown (first sync, another target, a reconcile): compare everything. */
  full: boolean;
  /** Site files to upload from the live release. */
  upload: string[];
  /** Site files to delete from the bucket. */
  delete: string[];
  /** Site addresses to purge from the CDN once the bucket has them. */
  purge: string[];
}

const VERSION = 1;

export class PendingSyncFile {
  readonly file: string;

  constructor(file: string) {
    this.file = path.resolve(file);
  }

  /**
   * The pending work for `target`. No file, or one for another bucket folder, or one that cannot
   * be read: a full sync (the bucket's content is not known), never an error.
   */
  read(target: string): PendingSync {
    const fresh: PendingSync = { target, full: true, upload: [], delete: [], purge: [] };
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      return fresh;
    }
    const r = raw as Partial<PendingSync> & { version?: unknown };
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
    if (r?.version !== VERSION || !strings(r.upload) || !strings(r.delete) || !strings(r.purge) || typeof r.full !== 'boolean') return fresh;
    // The CDN's pending purges hold whatever the bucket folder.
    if (r.target !== target) return { ...fresh, purge: r.purge };
    return { target, full: r.full, upload: r.upload, delete: r.delete, purge: r.purge };
  }

  write(pending: PendingSync): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify({ version: VERSION, ...pending })}\n`);
    fs.renameSync(tmp, this.file);
  }
}
