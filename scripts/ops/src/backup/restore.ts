import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootStrapi, CMS_DIR } from '../boot-strapi.ts';
import { SHARE_CARD_FILE_NAME } from '@cus/shared';
import { BackupArchiveError, SHARE_CARDS_DIR, unpackAndVerify, type Manifest } from './archive.ts';
import { strapiCommand } from './strapi-cli.ts';

// Brings the CMS whose database the environment names (SQLite or PostgreSQL, empty or not) to
// the state of a backup archive. The archive is checked whole before anything is touched: a
// damaged or foreign archive stops here, with the target as it was.

export async function restoreBackup(archive: string, env: Record<string, string> = {}): Promise<Manifest> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-restore-'));
  try {
    const manifest = unpackAndVerify(path.resolve(archive), work);
    // A new machine may have no uploads folder yet; Strapi's local provider will not start without it.
    const uploads = path.join(path.resolve(CMS_DIR, env.PUBLIC_DIR ?? process.env.PUBLIC_DIR ?? 'public'), 'uploads');
    fs.mkdirSync(uploads, { recursive: true });
    await strapiCommand(['import', '--force', '--file', path.join(work, 'content.tar.gz')], env);

    // The share cards (format 2): after the import, which replaces the uploads folder, and
    // before the CMS first starts here, so its backfill finds every recorded card in place.
    for (const name of Object.keys(manifest.files)) {
      const card = path.basename(name);
      if (path.dirname(name) !== SHARE_CARDS_DIR || !SHARE_CARD_FILE_NAME.test(card)) continue;
      fs.copyFileSync(path.join(work, name), path.join(uploads, card));
    }

    // Admin accounts: the export does not carry them. Roles are matched by their code.
    const admins = JSON.parse(fs.readFileSync(path.join(work, 'admin-users.json'), 'utf8')) as (Record<string, unknown> & { email: string; roles: string[] })[];
    const { strapi, stop } = await bootStrapi({ ...env, IMAGE_QUEUE_CONCURRENCY: '0' });
    try {
      const users = strapi.db.query('admin::user');
      for (const { roles: codes, ...admin } of admins) {
        const roles = (await strapi.db.query('admin::role').findMany({ where: { code: { $in: codes } } })) as { id: number }[];
        const existing = await users.findOne({ where: { email: admin.email } });
        // The stored hash goes in as it is: the password never exists in plain text here.
        if (existing) await users.update({ where: { id: existing.id }, data: { ...admin, roles: roles.map((r) => r.id) } });
        else await users.create({ data: { ...admin, roles: roles.map((r) => r.id) } });
      }
    } finally {
      await stop().catch(() => {});
    }
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const archive = process.argv[2];
  if (!archive) {
    console.error('usage: ./scripts/restore ARCHIVE');
    process.exit(2);
  }
  const started = Date.now();
  try {
    const manifest = await restoreBackup(archive);
    console.log(`[restore] restored the backup of ${manifest.createdAt} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(manifest.counts)}`);
    process.exit(0);
  } catch (err) {
    console.error(`[restore] ${err instanceof BackupArchiveError ? '' : 'FAILED: '}${(err as Error).message}`);
    process.exit(1);
  }
}
