import type { SourceEntry, SourceImage, SourceSite } from '../source-item.ts';
import { attachmentImage, itemEntry } from './item-entry.ts';
import { streamWxrItems, WxrFormatError, type WxrChannel } from './wxr-stream.ts';

// A WordPress export in two streaming passes. Pass 1 reads the channel and every attachment
// (id → address, alt, caption, title: a compact map, the bodies are not kept), and proves the
// whole file well-formed before anything is imported. Pass 2 yields the items one by one.

export interface ReadWordPressOptions {
  /** Post types imported when published (default ['post']). */
  postTypes?: string[];
  /** Bound on one item's field (default 10 MB): a bigger item becomes a problem. */
  maxItemBytes?: number;
}

export interface WordPressExport {
  site: SourceSite;
  entries: AsyncIterable<SourceEntry>;
  /** Published items of the imported post types, counted in pass 1 (the progress's "of N"). */
  total: number;
}

const DEFAULT_MAX_ITEM_BYTES = 10 * 1024 * 1024;
// Attachment bodies (their description) and post bodies are not needed to know the attachments.
const PASS1_SKIPPED = new Set(['content:encoded', 'wp:comment', 'description']);

export async function readWordPressExport(file: string, options: ReadWordPressOptions = {}): Promise<WordPressExport> {
  const maxItemBytes = options.maxItemBytes ?? DEFAULT_MAX_ITEM_BYTES;
  const postTypes = new Set(options.postTypes?.length ? options.postTypes : ['post']);

  const channel: WxrChannel = {};
  const attachments = new Map<number, SourceImage>();
  let total = 0;
  for await (const raw of streamWxrItems(file, channel, { maxFieldBytes: maxItemBytes, skipFields: PASS1_SKIPPED })) {
    // Defaults as item-entry.ts reads them: an item without a type is a post, without a status published.
    const type = raw.fields.get('wp:post_type')?.trim() || 'post';
    if (postTypes.has(type) && (raw.fields.get('wp:status')?.trim() || 'publish') === 'publish') total++;
    if (type !== 'attachment') continue;
    const image = attachmentImage(raw);
    // Kept for the whole run: copied, so that it holds its own characters, not the parsed
    // text its strings may be slices of (V8 keeps a slice's parent string alive).
    if (image?.attachmentId !== undefined) attachments.set(image.attachmentId, JSON.parse(JSON.stringify(image)) as SourceImage);
  }

  const base = siteBase(file, channel);
  const site: SourceSite = { title: channel.title || base.hostname, baseUrl: base.href.replace(/\/+$/, '') };
  const attachment = (id: number) => attachments.get(id);
  const ctx = { baseUrl: site.baseUrl, host: base.hostname, postTypes, maxItemBytes, attachment };

  async function* entries(): AsyncGenerator<SourceEntry> {
    for await (const raw of streamWxrItems(file, {}, { maxFieldBytes: maxItemBytes, skipFields: new Set(['wp:comment']) })) {
      yield itemEntry(raw, ctx);
    }
  }
  return { site, entries: entries(), total };
}

/** The site's home address: <link> of the channel (what WordPress calls home), else the base URLs. */
function siteBase(file: string, channel: WxrChannel): URL {
  for (const candidate of [channel.link, channel.baseBlogUrl, channel.baseSiteUrl]) {
    try {
      const url = new URL(candidate ?? '');
      if (url.protocol === 'http:' || url.protocol === 'https:') return url;
    } catch {
      // next candidate
    }
  }
  throw new WxrFormatError(file, 'kanał nie podaje adresu strony (<link> ani wp:base_site_url)', 1);
}
