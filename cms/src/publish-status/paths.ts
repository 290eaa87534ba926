// Where each content type's page is on the public site (site/src/pages), for the link the
// admin shows beside "Na stronie od …".

export const STATUS_TYPES = {
  'api::event.event': { collection: 'events', path: 'wydarzenia', nameField: 'title', drafts: true },
  'api::gallery.gallery': { collection: 'galleries', path: 'galerie', nameField: 'title', drafts: true },
  'api::speaker.speaker': { collection: 'speakers', path: 'osoby', nameField: 'name', drafts: false },
  'api::institution.institution': { collection: 'institutions', path: 'instytucje', nameField: 'name', drafts: false },
} as const;

export type StatusUid = keyof typeof STATUS_TYPES;

export const isStatusUid = (uid: string): uid is StatusUid => Object.hasOwn(STATUS_TYPES, uid);

/** The public address of an entry's page, when the site's address is known. */
export function pageUrl(siteUrl: string | undefined, uid: StatusUid, slug: string | null | undefined): string | undefined {
  if (!siteUrl || !slug) return undefined;
  return `${siteUrl.replace(/\/+$/, '')}/${STATUS_TYPES[uid].path}/${encodeURIComponent(slug)}/`;
}
