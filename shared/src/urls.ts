// Which addresses an editor may store in a URL field: the site renders them as links and in
// structured data, so only schemes a browser opens as a page (or a mail client) are allowed.

export type UrlKind = 'web' | 'email-link';

const SCHEMES: Record<UrlKind, readonly string[]> = {
  web: ['http:', 'https:'],
  'email-link': ['http:', 'https:', 'mailto:'],
};

/** An absolute http(s) URL (or mailto: for an e-mail link) with a host; anything else is refused. */
export function isSafeUrl(value: string, kind: UrlKind = 'web'): boolean {
  // Control characters and spaces inside a URL are how "java\tscript:" slips past checks.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(value.trim())) return false;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return false;
  }
  if (!SCHEMES[kind].includes(url.protocol)) return false;
  return url.protocol === 'mailto:' ? url.pathname.includes('@') : url.hostname !== '';
}

export const UNSAFE_URL_MESSAGE = 'musi być pełnym adresem zaczynającym się od http:// lub https://';
