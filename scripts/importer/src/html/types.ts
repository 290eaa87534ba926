import type { BlockNode } from '@cus/shared/blocks';
import type { ImportWarning } from '@cus/shared/import';
import type { SourceImage } from '../source-item.ts';

/** An inline image, to be uploaded by the run; it stands where the image was in the body. */
export interface PendingImage {
  kind: 'pending-image';
  image: SourceImage;
}

export type ConvertedNode = BlockNode | PendingImage;

export interface ConvertedBody {
  /** In reading order; a PendingImage stands where the image was. */
  nodes: ConvertedNode[];
  /** Images of [gallery ids] / wp:gallery, in order, deduped by url. */
  gallery: SourceImage[];
  /** For the editor, in Polish. */
  warnings: ImportWarning[];
}

export interface ConvertOptions {
  system: 'wordpress' | 'joomla';
  /** The old site's base address: relative links and images are resolved against it. */
  baseUrl: string;
  /** WordPress attachments by id ([gallery ids], wp:image / wp:gallery ids, class "wp-image-N"). */
  attachment?: (id: number) => SourceImage | undefined;
}

export const isPendingImage = (node: ConvertedNode): node is PendingImage => 'kind' in node && node.kind === 'pending-image';
