// HTML bodies of old reports → Strapi Blocks (issue 15). See convert.ts for the pipeline.
//
// What the conversion still loses (each with a warning for the editor unless marked silent):
// - tables (rows become paragraphs, cells joined by " | "); embeds: iframes, videos, objects,
//   forms, SVG (a [embed]/wp:embed/bare address keeps its link); dynamic and reusable blocks;
//   Joomla modules ({loadposition}) and folder galleries ({gallery}); [gallery] without ids;
// - links an image was (Blocks images are no links); links other than http(s)/mailto/tel;
//   anchors of the old page (#…, silent);
// - silent: colours, fonts, alignment, classes, sup/sub (text kept), an ordered list's start,
//   horizontal rules, the link of an image inside a list item or code block (the image goes
//   after the block), list nesting past 8 levels (flattened), images' sizes and alignment.
export { convertBody } from './convert.ts';
export { plainText } from './plain-text.ts';
export { resolveImages } from './resolve-images.ts';
export { isPendingImage } from './types.ts';
export type { ConvertedBody, ConvertedNode, ConvertOptions, PendingImage } from './types.ts';
