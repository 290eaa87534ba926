import { hash } from 'node:crypto';

/**
 * The page as JSON text, from entries already serialized (export-records/ keeps them so): each
 * entry is serialized once, and its digest is the hash of those very bytes (the client keeps it as
 * the entry's version; 10,000 events are 117 MB it need not serialize and hash again).
 */
export function exportPage(items: readonly { documentId: string; text: string }[], meta: unknown): string {
  const digests: Record<string, string> = {};
  for (const { documentId, text } of items) digests[documentId] = hash('sha1', text, 'base64url');
  return `{"data":[${items.map((i) => i.text).join(',')}],"digests":${JSON.stringify(digests)},"meta":${JSON.stringify(meta)}}`;
}
