import fs from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';

// The low level of the WordPress reader: one pass over a WXR file with saxes, from a read
// stream, yielding each <item> as soon as it closes. Items are handed over between chunks, so
// the file is read at the consumer's pace (the `for await` over the stream does not ask for the
// next 64 kB until the consumer has taken what the last one completed). Only the fields the
// reader uses are kept; each is bounded, so one huge item cannot take the heap either.

/** What <channel> says about the site (filled in as the pass goes; complete at its end). */
export interface WxrChannel {
  title?: string;
  link?: string;
  baseSiteUrl?: string;
  baseBlogUrl?: string;
  wxrVersion?: string;
}

export interface WxrCategory {
  domain: string;
  nicename: string;
  name: string;
}

/** One <item> as written: its fields by prefixed name ("title", "wp:post_id", "content:encoded"). */
export interface RawWxrItem {
  /** Line of the <item> tag, for messages. */
  line: number;
  fields: Map<string, string>;
  categories: WxrCategory[];
  postmeta: Map<string, string>;
  /** Some field went over maxFieldBytes; its text was dropped (the item cannot be imported). */
  oversized: boolean;
}

export interface WxrStreamOptions {
  /** Fields not worth keeping in this pass (e.g. "content:encoded" while collecting attachments). */
  skipFields?: ReadonlySet<string>;
  /** Bound on one field's text (UTF-8 bytes). */
  maxFieldBytes: number;
}

/** The file is not a readable WXR export: the message is Polish and names the file and the line. */
export class WxrFormatError extends Error {
  readonly file: string;
  readonly reason: string;
  readonly line: number;
  constructor(file: string, reason: string, line: number) {
    super(`Plik ${file} nie jest eksportem WordPressa (WXR): ${reason}, wiersz ${line}`);
    this.name = 'WxrFormatError';
    this.file = file;
    this.reason = reason;
    this.line = line;
  }
}

const CHANNEL_FIELDS = new Set(['title', 'link', 'wp:base_site_url', 'wp:base_blog_url', 'wp:wxr_version']);
const WP_NS = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/$/;
const EXCERPT_NS = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/$/;
const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

/** "wp:post_id" for an element of any WXR version's namespace; null for namespaces the reader ignores. */
function keyOf(tag: SaxesTagNS): string | null {
  const uri = tag.uri;
  if (uri === '') return tag.local;
  if (WP_NS.test(uri)) return `wp:${tag.local}`;
  if (uri === CONTENT_NS) return `content:${tag.local}`;
  if (EXCERPT_NS.test(uri)) return `excerpt:${tag.local}`;
  if (uri === DC_NS) return `dc:${tag.local}`;
  return null;
}

interface Capture {
  depth: number;
  key: string;
  parts: string[];
  bytes: number;
  dropped: boolean;
  attributes?: Record<string, string>;
}

