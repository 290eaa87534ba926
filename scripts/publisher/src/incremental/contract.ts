import type { BuildFailure } from '@cus/shared';

// The site's side of the publisher contract (`@cus/site/publisher`, site/src/publisher): the
// content the engine installs, the outputs it lists and renders. Types only, re-exported so the
// engine's modules name them in one place.

export type { PublisherEntry, SiteContent, SitePath, StoredEntry, CollectionName as SiteCollection } from '@cus/site/publisher';

/** The collections the site reads, in the order they are synced (as site/src/lib/site-content.ts). */
export const SITE_COLLECTIONS = ['events', 'speakers', 'institutions', 'galleries', 'settings'] as const;

/**
 * The entries a publish is about, by collection (the webhooks named them): the publish reads
 * only these and the entries that embed them, not every collection's version list.
 */
export type ChangedEntries = Partial<Record<(typeof SITE_COLLECTIONS)[number], readonly string[]>>;

/**
 * An entry that could not be published, as data: it keeps its last good page. `type` is the
 * content type ('event' …), 'page' for an output tied to no entry, 'request' for the CMS;
 * `pathname` the output that could not be rendered, for a rendering failure.
 */
export interface EntryFailure extends BuildFailure {
  pathname?: string;
}
