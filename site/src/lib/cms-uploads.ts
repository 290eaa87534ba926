import fs from 'node:fs';
import path from 'node:path';

// When the CMS keeps its uploads on this machine (Strapi's local provider), a file it serves at
// <CMS address>/uploads/<name> is in its folder: a build or the publisher copies it from there
// instead of asking the CMS for it over HTTP (11,000 files at 10,000 events; 1,220 in a
// 20-report static build, where the downloads took 1.7 of its 5 s). Any other URL (an S3
// provider's) and any file missing there is downloaded as before.

export interface CmsUploads {
  /** The CMS's upload folder (cms/public/uploads), absolute. */
  dir: string;
  /** The CMS's address, whose /uploads/ serves `dir`. */
  url: string;
}

/** CMS_UPLOADS_DIR (made absolute against `cwd`) with STRAPI_URL, when the folder exists. */
export function cmsUploadsFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): CmsUploads | undefined {
  const dir = env.CMS_UPLOADS_DIR?.trim();
  const url = env.STRAPI_URL?.trim();
  if (!dir || !url) return undefined;
  const abs = path.resolve(cwd, dir);
  return fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory() ? { dir: abs, url } : undefined;
}

/** The file in the CMS's folder that `origin` (the URL the entries give for `name`) is served from, or null. */
export function uploadsFileOf(uploads: CmsUploads | undefined, name: string, origin: string): string | null {
  if (!uploads || !/^[\w.-]+$/.test(name)) return null;
  return origin === `${uploads.url.replace(/\/+$/, '')}/uploads/${name}` ? path.join(uploads.dir, name) : null;
}

/**
 * Fills `cached` with the CMS's own copy of `name` when `origin` is served from its folder:
 * copied to `part` beside it and renamed in (never half a file). False when it is not served
 * from there or not there after all (another CMS host, a folder not shared): download it then.
 */
export async function copyFromUploads(uploads: CmsUploads | undefined, name: string, origin: string, cached: string, part = `${cached}.part`): Promise<boolean> {
  const local = uploadsFileOf(uploads, name, origin);
  if (!local) return false;
  try {
    await fs.promises.copyFile(local, part, fs.constants.COPYFILE_FICLONE);
    await fs.promises.rename(part, cached);
    return true;
  } catch {
    await fs.promises.rm(part, { force: true });
    return false;
  }
}
