import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootStrapi } from '../boot-strapi.ts';
import { SHARE_CARD_FILE_NAME } from '@cus/shared';
import { FORMAT, FORMAT_VERSION, pack, sha256, SHARE_CARDS_DIR, type Manifest } from './archive.ts';
import { strapiCommand } from './strapi-cli.ts';

// Makes a backup archive of the CMS whose database the environment names (see archive.ts for
// what it holds). The CMS may keep running: the export reads alongside it.

const SHARE_CARD = 'api::share-card.share-card';
const COUNTED = ['api::event.event', 'api::speaker.speaker', 'api::institution.institution', 'api::gallery.gallery', 'plugin::upload.file', SHARE_CARD];

/**
 * Copies the card files the share card rows name from the local uploads folder into `into`
 * (one file per name, however many events share it). With another upload provider (S3) the
 * cards stay where they are stored, as the rows' addresses say: nothing to copy.
 */
async function copyShareCards(strapi: any, into: string): Promise<{ copied: string[]; missing: string[] }> {
  fs.mkdirSync(into, { recursive: true });
  const provider = String((strapi.config.get('plugin::upload') as { provider?: string } | undefined)?.provider ?? 'local');
  if (provider !== 'local') return { copied: [], missing: [] };
  const uploads = path.resolve(strapi.dirs.static.public as string, 'uploads');
  const rows = (await strapi.db.query(SHARE_CARD).findMany({ select: ['file', 'url'] })) as { file: string; url: string }[];
  const names = [...new Set(rows.filter((r) => SHARE_CARD_FILE_NAME.test(r.file) && r.url === `/uploads/${r.file}`).map((r) => r.file))].sort();
  const copied: string[] = [];
  const missing: string[] = [];
  for (const name of names) {
    try {
      fs.copyFileSync(path.join(uploads, name), path.join(into, name));
      copied.push(name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(name);
    }
  }
  return { copied, missing };
}

export async function makeBackup(archive: string, env: Record<string, string> = {}): Promise<Manifest> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-backup-'));
  try {
    await strapiCommand(['export', '--no-encrypt', '--file', path.join(work, 'content')], env);

    const { strapi, stop } = await bootStrapi({ ...env, IMAGE_QUEUE_CONCURRENCY: '0' });
    let counts: Record<string, number> = {};
    let strapiVersion = '';
    let cards: { copied: string[]; missing: string[] } = { copied: [], missing: [] };
    try {
      const users = (await strapi.db.query('admin::user').findMany({ populate: ['roles'] })) as Record<string, any>[];
      const admins = users.map((u) => ({
        email: u.email, firstname: u.firstname, lastname: u.lastname, username: u.username, password: u.password,
        isActive: u.isActive, blocked: u.blocked, preferedLanguage: u.preferedLanguage, roles: (u.roles ?? []).map((r: { code: string }) => r.code),
      }));
      fs.writeFileSync(path.join(work, 'admin-users.json'), JSON.stringify(admins, null, 2));
      counts = Object.fromEntries(await Promise.all(COUNTED.map(async (uid) => [uid, await strapi.db.query(uid).count()] as const)));
      strapiVersion = strapi.config.get('info.strapi') ?? '';
      // After the export, so a card drawn in between only adds a file no restored row names;
      // one replaced or deleted in between is missing from the archive, and the restored CMS
      // redraws it at its start (its backfill checks that each recorded card's file exists).
      cards = await copyShareCards(strapi, path.join(work, SHARE_CARDS_DIR));
    } finally {
      await stop().catch(() => {});
    }

    const files = ['content.tar.gz', 'admin-users.json', ...cards.copied.map((name) => `${SHARE_CARDS_DIR}/${name}`)];
    const manifest: Manifest = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      source: { databaseClient: env.DATABASE_CLIENT ?? process.env.DATABASE_CLIENT ?? 'sqlite', strapiVersion },
      files: Object.fromEntries(files.map((f) => [f, { sha256: sha256(path.join(work, f)), bytes: fs.statSync(path.join(work, f)).size }])),
      counts,
      shareCards: { files: cards.copied.length, missing: cards.missing },
    };
    fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2));
    pack(work, ['manifest.json', 'content.tar.gz', 'admin-users.json', SHARE_CARDS_DIR], archive);
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const root = path.resolve(import.meta.dirname, '..', '..', '..', '..');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const archive = path.resolve(process.argv[2] ?? path.join(root, 'backups', `cus-backup-${stamp}.tar.gz`));
  const started = Date.now();
  const manifest = await makeBackup(archive);
  const size = (fs.statSync(archive).size / 1024 / 1024).toFixed(1);
  console.log(`[backup] ${archive} (${size} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(manifest.counts)}, ${manifest.shareCards?.files ?? 0} share card file(s)`);
  const missing = manifest.shareCards?.missing ?? [];
  if (missing.length > 0) console.warn(`[backup] ${missing.length} share card file(s) named in the database were not in the uploads folder (the restored CMS redraws them): ${missing.join(', ')}`);
  process.exit(0);
}
