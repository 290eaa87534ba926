import fs from 'node:fs';
import path from 'node:path';

// Reading a built page as a visitor would: its text, with tags dropped and entities decoded.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Visible text of a page (no head, scripts or tags), spaces normalised, NBSP as a space. */
export function textOf(html: string): string {
  const body = html.replace(/^[\s\S]*?<body[^>]*>/i, '').replace(/<script[\s\S]*?<\/script>/gi, '');
  return decode(body.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, ' ')).replace(/[\s\u00a0]+/g, ' ').trim();
}

export function readPage(distDir: string, sitePath: string): string {
  const file = path.join(distDir, sitePath, sitePath.endsWith('/') ? 'index.html' : '');
  return fs.readFileSync(file, 'utf8');
}

/** Every href of the page's links. */
export const linksOf = (html: string) => [...html.matchAll(/<a\s[^>]*href="([^"]+)"/g)].map((m) => decode(m[1]!));

/** A start tag with its attributes (quoted values may hold ">"); escaped text never forms one. */
const START_TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export interface StartTag {
  name: string;
  attributes: [name: string, value: string][];
}

/** Every start tag of a page, with its attributes decoded. */
export function startTags(html: string): StartTag[] {
  return [...html.matchAll(START_TAG)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attributes: [...m[2]!.matchAll(ATTRIBUTE)].map((a): [string, string] => [a[1]!.toLowerCase(), decode(a[2] ?? a[3] ?? a[4] ?? '')]),
  }));
}
