// What every source reader (WordPress export, Joomla API) hands to the importer: one report as
// the old site held it, before any conversion. Readers only read and normalise; converting the
// body (../html), reading suggestions (../suggest) and writing to the CMS (../run) happen later.

/** An image the old site showed: where to get it and what the source says about it. */
export interface SourceImage {
  /** Absolute http(s) address in the old site. */
  url: string;
  /** WordPress attachment id, when the image is an attachment of the export. */
  attachmentId?: number;
  /** Alt text as the source gives it (WordPress `_wp_attachment_image_alt`, an <img alt>, Joomla's image alt). */
  alt?: string;
  caption?: string;
  title?: string;
}

/** One report (WordPress post, Joomla article) as read from the source. */
export interface SourceItem {
  system: 'wordpress' | 'joomla';
  /** "wordpress:<host>:<post id>" / "joomla:<host>:<article id>" (IMPORT_SOURCE_KEY in @cus/shared/import). */
  key: string;
  id: number;
  /** The public address the old site gave it (WordPress <link>, Joomla's article route). */
  url: string;
  /** Other addresses that reached it (WordPress "?p=<id>", <guid> when it is a URL of the same site). */
  otherUrls: string[];
  title: string;
  /** ISO 8601 with offset: WordPress post_date_gmt (or post_date in the site's zone), Joomla publish_up/created. */
  publishedAt: string;
  modifiedAt?: string;
  category?: string;
  /** Joomla's view counter. */
  hits?: number;
  /** The body as stored: WordPress content:encoded (shortcodes and block comments included), Joomla introtext + fulltext. */
  html: string;
  /** A short text the source keeps apart (WordPress excerpt, Joomla metadesc), if any. */
  excerpt?: string;
  featuredImage?: SourceImage;
  /** Images the source lists for the item outside its body (Joomla image_intro / image_fulltext). */
  extraImages?: SourceImage[];
  /** Resolves a WordPress attachment id ([gallery ids="…"], wp:image / wp:gallery block ids). */
  attachment?: (id: number) => SourceImage | undefined;
}

/** An item the reader saw and will not import, with the reason in Polish (for the summary). */
export interface SkippedSourceItem {
  id: number;
  title: string;
  /** e.g. "strona (page)", "szkic (draft)", "kosz (trash)". */
  reason: string;
}

/** An item the reader could not read (malformed): named, in Polish; the other items go on. */
export interface SourceProblem {
  id?: number;
  title?: string;
  message: string;
}

export type SourceEntry =
  | { kind: 'item'; item: SourceItem }
  | { kind: 'skipped'; skipped: SkippedSourceItem }
  | { kind: 'problem'; problem: SourceProblem };

/** What the reader knows about the site as a whole. */
export interface SourceSite {
  title: string;
  /** The site's base address (WordPress <wp:base_site_url>/<link>, the Joomla URL given). */
  baseUrl: string;
}
