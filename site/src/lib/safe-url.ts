import { isSafeUrl } from '@cus/shared';

// Addresses from the CMS that the site renders as links or puts in structured data. The CMS
// already refuses other schemes at save; this is the site's own guard, for entries saved before
// that rule or written around it (the same isSafeUrl, stricter on the host): only http(s) with
// a host (and mailto: for an e-mail) is ever rendered, anything else (javascript:, data:, vbscript:, protocol-relative, relative) is dropped.

/** The address as an absolute http(s) URL, or null when it is anything else. */
export function safeWebUrl(value: string | null | undefined): string | null {
  const raw = value?.trim();
  // The CMS's own rule, plus a host right after "//" ("https:///x" parses with host "x").
  if (!raw || !isSafeUrl(raw, 'web') || !/^https?:\/\/[^/\\?#@]/i.test(raw)) return null;
  return raw;
}

/** A mailto: link to an e-mail address, or null when the value is not one address. */
export function safeMailto(email: string | null | undefined): string | null {
  const raw = email?.trim();
  if (!raw || !/^[^\s@<>()[\]\\,;:"/?#&%]+@[^\s@<>()[\]\\,;:"/?#&%]+\.[^\s@<>()[\]\\,;:"/?#&%]+$/.test(raw)) return null;
  return `mailto:${raw}`;
}
