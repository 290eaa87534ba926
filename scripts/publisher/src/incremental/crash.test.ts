import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cmsRequest, readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { createIncrementalPublisher } from './publisher.ts';

// The publisher killed (SIGKILL) while it writes a release: the live release is untouched, file
// by file, and a new publisher started on the same folders removes the unfinished draft and
// reconciles to the CMS.

const SITE_URL = 'http://127.0.0.1:4321';
let cms: CmsProcess;
let work: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  cms = await startCms(readTemplate(inject('templateDir')));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-incremental-crash-'));
}, 240_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await cms?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Every file of a folder with the digest of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isDirectory()) continue;
    const full = path.join(e.parentPath, e.name);
    out[path.relative(dir, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
function lineOf(proc: ChildProcess, pattern: RegExp, output: { text: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = () => {
      const line = output.text.split('\n').find((l) => pattern.test(l));
      if (line) {
        proc.stdout!.off('data', onData);
        proc.off('exit', onExit);
        resolve(line);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`The publisher exited (${code}) before printing ${pattern}:\n${output.text.slice(-3000)}`));
    proc.stdout!.on('data', onData);
    proc.once('exit', onExit);
    onData();
  });
}

describe('a publisher killed mid-publish', () => {
  it('leaves the live release intact; a new publisher reconciles to the CMS on start', async () => {
    const cfg = { deployDir: path.join(work, 'deploy'), strapiUrl: cms.url, strapiToken: cms.readToken, siteUrl: SITE_URL, cacheDir: path.join(work, 'cache') };
    const output = { text: '' };
    child = spawn(process.execPath, [path.join(import.meta.dirname, 'testing', 'publish-child.ts'), JSON.stringify(cfg)], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output.text += d));
    child.stderr!.on('data', (d) => (output.text += d));
    await lineOf(child, /^READY$/, output);

    const liveDir = fs.realpathSync(path.join(cfg.deployDir, 'current'));
    const before = snapshot(liveDir);
    const events = (await cmsRequest({ url: cms.url, writeToken: cms.readToken }, 'GET', '/api/site-export/events?pageSize=100')).data as { documentId: string; slug: string }[];
    const event = events[0]!;
    await cmsRequest(cms, 'PUT', `/api/events/${event.documentId}`, { data: { title: 'Tytuł po awarii' } });

    child.stdin!.write('publish\n');
    const writing = await lineOf(child, /^WRITING /, output);
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    // The live release is the one from before, byte for byte; the draft the kill left is not live.
    expect(fs.realpathSync(path.join(cfg.deployDir, 'current'))).toBe(liveDir);
    expect(snapshot(liveDir)).toEqual(before);
    const drafts = fs.readdirSync(path.join(cfg.deployDir, 'releases')).filter((n) => n.startsWith('.build-') && !n.startsWith('.build-spare-'));
    expect(drafts).toHaveLength(1);
    expect(fs.existsSync(path.join(cfg.deployDir, 'releases', drafts[0]!, writing.slice('WRITING '.length)))).toBe(true);

    // A new publisher: the draft goes, the reconcile brings the CMS's change live.
    const restarted = await createIncrementalPublisher({ ...cfg, log: () => undefined });
    try {
      expect(fs.readdirSync(path.join(cfg.deployDir, 'releases')).filter((n) => n.startsWith('.build-'))).toEqual([]);
      const r = await restarted.publish();
      expect(r.kind).toBe('reconcile');
      expect(fs.readFileSync(path.join(restarted.target.current()!, 'wydarzenia', event.slug, 'index.html'), 'utf8')).toContain('Tytuł po awarii');
      // The previous release is kept for rollback, unchanged.
      expect(snapshot(liveDir)).toEqual(before);
    } finally {
      await restarted.close();
    }
  });
});
