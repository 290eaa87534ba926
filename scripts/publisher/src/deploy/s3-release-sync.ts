import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { purgeCdn, purgePaths, type CdnPurgeConfig } from './cdn-purge.ts';
import { eachLimited, errorText, S3Bucket, type S3Config } from './s3-bucket.ts';
import { HEADERS_FILE, syncFolder } from './s3.ts';
import { PendingSyncFile, type PendingSync } from './s3-sync-state.ts';

// The S3 target of the long-lived publisher. The publisher keeps a local release (the source of
// truth) and, after each switch, hands over what the switch changed; this uploads only those
// files (assets and media first, pages last, so a page never links to an object not there yet),
// deletes the removed ones, then purges their addresses from the CDN where one is configured.
//
// Nothing is lost: each change is added to a pending set on disk (s3-sync-state.ts) before any
// request, and taken out only once the bucket has it. A failed sync is finished by the next call
// (or a retry timer); the first sync, another bucket folder, a reconcile or a list that makes no
// sense compare the whole release with the bucket instead (s3.ts syncFolder). Failures come back
// as data and never throw: the local release is live either way.

/** What a switch of the local release changed. */
export interface ReleaseSwitch {
  /** The folder of the release now live. */
  releaseDir: string;
  /** Site files (relative, '/'-separated) written or changed by the switch: pages, assets, media, search files. */
  written: readonly string[];
  /** Site files the switch removed. */
  removed: readonly string[];
  /** A reconcile: compare the whole release with the bucket (default false). */
  full?: boolean;
}

export interface S3ReleaseSyncReport {
  /** Objects uploaded, objects deleted, bytes uploaded, duration of the sync (with the purge). */
  uploaded: number;
  deleted: number;
  bytes: number;
  ms: number;
  /** The whole release was compared with the bucket. */
  full: boolean;
  /** Addresses purged from the CDN. */
  purged: number;
  /** Work left for the next call (after a failure, or changes that came in meanwhile). */
  pending: { upload: number; delete: number; purge: number; full: boolean };
  /** Why the bucket is not up to date; the work stays pending and is retried. */
  error?: string;
  /** Why the CDN was not purged; the paths stay pending and are retried. */
  purgeError?: string;
}

export interface S3ReleaseSyncOptions {
  s3: S3Config;
  /** The pending set (JSON), e.g. <DEPLOY_DIR>/s3-pending.json. */
  stateFile: string;
  cdn?: CdnPurgeConfig | null;
  /** Pending work is retried after this long without a new switch (default 60 s; 0: only at the next switch). */
  retryMs?: number;
  /** Called after each successful upload with the object key (tests, progress). */
  onUpload?: (key: string) => void;
  log?: (line: string) => void;
}

export interface S3ReleaseSync {
  /** Syncs what a switch changed (and whatever is still pending); resolves when done or failed, never rejects. */
  afterSwitch(change: ReleaseSwitch): Promise<S3ReleaseSyncReport>;
  /** Tries the pending work again against the last release handed over. */
  retry(): Promise<S3ReleaseSyncReport>;
  /** The bucket folder, s3://bucket/prefix/. */
  readonly where: string;
  /** Stops the retry timer and waits for a running sync. */
  close(): Promise<void>;
}

/** A safe site file name: relative, '/'-separated, no '.', '..' or empty segment, no backslash or NUL. */
function isSiteFile(file: unknown): file is string {
  return (
    typeof file === 'string' &&
    file.length > 0 &&
    file.length <= 1024 &&
    !/[\\\0]/.test(file) &&
    file.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
  );
}

const isPage = (file: string) => file.endsWith('.html');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

