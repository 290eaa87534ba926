// The pages' dates for the sitemap (made by src/lib/lastmod.ts, which reads the content).

export interface SiteDates {
  /** Site path (as in url.*) → ISO date-time. */
  paths: ReadonlyMap<string, string>;
  /** The newest date of all content: pages not in `paths`. */
  site: string;
}

/** The date of a page: its own, its listing's (…/strona/N/ is a page of the listing above it), or the site's. */
export function lastmodFor(dates: SiteDates, pathname: string): string {
  return dates.paths.get(pathname) ?? dates.paths.get(pathname.replace(/strona\/\d+\/$/, '')) ?? dates.site;
}
