import { gunzipSync } from 'node:zlib';

// Pagefind names each result by its page's fragment file: one page a file, or, past its
// maxFragments, a group file of { id: page }. Each file is gzip of the signature "pagefind_dcd"
// and JSON. Read here to know which result id each address has.

/** url → result id, from a bundle's fragment files (name as in fragment/<name>.pf_fragment). */
export function pageIds(fragments: Iterable<{ name: string; content: Uint8Array }>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const { name, content } of fragments) {
    if (!name.endsWith('.pf_fragment')) continue;
    const raw = gunzipSync(content);
    const json = JSON.parse(raw.subarray(raw.subarray(0, 12).toString() === 'pagefind_dcd' ? 12 : 0).toString('utf8')) as Record<string, unknown>;
    if (typeof json.url === 'string') ids.set(json.url, name.slice(0, -'.pf_fragment'.length));
    else for (const [page, fragment] of Object.entries(json)) ids.set((fragment as { url: string }).url, page);
  }
  return ids;
}
