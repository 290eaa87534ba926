import { createHash } from 'node:crypto';
import { EVENT_TYPE_LABELS, VOIVODESHIP_LABELS } from './constants.js';
import { formatDateRanges, type DateRange } from './dates.js';

// The share card of an event (Open Graph / Twitter, 1200×630): site name, type, title, dates
// and place on the site's colours. Drawn once by the CMS when the event is published
// (cms/src/share-cards), never by a site build. Everything here is pure: the text from export
// data, the SVG from the text, and the file name from the text, so the CMS's export can tell,
// without touching any file, whether the card of an event's current text has been drawn.

/** Bumped whenever the drawing changes: every card gets a new file name and is drawn again. */
export const SHARE_CARD_TEMPLATE_VERSION = 2; // 1 was drawn by the site's build (site/src/lib/og-image.ts)
export const SHARE_CARD_SIZE = { width: 1200, height: 630 } as const;
export const SHARE_CARD_MIME = 'image/png';
/** "og-" + 16 hex digits of the text's digest + ".png". */
export const SHARE_CARD_FILE_NAME = /^og-[0-9a-f]{16}\.png$/;

/** What a card says. */
export interface ShareCardText {
  site: string;
  kind: string;
  title: string;
  when: string;
  where: string;
}

/** The fields of an event (as the export or the database gives them) that a card shows. */
export interface ShareCardEvent {
  title?: string | null;
  type?: string | null;
  format?: string | null;
  dates?: readonly { start?: unknown; end?: unknown }[] | null;
  venue?: { city?: string | null; voivodeship?: string | null } | null;
}

/** Title lines: at most TITLE_MAX_LINES lines of TITLE_LINE_CHARS characters. */
const TITLE_LINE_CHARS = 30;
const TITLE_MAX_LINES = 4;
/** One-line texts, in characters, so that they fit 1040 px at their font size. */
const SITE_CHARS = 60;
const FOOTER_CHARS = 52;
const ELLIPSIS = '…';

// Code points XML 1.0 cannot hold (C0 controls but tab/newline/return, lone surrogates,
// U+FFFE/U+FFFF) would make the SVG unparsable; bidi overrides and zero-width joiners that a
// title may carry are harmless and kept.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as one clean line: NFC (so "ą" typed two ways is one card), no XML-invalid characters, single spaces. */
export function cleanCardText(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.normalize('NFC').replace(NOT_XML, '').replace(/\s+/g, ' ').trim();
}

/** Escapes text for an SVG text node or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const chars = (s: string) => [...s];

/** Cuts a line to `max` characters (code points), ending it with "…" when anything was cut. */
export function clipLine(text: string, max: number): string {
  const cs = chars(text);
  if (cs.length <= max) return text;
  return `${cs.slice(0, max - 1).join('').replace(/[\s,.:;–-]+$/, '')}${ELLIPSIS}`;
}

/**
 * Words into lines of at most `width` characters; at most `max` lines, the last one cut with
 * "…" when the text goes on. A word longer than a line (a URL, a long compound) is broken.
 */
export function wrapCardLines(text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = chars(word);
    if (line && chars(line).length + 1 + rest.length <= width) {
      line = `${line} ${word}`;
      continue;
    }
    if (line) lines.push(line);
    while (rest.length > width) {
      lines.push(rest.slice(0, width).join(''));
      rest = rest.slice(width);
    }
    line = rest.join('');
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  const last = chars(kept[max - 1]!);
  // Room for the ellipsis, and no dangling punctuation before it.
  kept[max - 1] = `${(last.length >= width ? last.slice(0, width - 1) : last).join('').replace(/[\s,.:;–-]+$/, '')}${ELLIPSIS}`;
  return kept;
}

const isoDay = (v: unknown): string | null => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : '';
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
};

/** „19–21 czerwca 2023 r.”; '' when the event has no readable date (the CMS refuses to publish one). */
function whenOf(dates: ShareCardEvent['dates']): string {
  const ranges: DateRange[] = [];
  for (const d of dates ?? []) {
    const start = isoDay(d?.start);
    if (!start) continue;
    const end = isoDay(d?.end);
    ranges.push({ start, end: end && end >= start ? end : null });
  }
  try {
    return formatDateRanges(ranges);
  } catch {
    return '';
  }
}

/** „Rzeszów, woj. podkarpackie”, „online” (as the site's placeLabel), or ''. */
function whereOf(event: ShareCardEvent): string {
  const v = event.venue;
  const voivodeship = v?.voivodeship && Object.hasOwn(VOIVODESHIP_LABELS, v.voivodeship) ? VOIVODESHIP_LABELS[v.voivodeship as keyof typeof VOIVODESHIP_LABELS] : null;
  const parts = [cleanCardText(v?.city), voivodeship ? `woj. ${voivodeship}` : ''].filter(Boolean);
  if (parts.length === 0 && event.format === 'online') return 'online';
  return parts.join(', ');
}

/**
 * The text of an event's card, from an exported (or stored) event and the site settings.
 * Total: whatever the data holds, it gives a text (the contract refuses bad entries elsewhere).
 */
export function shareCardText(event: ShareCardEvent, settings: { siteName?: string | null }): ShareCardText {
  const type = typeof event.type === 'string' && Object.hasOwn(EVENT_TYPE_LABELS, event.type) ? event.type : null;
  return {
    site: cleanCardText(settings.siteName),
    kind: type ? EVENT_TYPE_LABELS[type as keyof typeof EVENT_TYPE_LABELS] : '',
    title: cleanCardText(event.title),
    when: whenOf(event.dates),
    where: whereOf(event),
  };
}

/** The card's file name: a digest of its text and of the template version, e.g. "og-3f9a0c1d2e4b5a69.png". */
export function shareCardFileName(text: ShareCardText): string {
  const key = JSON.stringify([SHARE_CARD_TEMPLATE_VERSION, text.site, text.kind, text.title, text.when, text.where]);
  return `og-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.png`;
}

/** The card as SVG (1200×630); the CMS turns it into the PNG. */
export function shareCardSvg(text: ShareCardText): string {
  const { width, height } = SHARE_CARD_SIZE;
  const titleLines = wrapCardLines(text.title, TITLE_LINE_CHARS, TITLE_MAX_LINES);
  const size = titleLines.length > 3 ? 52 : 60;
  const titleTop = 230 - (titleLines.length - 1) * (size * 0.6);
  const title = titleLines
    .map((l, i) => `<text x="80" y="${Math.round(titleTop + i * size * 1.2)}" font-size="${size}" font-weight="bold">${escapeXml(l)}</text>`)
    .join('');
  const footer = clipLine([text.when, text.where].filter(Boolean).join(' · '), FOOTER_CHARS);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="100%" height="100%" fill="#0b3d66"/>
  <rect y="${height - 24}" width="100%" height="24" fill="#ffdd00"/>
  <g font-family="DejaVu Sans, Noto Sans, sans-serif" fill="#ffffff">
    <text x="80" y="92" font-size="30">${escapeXml(clipLine(text.site, SITE_CHARS))}</text>
    <text x="80" y="140" font-size="30" fill="#ffdd00">${escapeXml(text.kind)}</text>
    ${title}
    <text x="80" y="${height - 70}" font-size="36">${escapeXml(footer)}</text>
  </g>
</svg>`;
}
