/**
 * The page as JSON bytes, from entries already serialized (export-records/ keeps them so), with
 * each entry's digest: a hash that moves whenever its bytes do (export-records/records.ts,
 * digestOf), which the client keeps as the entry's version (10,000 events are 117 MB it need not
 * serialize and hash again, nor the CMS hash at every export).
 */
export function exportPage(items: readonly { documentId: string; bytes: Buffer; digest: string }[], meta: unknown): Buffer {
  const digests: Record<string, string> = {};
  for (const { documentId, digest } of items) digests[documentId] = digest;
  const comma = Buffer.from(',');
  const parts: Buffer[] = [Buffer.from('{"data":[')];
  items.forEach((item, i) => parts.push(...(i > 0 ? [comma] : []), item.bytes));
  parts.push(Buffer.from(`],"digests":${JSON.stringify(digests)},"meta":${JSON.stringify(meta)}}`));
  return Buffer.concat(parts);
}
