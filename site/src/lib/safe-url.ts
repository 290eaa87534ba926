// Addresses from the CMS that the site renders as links or puts in structured data. The CMS
// already refuses other schemes at save; this is the site's own guard, for entries saved before
// that rule or written around it: only http(s) with a host (and mailto: for an e-mail) is ever
// rendered, anything else (javascript:, data:, vbscript:, protocol-relative, relative) is dropped.

// Control characters and spaces inside an address are how "java\tscript:" slips past checks.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f]/;

/** The address as an absolute http(s) URL, or null when it is anything else. */
export function safeWebUrl(value: string | null | undefined): string | null {
  const raw = value?.trim();
  if (!raw || CONTROL_OR_SPACE.test(raw) || !/^https?:\/\/[^/\\?#@]/i.test(raw)) return null;
  try {
    const parsed = new URL(raw);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '' ? raw : null;
  } catch {
    return null;
  }
}

/** A mailto: link to an e-mail address, or null when the value is not one address. */
export function safeMailto(email: string | null | undefined): string | null {
  const raw = email?.trim();
  if (!raw || !/^[^\s@<>()[\]\\,;:"/?#&%]+@[^\s@<>()[\]\\,;:"/?#&%]+\.[^\s@<>()[\]\\,;:"/?#&%]+$/.test(raw)) return null;
  return `mailto:${raw}`;
}
