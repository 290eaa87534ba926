import { describe, expect, it } from 'vitest';
import { pageKind, profileBuild } from './profile.ts';

// The profile is read from the log astro build prints; this is the shape of that log (Astro 7),
// colour codes included, running past midnight.
const ESC = String.fromCharCode(27);
const LOG = [
  '23:59:50 [content] Syncing content',
  '23:59:58 [content] Synced content',
  '23:59:58 [build] ✓ Completed in 8.10s.',
  '23:59:58 [build] Building static entrypoints...',
  '00:00:07 [vite] ✓ built in 9.00s',
  '00:00:08 [build] Rearranging server assets...',
  ' generating static routes ',
  `00:00:10   ${ESC}[34m├─${ESC}[39m ${ESC}[2m/og/a.png${ESC}[22m (+40ms) `,
  '00:00:14   ├─ /og/b.png (+40ms) ',
  '00:00:15   ├─ /wydarzenia/a/index.html (+5ms) 00:00:15   ├─ /wydarzenia/b/index.html (restored)',
  '00:00:18   ├─ /wydarzenia/strona/2/index.html00:00:18   ├─ /wydarzenia/strona/3/index.html (+3ms) ',
  '00:00:20 ✓ Completed in 12s.',
  '00:00:20 [build] ✓ Completed in 12.5s.',
  '00:00:25 [cus-search-index] search index of 5 pages in 4100 ms',
  '00:00:26 [build] 5 page(s) built in 36s',
].join('\n');

describe('the build profile', () => {
  it('splits a build log into its steps and pages by kind, across midnight', () => {
    const steps = Object.fromEntries(profileBuild(LOG).map((s) => [s.step, s]));
    expect(steps['content sync (loader)']?.seconds).toBe(8);
    expect(steps['bundling (vite)']?.seconds).toBe(10);
    expect(steps['page generation set-up']?.seconds).toBe(2);
    expect(steps['pages: share cards (/og/*.png)']).toEqual({ step: 'pages: share cards (/og/*.png)', seconds: 4, pages: 2, restored: 0 });
    expect(steps['pages: event pages']).toEqual({ step: 'pages: event pages', seconds: 1, pages: 2, restored: 1 });
    expect(steps['pages: listings and archives']).toMatchObject({ seconds: 3, pages: 2 });
    expect(steps['after the pages (sitemap, CMS files, search index)']?.seconds).toBe(6);
    expect(steps['  of which search index (Pagefind)']?.seconds).toBe(4.1);
  });

  it('names the kind of every page the site makes', () => {
    expect(pageKind('/wydarzenia/rok/2024/index.html')).toBe('listings and archives');
    expect(pageKind('/wydarzenia/index.html')).toBe('listings and archives');
    expect(pageKind('/wydarzenia/zjazd/index.html')).toBe('event pages');
    expect(pageKind('/wydarzenia/zjazd.ics')).toBe('calendars (.ics)');
    expect(pageKind('/osoby/jan-kowalski/index.html')).toBe('person pages');
    expect(pageKind('/wydarzenia/rodzaj/szkolenie/rss.xml')).toBe('feeds');
  });
});
