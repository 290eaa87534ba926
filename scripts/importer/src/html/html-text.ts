// Small helpers for the raw-string steps that write HTML of their own.

export const escapeAttribute = (value: string) => value.replace(/&(?![#a-zA-Z0-9]+;)/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export const escapeText = (value: string) => value.replace(/&(?![#a-zA-Z0-9]+;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A paragraph holding one link that shows its own address (an embed, a bare URL). */
export const linkParagraph = (url: string) => `<p><a href="${escapeAttribute(url)}">${escapeText(url)}</a></p>`;

/** Adds an attribute to the first <img> of a piece of HTML (no-op without one). */
export function tagFirstImage(html: string, attribute: string, value: string): { html: string; tagged: boolean } {
  const at = html.search(/<img\b/i);
  if (at === -1) return { html, tagged: false };
  const insertAt = at + 4;
  return { html: `${html.slice(0, insertAt)} ${attribute}="${escapeAttribute(value)}"${html.slice(insertAt)}`, tagged: true };
}
