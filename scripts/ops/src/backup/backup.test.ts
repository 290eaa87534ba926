import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXPORT_COLLECTIONS, SHARE_CARD_FILE_NAME } from '@cus/shared';
import { buildSite } from '@cus/site-build';
import { readTemplate, startCms, startCmsIn, type CmsProcess } from '@cus/testing/cms-process';
import { findPostgresBin, startPostgres, type PgCluster } from '@cus/testing/postgres';
import { CMS_DIR } from './strapi-cli.ts';

// The commands as ./scripts/backup and ./scripts/restore run them, each in its own process
// (asynchronously: a blocked event loop would leave stale keep-alive sockets to the CMS).
function run(script: 'backup' | 'restore', archive: string, env: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(import.meta.dirname, `${script}.ts`), archive], { env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ ok: code === 0, output }));
  });
}
async function makeBackup(archive: string, env: Record<string, string>) {
  const r = await run('backup', archive, env);
  expect(r.ok, r.output.slice(-3000)).toBe(true);
  return JSON.parse(execFileSync('tar', ['-xzOf', archive, 'manifest.json'], { encoding: 'utf8' })) as {
    counts: Record<string, number>;
    files: Record<string, unknown>;
    shareCards?: { files: number; missing: string[] };
  };
}
async function restoreBackup(archive: string, env: Record<string, string>) {
  const r = await run('restore', archive, env);
  if (!r.ok) throw new Error(r.output);
}

/** The first place two values differ, for a readable failure. */
function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
}

// Backup and restore across databases: the seeded CMS on SQLite is backed up and restored into
// an empty PostgreSQL, and back into an empty SQLite. Every entry, relation, file and variant
// comes back, and the site built from a restored CMS is the same, byte for byte, in its HTML.

const bin = findPostgresBin();
let work: string;
let source: CmsProcess;
let pg: PgCluster | undefined;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-backup-test-'));
  source = await startCms(readTemplate(inject('templateDir')));
});

afterAll(async () => {
  await source?.stop();
  await pg?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

/** What the site reads, with database row ids left out (they may differ; documentIds may not), keys sorted. */
async function contentOf(cms: CmsProcess) {
  const out: Record<string, unknown> = {};
  for (const c of EXPORT_COLLECTIONS) {
    const res = await fetch(`${cms.url}/api/site-export/${c}?pageSize=1000`, { headers: { authorization: `Bearer ${cms.readToken}` } });
    const body = (await res.json()) as { data: Record<string, unknown>[] };
    // Row ids (and so the export's order) may differ between databases: order by documentId.
    body.data.sort((a, b) => String(a.documentId).localeCompare(String(b.documentId)));
    // Key order is not content (PostgreSQL's jsonb keeps keys in its own order).
    out[c] = JSON.parse(JSON.stringify(body.data, (k, v) => (k === 'id' ? undefined : v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v)));
  }
  return out;
}

/** Every uploaded file (originals, variants, share cards) by name, with a hash of its bytes. */
function uploadsOf(cms: CmsProcess): Record<string, string> {
  return uploadsIn(cms.env.PUBLIC_DIR!);
}
function uploadsIn(publicDir: string): Record<string, string> {
  const dir = path.join(publicDir, 'uploads');
  return Object.fromEntries(
    fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort().map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]),
  );
}

function htmlOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

async function siteOf(cms: CmsProcess, name: string) {
  const outDir = path.join(work, name);
  const build = await buildSite({ outDir, strapiUrl: cms.url, strapiToken: cms.readToken, cacheDir: path.join(work, `${name}-cache`) });
  expect(build.ok, build.output.slice(-2000)).toBe(true);
  return htmlOf(outDir);
}

/** A fresh, empty target: its own folder and database; no uploads folder, as on a new machine. */
function emptyTarget(name: string, db: Record<string, string>) {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  // The source's secrets and admin, not its address.
  const { PORT: _port, HOST: _host, ...settings } = source.env;
  return { dir, env: { ...settings, PUBLIC_DIR: path.join(dir, 'public'), DATABASE_FILENAME: path.join(dir, 'data.db'), ...db } };
}

