// The pages' dates for the sitemap, as the build hands them to the sitemap integration
// (made by src/lib/lastmod.ts, which reads the content; this file is read by astro.config too,
// so it imports nothing of the build).

export interface SiteDates {
  /** Site path (as in url.*) → ISO date-time. */
  paths: Record<string, string>;
  /** The newest date of all content: pages not in `paths`. */
  site: string;
}

/** The file the build writes the dates to (src/pages/sitemap-lastmod.json.ts), removed at the end of the build. */
export const SITE_DATES_FILE = 'sitemap-lastmod.json';

/** The date of a page: its own, its listing's (…/strona/N/ is a page of the listing above it), or the site's. */
export function lastmodFor(dates: SiteDates, pathname: string): string {
  return dates.paths[pathname] ?? dates.paths[pathname.replace(/strona\/\d+\/$/, '')] ?? dates.site;
}
