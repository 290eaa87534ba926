import type { BlockNode } from '@cus/shared/blocks';
import type { SourceImage } from '../source-item.ts';
import { isPendingImage, type ConvertedNode } from './types.ts';

/** The final blocks once the run has uploaded the images: resolve(image) → an image block, or null to drop it (the run warns). */
export function resolveImages(nodes: readonly ConvertedNode[], resolve: (image: SourceImage) => BlockNode | null): BlockNode[] {
  const blocks: BlockNode[] = [];
  for (const node of nodes) {
    if (!isPendingImage(node)) blocks.push(node);
    else {
      const block = resolve(node.image);
      if (block) blocks.push(block);
    }
  }
  return blocks;
}
