import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootStrapi } from '../corpus/boot-strapi.ts';
import { FORMAT, FORMAT_VERSION, pack, sha256, type Manifest } from './archive.ts';
import { strapiCommand } from './strapi-cli.ts';

// Makes a backup archive of the CMS whose database the environment names (see archive.ts for
// what it holds). The CMS may keep running: the export reads alongside it.

const COUNTED = ['api::event.event', 'api::speaker.speaker', 'api::institution.institution', 'api::gallery.gallery', 'plugin::upload.file'];

export async function makeBackup(archive: string, env: Record<string, string> = {}): Promise<Manifest> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-backup-'));
  try {
    await strapiCommand(['export', '--no-encrypt', '--file', path.join(work, 'content')], env);

    const { strapi, stop } = await bootStrapi({ ...env, IMAGE_QUEUE_CONCURRENCY: '0' });
    let counts: Record<string, number> = {};
    let strapiVersion = '';
    try {
      const users = (await strapi.db.query('admin::user').findMany({ populate: ['roles'] })) as Record<string, any>[];
      const admins = users.map((u) => ({
        email: u.email, firstname: u.firstname, lastname: u.lastname, username: u.username, password: u.password,
        isActive: u.isActive, blocked: u.blocked, preferedLanguage: u.preferedLanguage, roles: (u.roles ?? []).map((r: { code: string }) => r.code),
      }));
      fs.writeFileSync(path.join(work, 'admin-users.json'), JSON.stringify(admins, null, 2));
      counts = Object.fromEntries(await Promise.all(COUNTED.map(async (uid) => [uid, await strapi.db.query(uid).count()] as const)));
      strapiVersion = strapi.config.get('info.strapi') ?? '';
    } finally {
      await stop().catch(() => {});
    }

    const files = ['content.tar.gz', 'admin-users.json'];
    const manifest: Manifest = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      source: { databaseClient: env.DATABASE_CLIENT ?? process.env.DATABASE_CLIENT ?? 'sqlite', strapiVersion },
      files: Object.fromEntries(files.map((f) => [f, { sha256: sha256(path.join(work, f)), bytes: fs.statSync(path.join(work, f)).size }])),
      counts,
    };
    fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2));
    pack(work, ['manifest.json', ...files], archive);
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const root = path.resolve(import.meta.dirname, '..', '..', '..');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const archive = path.resolve(process.argv[2] ?? path.join(root, 'backups', `cus-backup-${stamp}.tar.gz`));
  const started = Date.now();
  const manifest = await makeBackup(archive);
  const size = (fs.statSync(archive).size / 1024 / 1024).toFixed(1);
  console.log(`[backup] ${archive} (${size} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(manifest.counts)}`);
  process.exit(0);
}