describe.skipIf(!bin)('backup and restore', () => {
  // Three CMS starts, two backups, two restores and two site builds: more than the default 120 s.
  // Up to 10 minutes: on 2 cores shared with the other packages' tests it has taken 5.
  it('moves everything from SQLite to PostgreSQL and back, and the site is the same', { timeout: 600_000 }, async () => {
    // Neither command compiles the CMS again: other CMSes (the live one, other tests') load cms/dist.
    const compiled = path.join(CMS_DIR, 'dist', 'src', 'index.js');
    const compiledAt = fs.statSync(compiled).mtimeMs;
    const archive = path.join(work, 'seed.tar.gz');
    const manifest = await makeBackup(archive, source.env);
    expect(manifest.counts['api::event.event']).toBeGreaterThanOrEqual(5);
    const expectedContent = await contentOf(source);
    const expectedUploads = uploadsOf(source);
    const expectedSite = await siteOf(source, 'site-source');
    expect(Object.keys(expectedUploads).some((f) => f.startsWith('avif_'))).toBe(true);
    // The share cards (stored by the CMS, not Media Library files) travel in the archive itself.
    const expectedCards = Object.fromEntries(Object.entries(expectedUploads).filter(([f]) => SHARE_CARD_FILE_NAME.test(f)));
    expect(Object.keys(expectedCards).length).toBeGreaterThan(0);
    expect(Object.keys(manifest.files).filter((f) => f.startsWith('share-cards/')).map((f) => path.basename(f)).sort()).toEqual(Object.keys(expectedCards));
    expect(manifest.shareCards).toEqual({ files: Object.keys(expectedCards).length, missing: [] });
    const cardsIn = (publicDir: string) => Object.fromEntries(Object.entries(uploadsIn(publicDir)).filter(([f]) => SHARE_CARD_FILE_NAME.test(f)));

    pg = await startPostgres();
    const toPg = emptyTarget('pg', { DATABASE_CLIENT: 'postgres', DATABASE_URL: pg.url, DATABASE_FILENAME: '' });
    await restoreBackup(archive, toPg.env);
    // Put back by the restore itself, before the CMS starts (not redrawn by its backfill).
    expect(cardsIn(toPg.env.PUBLIC_DIR)).toEqual(expectedCards);
    const onPg = await startCmsIn(toPg.dir, source.admin, toPg.env);
    try {
      expect(firstDifference(await contentOf(onPg), expectedContent), "SQLite → PostgreSQL").toBeNull();
      expect(uploadsOf(onPg)).toEqual(expectedUploads);
      expect(await siteOf(onPg, 'site-pg')).toEqual(expectedSite);
      // The admins come along, with their passwords: the source's login works on the copy.
      const login = await fetch(`${onPg.url}/admin/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(source.admin),
      });
      expect(login.status).toBe(200);

      const back = path.join(work, 'from-pg.tar.gz');
      await makeBackup(back, onPg.env);
      const toSqlite = emptyTarget('sqlite-again', { DATABASE_CLIENT: 'sqlite', DATABASE_URL: '' });
      await restoreBackup(back, toSqlite.env);
      expect(cardsIn(toSqlite.env.PUBLIC_DIR)).toEqual(expectedCards);
      const again = await startCmsIn(toSqlite.dir, source.admin, toSqlite.env);
      try {
        expect(firstDifference(await contentOf(again), expectedContent), "PostgreSQL → SQLite").toBeNull();
        expect(uploadsOf(again)).toEqual(expectedUploads);
      } finally {
        await again.stop();
      }
    } finally {
      await onPg.stop();
    }
    expect(fs.statSync(compiled).mtimeMs, 'cms/dist rewritten by a backup or a restore').toBe(compiledAt);
  });

  it('refuses a truncated or foreign archive and leaves the target untouched', async () => {
    const archive = path.join(work, 'good.tar.gz');
    await makeBackup(archive, source.env);
    const target = emptyTarget('untouched', { DATABASE_CLIENT: 'sqlite' });
    fs.copyFileSync(path.join(source.workDir, 'data.db'), path.join(target.dir, 'data.db'));
    const before = crypto.createHash('sha256').update(fs.readFileSync(path.join(target.dir, 'data.db'))).digest('hex');

    const truncated = path.join(work, 'truncated.tar.gz');
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(restoreBackup(truncated, target.env)).rejects.toThrow(/not a complete \.tar\.gz archive|damaged|incomplete/);

    const foreign = path.join(work, 'foreign.tar.gz');
    fs.writeFileSync(path.join(work, 'notes.txt'), 'not a backup');
    execFileSync('tar', ['-czf', foreign, '-C', work, 'notes.txt']);
    await expect(restoreBackup(foreign, target.env)).rejects.toThrow(/not a backup of this system/);

    // A share card changed inside an otherwise whole archive: its checksum gives it away.
    const opened = path.join(work, 'opened');
    fs.mkdirSync(opened);
    execFileSync('tar', ['-xzf', archive, '-C', opened]);
    const card = fs.readdirSync(path.join(opened, 'share-cards'))[0]!;
    fs.appendFileSync(path.join(opened, 'share-cards', card), 'x');
    const tampered = path.join(work, 'tampered.tar.gz');
    execFileSync('tar', ['-czf', tampered, '-C', opened, '.']);
    await expect(restoreBackup(tampered, target.env)).rejects.toThrow(`damaged: share-cards/${card} does not match its checksum`);

    expect(crypto.createHash('sha256').update(fs.readFileSync(path.join(target.dir, 'data.db'))).digest('hex')).toBe(before);
  });
});
