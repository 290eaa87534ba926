import path from 'node:path';

// Where the repository's parts are, for tests and tools that start or build them.

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const CMS_DIR = path.join(ROOT, 'cms');
export const SITE_DIR = path.join(ROOT, 'site');