export function createS3ReleaseSync(opts: S3ReleaseSyncOptions): S3ReleaseSync {
  const bucket = new S3Bucket(opts.s3);
  const state = new PendingSyncFile(opts.stateFile);
  const log = opts.log ?? ((line: string) => console.log(`[s3] ${new Date().toISOString()} ${line}`));
  const retryMs = opts.retryMs ?? 60_000;

  // The pending set in memory, each file with the generation of the change that named it: a
  // sync takes a file off only if no later change named it again while it ran.
  const loaded = state.read(bucket.where);
  let generation = 0;
  const upload = new Map<string, number>(loaded.upload.map((f) => [f, 0]));
  const remove = new Map<string, number>(loaded.delete.map((f) => [f, 0]));
  const purge = new Set(loaded.purge);
  let full = loaded.full;
  let fullGeneration = 0;
  let releaseDir: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const pendingNow = () => ({ upload: upload.size, delete: remove.size, purge: purge.size, full });
  /** Why the pending set could not be written last (a full disk): reported, and tried again at each step. */
  let saveError: string | undefined;
  const save = () => {
    const pending: PendingSync = { target: bucket.where, full, upload: [...upload.keys()].sort(), delete: [...remove.keys()].sort(), purge: [...purge].sort() };
    try {
      state.write(pending);
      saveError = undefined;
    } catch (err) {
      saveError = `the pending set could not be written to ${state.file}: ${(err as Error).message}`;
    }
  };

  function record(change: ReleaseSwitch): void {
    releaseDir = path.resolve(change.releaseDir);
    const gen = ++generation;
    const written = Array.isArray(change.written) ? change.written : [];
    const removed = Array.isArray(change.removed) ? change.removed : [];
    const bad = [...written, ...removed].filter((f) => !isSiteFile(f));
    if (bad.length > 0 || written !== change.written || removed !== change.removed) {
      // A list that makes no sense must not lose a change: compare everything instead.
      const why = bad.length > 0 ? `named ${bad.length} file(s) that are not site files (e.g. ${JSON.stringify(bad.slice(0, 3))})` : 'had no lists of written and removed files';
      log(`the switch ${why}: comparing the whole release with ${bucket.where}`);
      full = true;
      fullGeneration = gen;
    }
    if (change.full) {
      full = true;
      fullGeneration = gen;
    }
    for (const file of written.filter(isSiteFile)) {
      if (file === HEADERS_FILE) continue; // the CDN's rules, never a public object
      upload.set(file, gen);
      remove.delete(file);
    }
    for (const file of removed.filter(isSiteFile)) {
      if (file === HEADERS_FILE) continue;
      remove.set(file, gen);
      upload.delete(file);
    }
    save();
  }

  /** One sync of everything pending against the latest release. */
  async function run(): Promise<S3ReleaseSyncReport> {
    const started = Date.now();
    const report: S3ReleaseSyncReport = { uploaded: 0, deleted: 0, bytes: 0, ms: 0, full: false, purged: 0, pending: pendingNow() };
    const dir = releaseDir;
    const changedFiles: string[] = [];
    try {
      if (!dir) throw new Error('no release was handed over yet');
      if (full) {
        report.full = true;
        const upTo = generation;
        const r = await syncFolder(bucket, dir, opts.onUpload);
        Object.assign(report, { uploaded: r.uploaded, deleted: r.deleted, bytes: r.bytes });
        changedFiles.push(...r.uploadedFiles, ...r.deletedFiles);
        // The folder as compared holds every change recorded so far; later ones stay pending.
        if (fullGeneration <= upTo) full = false;
        for (const [file, gen] of upload) if (gen <= upTo) upload.delete(file);
        for (const [file, gen] of remove) if (gen <= upTo) remove.delete(file);
      } else {
        const toUpload = [...upload];
        const toRemove = [...remove];
        const uploadOne = async ([file, gen]: [string, number]) => {
          let body: Buffer;
          try {
            body = await fs.readFile(path.join(dir, ...file.split('/')));
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
            await fs.access(dir); // the release itself is gone: an error, the work stays pending
            // The release no longer has it: the bucket must not either.
            if (upload.get(file) === gen) {
              upload.delete(file);
              remove.set(file, gen);
              toRemove.push([file, gen]);
            }
            return;
          }
          await bucket.put(file, body, createHash('md5').update(body).digest());
          opts.onUpload?.(bucket.key(file));
          report.uploaded++;
          report.bytes += body.length;
          changedFiles.push(file);
          if (upload.get(file) === gen) upload.delete(file);
        };
        try {
          // Pages switch last, when everything they point at is already there.
          await eachLimited(toUpload.filter(([f]) => !isPage(f)), bucket.concurrency, uploadOne);
          await eachLimited(toUpload.filter(([f]) => isPage(f)), bucket.concurrency, uploadOne);
        } finally {
          save();
        }
        // Objects go only once no new page can point at them.
        if (toRemove.length > 0) {
          await bucket.remove(toRemove.map(([f]) => bucket.key(f)));
          report.deleted = toRemove.length;
          for (const [file, gen] of toRemove) {
            if (remove.get(file) === gen) remove.delete(file);
            changedFiles.push(file);
          }
        }
      }
    } catch (err) {
      report.error = errorText(err);
    }
    // The CDN is told only of what the bucket already has (a purge before the upload would cache the old page again).
    if (opts.cdn) for (const p of purgePaths(changedFiles)) purge.add(p);
    save();
    if (opts.cdn && purge.size > 0) {
      const paths = [...purge].sort();
      try {
        const r = await purgeCdn(opts.cdn, paths);
        report.purged = r.purged;
        for (const p of paths) purge.delete(p);
        save();
      } catch (err) {
        report.purgeError = (err as Error).message;
      }
    }
    report.ms = Date.now() - started;
    report.pending = pendingNow();
    if (saveError) report.error = report.error ? `${report.error}; ${saveError}` : saveError;
    scheduleRetry();
    const idle = report.uploaded + report.deleted + report.purged === 0 && !report.full && !report.error && !report.purgeError;
    if (idle) return report;
    const what = `${report.full ? 'full sync' : 'sync'} to ${bucket.where}: ${report.uploaded} uploaded (${kb(report.bytes)}), ${report.deleted} deleted` + (opts.cdn ? `, ${report.purged} path(s) purged from the CDN` : '');
    log(`${what} in ${report.ms} ms${report.error ? `; FAILED, retried later: ${report.error}` : ''}${report.purgeError ? `; CDN purge FAILED, retried later: ${report.purgeError}` : ''}`);
    return report;
  }

  function scheduleRetry(): void {
    clearTimeout(timer);
    timer = undefined;
    const left = full || upload.size > 0 || remove.size > 0 || (opts.cdn && purge.size > 0);
    if (!left || retryMs <= 0 || closed || !releaseDir) return;
    timer = setTimeout(() => void serial(run), retryMs);
    timer.unref();
  }

  function serial(task: () => Promise<S3ReleaseSyncReport>): Promise<S3ReleaseSyncReport> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    where: bucket.where,
    afterSwitch(change) {
      if (typeof change?.releaseDir !== 'string' || change.releaseDir === '') {
        const error = `afterSwitch needs { releaseDir, written, removed }, got ${JSON.stringify(change)?.slice(0, 200)}`;
        log(error);
        return Promise.resolve({ uploaded: 0, deleted: 0, bytes: 0, ms: 0, full: false, purged: 0, pending: pendingNow(), error });
      }
      record(change);
      return serial(run);
    },
    retry: () => serial(run),
    async close() {
      closed = true;
      clearTimeout(timer);
      await queue;
      bucket.destroy();
    },
  };
}
