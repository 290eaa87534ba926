// A linear pass over the raw HTML before the parser sees it: tags nested deeper than
// MAX_OPEN_ELEMENTS are removed (their text stays). The HTML parser itself is iterative, but
// turning its tree into hast recurses once per level: 10,000 nested <div>s overflow the stack.
// The open elements are tracked roughly the way the HTML parser does (void elements, the
// implied ends of <p>, <li>, <td>, …), so ordinary unclosed <p>s and <li>s do not count as
// nesting; where the estimate is wrong, the sanitizer's own depth cap and convertBody's
// plain-text fallback still hold.

export const MAX_OPEN_ELEMENTS = 256;
/** How far down the open elements a closing tag is looked for (bounds the work per tag). */
const MAX_SEARCH = 512;

const VOID = new Set([
  'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen',
  'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
/** Elements whose content is text up to their end tag (no tags inside). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
/** Start tags that end an open <p> (HTML's "close a p element in button scope"). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'listing',
  'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul',
]);
/** For a start tag that ends an open element of its kind: that kind, and where the search stops. */
const IMPLIED_END: Record<string, { ends: string[]; stopAt: string[] }> = {
  li: { ends: ['li'], stopAt: ['ul', 'ol', 'menu', 'table', 'td', 'th'] },
  dt: { ends: ['dt', 'dd'], stopAt: ['dl', 'table', 'td', 'th'] },
  dd: { ends: ['dt', 'dd'], stopAt: ['dl', 'table', 'td', 'th'] },
  td: { ends: ['td', 'th'], stopAt: ['tr', 'table'] },
  th: { ends: ['td', 'th'], stopAt: ['tr', 'table'] },
  tr: { ends: ['tr', 'td', 'th'], stopAt: ['table', 'tbody', 'thead', 'tfoot'] },
  option: { ends: ['option'], stopAt: ['select', 'datalist'] },
};
const P_SCOPE_STOP = ['table', 'td', 'th', 'caption', 'object', 'template', 'button', 'marquee', 'applet', 'html'];

interface Open {
  name: string;
  dropped: boolean;
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>|<!--/g;

export function limitNesting(html: string): string {
  const lower = html.toLowerCase();
  const stack: Open[] = [];
  let kept = 0; // open elements that stay (the parser's depth)
  const out: string[] = [];
  let copiedTo = 0;
  const drop = (start: number, end: number) => {
    out.push(html.slice(copiedTo, start), ' ');
    copiedTo = end;
  };
  /** Pops down to (and including) index i. */
  const popTo = (i: number) => {
    for (let j = stack.length - 1; j >= i; j--) if (!stack[j]!.dropped) kept--;
    stack.length = i;
  };
  const find = (names: readonly string[], stopAt: readonly string[]): number => {
    for (let i = stack.length - 1, n = 0; i >= 0 && n < MAX_SEARCH; i--, n++) {
      const name = stack[i]!.name;
      if (names.includes(name)) return i;
      if (stopAt.includes(name)) return -1;
    }
    return -1;
  };

  TAG.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TAG.exec(html))) {
    const start = match.index;
    if (match[0] === '<!--') {
      const end = html.indexOf('-->', start + 4);
      if (end === -1) break; // the rest is a comment
      TAG.lastIndex = end + 3;
      continue;
    }
    const closing = match[1] === '/';
    const name = match[2]!.toLowerCase();
    const end = start + match[0].length;
    if (closing) {
      const i = find([name], []);
      if (i === -1) continue; // a stray end tag: the parser ignores it too
      const dropped = stack[i]!.dropped;
      popTo(i);
      if (dropped) drop(start, end);
      continue;
    }
    if (CLOSES_P.has(name)) {
      const p = find(['p'], P_SCOPE_STOP);
      if (p !== -1) popTo(p);
    }
    const implied = IMPLIED_END[name];
    if (implied) {
      const i = find(implied.ends, implied.stopAt);
      if (i !== -1) popTo(i);
    }
    if (RAW_TEXT.has(name)) {
      // Its content is text: skip to its end tag (or the end, as the parser does).
      const close = lower.indexOf(`</${name}`, end);
      TAG.lastIndex = close === -1 ? html.length : close;
      if (close === -1) break;
      // The end tag is matched on the next round against this entry.
    }
    if (VOID.has(name)) continue;
    // A raw-text element is a leaf (and its tag must stay, or a script's text would show).
    if (kept >= MAX_OPEN_ELEMENTS && !RAW_TEXT.has(name)) {
      stack.push({ name, dropped: true });
      drop(start, end);
    } else {
      stack.push({ name, dropped: false });
      kept++;
    }
  }
  if (copiedTo === 0) return html;
  out.push(html.slice(copiedTo));
  return out.join('');
}
