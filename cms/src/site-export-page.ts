/**
 * The page as JSON text, from entries already serialized (export-records/ keeps them so), with
 * each entry's digest: a hash that moves whenever its bytes do (export-records/records.ts,
 * digestOf), which the client keeps as the entry's version (10,000 events are 117 MB it need not
 * serialize and hash again, nor the CMS hash at every export).
 */
export function exportPage(items: readonly { documentId: string; text: string; digest: string }[], meta: unknown): string {
  const digests: Record<string, string> = {};
  for (const { documentId, digest } of items) digests[documentId] = digest;
  return `{"data":[${items.map((i) => i.text).join(',')}],"digests":${JSON.stringify(digests)},"meta":${JSON.stringify(meta)}}`;
}
