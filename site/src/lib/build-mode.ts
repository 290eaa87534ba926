// Which build this code runs in (astro.config.ts defines it): 'static' (the public site's plain
// files), 'publisher' (the long-lived publisher's on-demand build of the same pages) or
// 'preview' (the draft preview server). Outside a build (unit tests), 'static'.
declare const __CUS_SITE_MODE__: string | undefined;

export type SiteBuildMode = 'static' | 'publisher' | 'preview';
export const siteBuildMode: SiteBuildMode = (typeof __CUS_SITE_MODE__ === 'string' ? __CUS_SITE_MODE__ : 'static') as SiteBuildMode;
