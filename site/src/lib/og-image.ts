import sharp from 'sharp';

// The share card of an event (Open Graph, 1200×630 PNG): site name, type, title and date on the
// site's colours. Drawn from text at build time; Astro's incremental build keeps an unchanged
// card (its cache key is the text on it and OG_TEMPLATE_VERSION).

export const OG_TEMPLATE_VERSION = 1;
export const OG_SIZE = { width: 1200, height: 630 };

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Words into lines of at most `width` characters; at most `max` lines, the last one cut with "…". */
export function wrap(text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > max) {
    const kept = lines.slice(0, max);
    kept[max - 1] = `${kept[max - 1]!.replace(/[,.:;–-]?$/, '')}…`;
    return kept;
  }
  return lines;
}

export interface CardText {
  site: string;
  kind: string;
  title: string;
  when: string;
  where?: string;
}

export async function renderOgCard(card: CardText): Promise<ArrayBuffer> {
  const titleLines = wrap(card.title, 30, 4);
  const size = titleLines.length > 3 ? 52 : 60;
  const titleTop = 230 - (titleLines.length - 1) * (size * 0.6);
  const title = titleLines.map((l, i) => `<text x="80" y="${titleTop + i * size * 1.2}" font-size="${size}" font-weight="bold">${escapeXml(l)}</text>`).join('');
  const footer = [card.when, card.where].filter(Boolean).join(' · ');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_SIZE.width}" height="${OG_SIZE.height}">
  <rect width="100%" height="100%" fill="#0b3d66"/>
  <rect y="${OG_SIZE.height - 24}" width="100%" height="24" fill="#ffdd00"/>
  <g font-family="DejaVu Sans, Noto Sans, sans-serif" fill="#ffffff">
    <text x="80" y="92" font-size="30">${escapeXml(card.site)}</text>
    <text x="80" y="140" font-size="30" fill="#ffdd00">${escapeXml(card.kind)}</text>
    ${title}
    <text x="80" y="${OG_SIZE.height - 70}" font-size="36">${escapeXml(footer)}</text>
  </g>
</svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer;
}
