// The alt text of an event's cover photo. Editors describe photos in the gallery (where alt
// text is required); the cover is often the same uploaded file, whose own alternativeText is
// empty. The file's own text wins; else the gallery photo of the same file lends its alt.

interface MediaLike {
  url?: string | null;
  alternativeText?: string | null;
}
interface PhotoLike {
  alt?: string | null;
  image?: MediaLike | null;
}

export function coverAlt(cover: MediaLike | null | undefined, photos: readonly PhotoLike[] | null | undefined): string {
  if (!cover) return '';
  const own = cover.alternativeText?.trim();
  if (own) return own;
  const same = photos?.find((p) => p.image?.url && p.image.url === cover.url && p.alt?.trim());
  return same?.alt?.trim() ?? '';
}
