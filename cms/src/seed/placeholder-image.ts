import sharp from 'sharp';

// The source reports came without photos, so each seeded gallery gets generated cards:
// a photo-sized JPEG (so upload makes its usual responsive formats) with a colour taken
// from the label and the label painted on it. Their alt text says exactly that.

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function hue(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return h;
}

export async function placeholderJpeg(label: string, width = 1600, height = 1067): Promise<Buffer> {
  const h = hue(label);
  const lines = wrap(label, 34).slice(0, 5);
  const lineHeight = 84;
  const top = height / 2 - ((lines.length - 1) * lineHeight) / 2;
  const text = lines
    .map((l, i) => `<text x="50%" y="${top + i * lineHeight}" text-anchor="middle">${escapeXml(l)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${h},45%,32%)"/><stop offset="1" stop-color="hsl(${(h + 40) % 360},50%,18%)"/>
  </linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  <circle cx="${width * 0.82}" cy="${height * 0.2}" r="${height * 0.32}" fill="hsl(${(h + 180) % 360},40%,60%)" opacity="0.18"/>
  <g font-family="DejaVu Sans, sans-serif" font-size="64" font-weight="bold" fill="#ffffff">${text}</g>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}
