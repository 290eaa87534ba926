import { renderValidBody } from '@cus/shared/body-html';
import { mediaFilesIn } from '@cus/shared/media-path';

// The site shows an event's rich text as HTML. Rendering it (Blocks → Markdown tree → HTML with
// Polish typography, the sanitizer and heading ids) took a full sync of 10,000 events about 1.5 s
// of the site's time, at every cold start. The export renders it here instead, with the site's own
// renderer (@cus/shared/body-html), so it is made once, where the entry's export record is kept
// (export-records/), and a sync only moves data.
//
// `bodyHtml` replaces the blocks, and `bodyFiles` lists every file the blocks name (each photo
// and its formats, as { url, mime }) for the site to copy beside the pages, as it did from the
// blocks. A body the renderer's limits refuse is sent as stored: the site's contract names the
// entry and field, and keeps its last good page.

type Data = Record<string, unknown>;

/** The entry as the export sends it: `field` rendered into bodyHtml and bodyFiles, or as it is when the limits refuse it. */
export function withBodyHtml(entry: Data, field: string): Data {
  if (!Object.hasOwn(entry, field)) return entry;
  let html: string | null;
  try {
    html = renderValidBody(entry[field]);
  } catch {
    html = null; // sent as blocks: the site renders them again and names what failed
  }
  if (html === null) return entry;
  const { [field]: blocks, ...rest } = entry;
  return { ...rest, bodyHtml: html, bodyFiles: [...mediaFilesIn(blocks)].map(([url, mime]) => ({ url, mime })) };
}
