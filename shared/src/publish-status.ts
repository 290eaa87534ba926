// Whether the public site shows an entry's current version: what the admin shows an editor
// after "Opublikuj". The rebuild service knows what the live release was built from; the CMS
// asks it server to server (the secret never reaches the browser) and hands the admin this.

export const PUBLISH_STATES = ['live', 'updating', 'failed', 'not-public', 'unknown'] as const;
export type PublishState = (typeof PUBLISH_STATES)[number];

/** Why a build stopped, as the build itself reported it (never parsed from log text). */
export interface BuildFailure {
  /** Content type of the entry that stopped the build ("event", "gallery" …), or "request" when the CMS did not answer. */
  type: string;
  slug?: string;
  documentId?: string;
  /** The field, as the contract names it ("dates[0].start", "body"). */
  field?: string;
  /** The request that failed or hung ("GET http://…"), without the token. */
  request?: string;
  message: string;
}

/**
 * What a site build reports to whoever runs it, as data, in the JSON file named by
 * SITE_BUILD_REPORT (site/src/loader/build-report.ts writes it): the first failure that stopped
 * it, and whether it shipped the previous search index instead of making a new one.
 */
export interface BuildReport {
  failure?: BuildFailure;
  search?: { deferred: true; pagesInPreviousIndex: number };
}

export interface EntryPublishStatus {
  /**
   * live: the site shows the version published now; updating: a newer version is being built
   * or waits for its build; failed: the last build that should have carried it failed;
   * not-public: the entry has no published version (a draft, or withdrawn); unknown: the
   * rebuild service could not be asked.
   */
  state: PublishState;
  /** Of "live": when the release that carries this version went live (ISO 8601). */
  since?: string;
  /** The entry's public page, where it has one. */
  url?: string;
  /** A Polish sentence for the editor, ready to show ("Na stronie od 12:03"). */
  message: string;
  /** Of "failed": what stopped the build. */
  failure?: BuildFailure;
}

/** The admin route's answer: GET /cus-publish/status?uid=<content type uid>&documentIds=a,b,c */
export interface PublishStatusResponse {
  data: Record<string, EntryPublishStatus>;
}

/** The admin route the CMS serves to logged-in editors. */
export const PUBLISH_STATUS_ADMIN_PATH = '/cus-publish/status';

/** Collections the rebuild service reports per entry (the export's names). */
export const REBUILD_ENTRY_COLLECTIONS = ['events', 'galleries', 'speakers', 'institutions'] as const;
export type RebuildEntryCollection = (typeof REBUILD_ENTRY_COLLECTIONS)[number];
/** Most documentIds one status request may name (the admin asks for one page of a list). */
export const PUBLISH_STATUS_MAX_IDS = 200;

/**
 * The rebuild service's answer to GET /entries?collection=<c>&documentIds=a,b (X-Rebuild-Secret
 * required): what the live release holds of each entry, and whether a build may change it.
 */
export interface RebuildEntriesResponse {
  /** The live release and when it went live; null when the service has recorded none. */
  live: { release: string; since: string } | null;
  building: boolean;
  /** Changes waiting for a build. */
  pending: number;
  entries: Record<
    string,
    {
      /** The version (updatedAt, ISO 8601) the live release was built from; null: not in it. */
      liveVersion: string | null;
      /** When the release that first carried that version went live. */
      liveSince: string | null;
      /** A change naming this entry waits for a build or is being built (where the webhook named it). */
      pending: boolean;
    }
  >;
  /** The last build, when it failed after the live release went live. */
  lastFailure: { at: string; error: string; failure?: BuildFailure } | null;
}
