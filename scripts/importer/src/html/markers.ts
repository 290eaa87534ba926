// Private-use characters that carry what mdast cannot hold through hast-util-to-mdast and
// mdastToBlocks: both keep every character of text, so a marker in the text comes out where it
// went in, wherever that is (a paragraph, a heading, a table row, a link, a list item).
// - an image: IMAGE_OPEN + its index + IMAGE_CLOSE (mdastToBlocks would make a link of an mdast image);
// - underline: UNDERLINE_OPEN … UNDERLINE_CLOSE (mdast has no underline; Blocks do).
// The source's own private-use characters in this range are removed first (markers.ts: stripMarkers).

export const IMAGE_OPEN = '\uE000';
export const IMAGE_CLOSE = '\uE001';
export const UNDERLINE_OPEN = '\uE002';
export const UNDERLINE_CLOSE = '\uE003';

export const imageMarker = (index: number) => `${IMAGE_OPEN}${index}${IMAGE_CLOSE}`;

/** Splits text into plain parts and markers (kept as tokens). */
export const MARKER_SPLIT = /(\uE000\d+\uE001|\uE002|\uE003)/;

const ANY_MARKER_CHAR = /[\uE000-\uE003]/g;

/** Source text without characters that would read as markers. */
export const stripMarkers = (text: string) => text.replace(ANY_MARKER_CHAR, '');

export function parseImageMarker(token: string): number | undefined {
  if (!token.startsWith(IMAGE_OPEN) || !token.endsWith(IMAGE_CLOSE)) return undefined;
  const n = Number(token.slice(1, -1));
  return Number.isInteger(n) ? n : undefined;
}
