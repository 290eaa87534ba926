// HTTP headers of the public site, one policy for every place it is served from: the local
// static server, the S3 upload (Cache-Control stored with each object) and the `_headers`
// file that CDNs such as Netlify or Cloudflare Pages read.

/** Files whose name changes whenever their content does: Astro's /_astro/ and the CMS's /media/. */
export function isImmutable(sitePath: string): boolean {
  return sitePath.startsWith('/_astro/') || sitePath.startsWith('/media/');
}

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages and feeds: a CDN may keep them a minute, browsers always ask again. */
export const CACHE_REVALIDATE = 'public, max-age=0, s-maxage=60, must-revalidate';

export function cacheControl(sitePath: string): string {
  return isImmutable(sitePath) ? CACHE_IMMUTABLE : CACHE_REVALIDATE;
}

/**
 * What the pages may load: everything from the site itself, nothing inline. The pages carry
 * no scripts but JSON-LD (a data block, not run); search (Pagefind) needs WebAssembly.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** Every header a response for this path gets. */
export function siteHeaders(sitePath: string): Record<string, string> {
  return { 'Cache-Control': cacheControl(sitePath), ...SECURITY_HEADERS };
}

/** The same policy in the `_headers` format (Netlify, Cloudflare Pages). */
export function headersFile(): string {
  const block = (pattern: string, headers: Record<string, string>) =>
    `${pattern}\n${Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;
  return [
    '# Written by the deploy step (scripts/serve/src/headers.ts); do not edit by hand.',
    block('/*', { ...SECURITY_HEADERS, 'Cache-Control': CACHE_REVALIDATE }),
    block('/_astro/*', { 'Cache-Control': CACHE_IMMUTABLE }),
    block('/media/*', { 'Cache-Control': CACHE_IMMUTABLE }),
  ].join('\n');
}
