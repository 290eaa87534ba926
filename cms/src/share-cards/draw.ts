import sharp from 'sharp';
import { shareCardSvg, type ShareCardText } from '@cus/shared';

// The one place a share card becomes pixels: the SVG that @cus/shared lays out, rendered by
// sharp (librsvg, system fonts: DejaVu Sans for Polish letters) into a PNG.

export interface DrawnCard {
  data: Buffer;
  width: number;
  height: number;
}

export async function drawShareCard(text: ShareCardText): Promise<DrawnCard> {
  const { data, info } = await sharp(Buffer.from(shareCardSvg(text))).png().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
