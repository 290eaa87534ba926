import type { EventEntry } from '@cus/shared';
import { mediaPath } from './media';

// The share image (og:image, twitter:image) of an event's page: the card the CMS drew when the
// event was published, a CMS file copied into the build like the photos (/media/og-<hash>.png).
// null while the CMS has not drawn it yet: the layout then shows the site's default card.

export interface ShareImage {
  src: string;
  alt: string;
  width: number;
  height: number;
}

export function eventShareImage(event: Pick<EventEntry, 'shareCard'>, alt: string): ShareImage | null {
  const card = event.shareCard;
  return card ? { src: mediaPath(card), alt, width: card.width, height: card.height } : null;
}
