import { hash } from 'node:crypto';

/**
 * The page as JSON text, written here rather than by Koa: each entry is serialized once, and its
 * digest is the hash of those very bytes (the client keeps it as the entry's version; 10,000
 * events are 117 MB it need not serialize and hash again).
 */
export function exportPage(entries: Record<string, unknown>[], meta: unknown): string {
  const texts = entries.map((e) => JSON.stringify(e));
  const digests: Record<string, string> = {};
  entries.forEach((e, i) => {
    if (typeof e.documentId === 'string') digests[e.documentId] = hash('sha1', texts[i]!, 'base64url');
  });
  return `{"data":[${texts.join(',')}],"digests":${JSON.stringify(digests)},"meta":${JSON.stringify(meta)}}`;
}
