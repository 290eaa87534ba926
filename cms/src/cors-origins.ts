// Which origins may call the CMS from a browser with credentials. Strapi's default reflects any
// Origin with Access-Control-Allow-Credentials, so a script on any page could use an editor's
// admin cookie. Allowed: the CMS's own origin (the admin panel is served from it), PUBLIC_URL's,
// and those listed in CORS_ORIGINS; every other origin gets no Access-Control-Allow-* header.

const originOf = (url: string): string | null => {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
};

export function configuredOrigins(publicUrl: string | undefined, corsOrigins: string | undefined): string[] {
  const list = [publicUrl ?? '', ...(corsOrigins ?? '').split(',')].map(originOf).filter((o): o is string => o !== null);
  return [...new Set(list)];
}

/** For strapi::cors `origin`: the request's origin when allowed, '' (no CORS headers) otherwise. */
export function corsOrigin(allowed: readonly string[]) {
  return (ctx: { get(header: string): string; protocol: string; host: string }): string[] => {
    const origin = ctx.get('Origin');
    // A browser's Host is the CMS itself: a page of the same origin is the admin panel.
    const own = `${ctx.protocol}://${ctx.host}`;
    return origin && (origin === own || allowed.includes(origin)) ? [origin] : [];
  };
}
