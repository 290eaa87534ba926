// Whether the public site shows an entry's current version: what the admin shows an editor
// after "Opublikuj". The rebuild service knows what the live release was built from; the CMS
// asks it server to server (the secret never reaches the browser) and hands the admin this.

export const PUBLISH_STATES = ['live', 'updating', 'failed', 'not-public', 'unknown'] as const;
export type PublishState = (typeof PUBLISH_STATES)[number];

/** Why a build stopped, as the build itself reported it (never parsed from log text). */
export interface BuildFailure {
  /** Content type of the entry that stopped the build ("event", "gallery" …), or "request". */
  type?: string;
  slug?: string;
  documentId?: string;
  field?: string;
  message: string;
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