export async function* streamWxrItems(file: string, channel: WxrChannel, options: WxrStreamOptions): AsyncGenerator<RawWxrItem> {
  const parser = new SaxesParser({ xmlns: true, fileName: file });
  const queue: RawWxrItem[] = [];
  let failure: WxrFormatError | undefined;
  const fail = (reason: string) => {
    failure ??= new WxrFormatError(file, reason, parser.line);
  };

  let depth = 0;
  let inChannel = false;
  let item: RawWxrItem | undefined;
  let meta: { key?: string; value?: string } | undefined;
  let capture: Capture | undefined;

  const append = (text: string) => {
    if (!capture || capture.dropped) return;
    capture.bytes += Buffer.byteLength(text);
    if (capture.bytes > options.maxFieldBytes) {
      capture.dropped = true;
      capture.parts = [];
      if (item) item.oversized = true;
      return;
    }
    capture.parts.push(text);
  };

  parser.on('error', (err) => {
    // HTML entities written outside CDATA (&nbsp; in an old title) stay as written: the HTML
    // converter decodes them. Every other well-formedness error ends the pass.
    if (err.message.endsWith('undefined entity.')) return;
    // saxes puts the exact position in its message ("file:line:col: …").
    const at = /:(\d+):\d+: /.exec(err.message);
    failure ??= new WxrFormatError(file, polishReason(err.message), at ? Number(at[1]) : parser.line);
  });

  parser.on('opentag', (tag) => {
    depth += 1;
    if (failure) return;
    if (depth === 1) {
      if (tag.local !== 'rss' || tag.uri !== '') fail(`główny element to <${tag.name}>, a nie <rss>`);
      return;
    }
    const key = keyOf(tag);
    if (depth === 2) {
      inChannel = key === 'channel';
      return;
    }
    if (!inChannel || key === null) return;
    if (depth === 3) {
      if (key === 'item') {
        if (!channel.wxrVersion) fail('brak elementu wp:wxr_version przed pierwszym wpisem (to zwykły kanał RSS?)');
        item = { line: parser.line, fields: new Map(), categories: [], postmeta: new Map(), oversized: false };
      } else if (CHANNEL_FIELDS.has(key)) {
        capture = { depth, key, parts: [], bytes: 0, dropped: false };
      }
      return;
    }
    if (!item) return;
    if (depth === 4) {
      if (key === 'wp:postmeta') meta = {};
      else if (!options.skipFields?.has(key)) {
        capture = { depth, key, parts: [], bytes: 0, dropped: false, attributes: key === 'category' ? attributesOf(tag) : undefined };
      }
    } else if (depth === 5 && meta && (key === 'wp:meta_key' || key === 'wp:meta_value')) {
      capture = { depth, key, parts: [], bytes: 0, dropped: false };
    }
  });

  parser.on('text', append);
  parser.on('cdata', append);

  parser.on('closetag', () => {
    const closing = depth;
    depth -= 1;
    if (failure) return;
    if (capture && capture.depth === closing) {
      const value = capture.parts.join('');
      const key = capture.key;
      if (closing === 3) setChannelField(channel, key, value.trim());
      else if (closing === 4 && item) {
        if (key === 'category') {
          item.categories.push({ domain: capture.attributes?.domain ?? '', nicename: capture.attributes?.nicename ?? '', name: value.trim() });
        } else if (!item.fields.has(key)) item.fields.set(key, value);
      } else if (closing === 5 && meta) {
        if (key === 'wp:meta_key') meta.key = value.trim();
        else meta.value = value;
      }
      capture = undefined;
      return;
    }
    if (closing === 4 && meta && item) {
      // The first value of a key wins, as get_post_meta(…, true) reads it.
      if (meta.key && meta.value !== undefined && !item.postmeta.has(meta.key)) item.postmeta.set(meta.key, meta.value);
      meta = undefined;
    } else if (closing === 3 && item) {
      queue.push(item);
      item = undefined;
    } else if (closing === 2) {
      inChannel = false;
    }
  });

  let stream: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'plik nie istnieje' : (err as Error).message;
    throw new Error(`Nie można odczytać pliku ${file}: ${reason}`, { cause: err });
  }
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (failure) throw failure;
      while (queue.length > 0) yield queue.shift()!;
    }
    parser.close();
    if (failure) throw failure;
    while (queue.length > 0) yield queue.shift()!;
    if (!channel.wxrVersion) throw new WxrFormatError(file, 'brak elementu wp:wxr_version (to zwykły kanał RSS?)', parser.line);
  } finally {
    stream.destroy();
  }
}

function setChannelField(channel: WxrChannel, key: string, value: string) {
  if (key === 'title') channel.title ??= value;
  else if (key === 'link') channel.link ??= value;
  else if (key === 'wp:base_site_url') channel.baseSiteUrl ??= value;
  else if (key === 'wp:base_blog_url') channel.baseBlogUrl ??= value;
  else if (key === 'wp:wxr_version') channel.wxrVersion ??= value;
}

function attributesOf(tag: SaxesTagNS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attr of Object.values(tag.attributes)) out[attr.local] = attr.value;
  return out;
}

/** saxes reports "file:line:col: message"; editors get the gist in Polish and the raw words after it. */
function polishReason(raw: string): string {
  const message = raw.replace(/^.*?:\d+:\d+: /s, '');
  if (/^unclosed tag|^unexpected end/i.test(message)) return `plik się urywa, elementy nie są domknięte (niepełny eksport?) – ${message}`;
  if (/document must contain a root element/i.test(message)) return 'plik jest pusty albo nie zawiera XML';
  if (/text data outside of root node/i.test(message)) return 'to nie jest plik XML (tekst poza elementem głównym)';
  if (/unbound namespace prefix/i.test(message)) return `przedrostek bez zadeklarowanej przestrzeni nazw – ${message}`;
  return `błąd składni XML – ${message}`;
}
