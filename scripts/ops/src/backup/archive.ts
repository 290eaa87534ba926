import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// The backup archive: one .tar.gz holding
//   manifest.json      what this is, when and from what it was made, checksums, counts
//   content.tar.gz     Strapi's own export: entries, relations, media records and files
//                      (uploads with every variant), content-manager and upload settings, webhooks
//   admin-users.json   admin accounts (password hashes only) and the names of their roles
//   share-cards/       (format 2) the Open Graph cards the CMS drew, og-<hash16>.png: stored
//                      through the upload provider, not as Media Library files, so Strapi's
//                      export leaves them out while it carries their rows (api::share-card).
//                      Only the files those rows name, and only for the local provider (an
//                      S3 card stays in its bucket): an orphan card no row names is not
//                      carried, since nothing would ever delete it again on the restored side.
//                      A card missing here (deleted between the export and the copy) is
//                      listed in manifest.shareCards.missing; the restored CMS redraws it.
// Every file, cards included, is listed in manifest.files with its checksum and checked before
// a restore touches anything. Format 1 archives (no cards) still restore: the CMS redraws them.
// No .env, no keys, no API tokens: a restored system gets its own secrets and tokens.

export const FORMAT = 'cus-relacje-backup';
export const FORMAT_VERSION = 2;
/** The archive's folder of share card files. */
export const SHARE_CARDS_DIR = 'share-cards';

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  source: { databaseClient: string; strapiVersion: string };
  files: Record<string, { sha256: string; bytes: number }>;
  counts: Record<string, number>;
  /** Format 2: the card files carried (in SHARE_CARDS_DIR) and those a row named but the uploads lacked. */
  shareCards?: { files: number; missing: string[] };
}

export const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

export function pack(dir: string, files: string[], archive: string): void {
  fs.mkdirSync(path.dirname(archive), { recursive: true });
  const tmp = `${archive}.part`;
  execFileSync('tar', ['-czf', tmp, '-C', dir, ...files]);
  fs.renameSync(tmp, archive);
}

export class BackupArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupArchiveError';
  }
}

/** Unpacks and checks an archive; throws a BackupArchiveError that says what is wrong. */
export function unpackAndVerify(archive: string, into: string): Manifest {
  if (!fs.existsSync(archive)) throw new BackupArchiveError(`${archive}: no such file`);
  try {
    execFileSync('tar', ['-xzf', archive, '-C', into], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const why = String((err as { stderr?: Buffer }).stderr ?? '').trim().split('\n')[0] || 'tar could not read it';
    throw new BackupArchiveError(`${archive} is not a complete .tar.gz archive (${why}). Was it cut short while copying?`);
  }
  const manifestFile = path.join(into, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new BackupArchiveError(`${archive} is not a backup of this system: it has no manifest.json.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch {
    throw new BackupArchiveError(`${archive}: manifest.json is not valid JSON.`);
  }
  if (manifest.format !== FORMAT) throw new BackupArchiveError(`${archive} is not a backup of this system (format "${String(manifest.format)}").`);
  if (manifest.version > FORMAT_VERSION) throw new BackupArchiveError(`${archive} was made by a newer version (format ${manifest.version}); update this installation first.`);
  for (const [name, expected] of Object.entries(manifest.files ?? {})) {
    // Names stay inside the unpacked folder: a crafted manifest cannot point elsewhere.
    if (path.isAbsolute(name) || path.normalize(name).split(path.sep).includes('..')) throw new BackupArchiveError(`${archive}: manifest.json names a file outside the archive (${name}).`);
    const file = path.join(into, name);
    if (!fs.existsSync(file)) throw new BackupArchiveError(`${archive} is incomplete: ${name} is missing.`);
    if (sha256(file) !== expected.sha256) throw new BackupArchiveError(`${archive} is damaged: ${name} does not match its checksum.`);
  }
  if (!manifest.files?.['content.tar.gz']) throw new BackupArchiveError(`${archive} holds no content export.`);
  return manifest;
}
