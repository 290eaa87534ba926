import type { Element, ElementContent, Root, RootContent } from 'hast';

// WordPress's wpautop for classic-editor content, done on the parsed tree instead of the string:
// the classic editor stores no <p>; on display a blank line starts a paragraph and a single line
// break is a <br>. Text and inline elements between block elements are grouped into paragraphs
// at blank lines; inside paragraphs, list items and cells a line break becomes <br>. Iterative
// (the tree may be deep). Block-editor content is not touched (WordPress does not autop it).

/** WordPress's $allblocks (and a few more the parser keeps as blocks). */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'col', 'colgroup', 'dd', 'details', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'iframe', 'legend', 'li', 'main', 'map', 'math', 'menu', 'nav', 'ol', 'p', 'pre', 'script', 'section', 'style',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'object', 'video', 'audio', 'noscript',
]);
/** Blocks whose content is grouped into paragraphs again. */
const FLOW = new Set(['article', 'aside', 'blockquote', 'center', 'details', 'div', 'figure', 'footer', 'header', 'main', 'nav', 'section']);
/** Content left exactly as it is. */
const VERBATIM = new Set(['pre', 'script', 'style', 'textarea', 'code', 'svg', 'math']);

type Parent = Root | Element;
type Child = RootContent | ElementContent;

const isBlock = (node: Child) => node.type === 'element' && BLOCK.has(node.tagName);
const element = (tagName: string, children: ElementContent[]): Element => ({ type: 'element', tagName, properties: {}, children });

/** Single line breaks in a text → <br>s (the text's own blank lines too: they are inside inline content). */
function breakLines(value: string): ElementContent[] {
  const parts = value.split(/\s*\n\s*/);
  const out: ElementContent[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(element('br', []));
    if (part) out.push({ type: 'text', value: part });
  });
  return out;
}

export function autop(root: Root): void {
  const work: { parent: Parent; mode: 'flow' | 'lines' }[] = [{ parent: root, mode: 'flow' }];
  while (work.length > 0) {
    const { parent, mode } = work.pop()!;
    const next: Child[] = [];
    const schedule = (node: Child) => {
      if (node.type !== 'element' || VERBATIM.has(node.tagName)) return;
      work.push({ parent: node, mode: FLOW.has(node.tagName) ? 'flow' : 'lines' });
    };
    if (mode === 'lines') {
      const children = parent.children as Child[];
      children.forEach((child, k) => {
        if (child.type === 'text' && child.value.includes('\n')) {
          // No <br> at the edges of the content or next to a block (WordPress strips those too).
          let value = child.value;
          const prev = children[k - 1];
          const after = children[k + 1];
          if (!prev || isBlock(prev)) value = value.replace(/^\s+/, '');
          if (!after || isBlock(after)) value = value.replace(/\s+$/, '');
          next.push(...breakLines(value));
        } else {
          next.push(child);
          schedule(child);
        }
      });
    } else {
      let run: Child[] = [];
      const flush = () => {
        // Whitespace around the run is not content; a run of nothing else makes no paragraph.
        while (run.length > 0 && run[0]!.type === 'text' && !run[0]!.value.trim()) run.shift();
        while (run.length > 0 && run[run.length - 1]!.type === 'text' && !(run[run.length - 1] as { value: string }).value.trim()) run.pop();
        if (run.length === 0) return;
        const first = run[0]!;
        if (first.type === 'text') first.value = first.value.replace(/^\s+/, '');
        const last = run[run.length - 1]!;
        if (last.type === 'text') last.value = last.value.replace(/\s+$/, '');
        const p = element('p', run.filter((n): n is ElementContent => n.type !== 'doctype'));
        next.push(p);
        work.push({ parent: p, mode: 'lines' });
        run = [];
      };
      for (const child of parent.children) {
        if (isBlock(child)) {
          flush();
          next.push(child);
          schedule(child);
        } else if (child.type === 'text' && /\n\s*\n/.test(child.value)) {
          const pieces = child.value.split(/\n\s*\n/);
          pieces.forEach((piece, i) => {
            if (i > 0) flush();
            if (piece) run.push({ type: 'text', value: piece });
          });
        } else if (child.type === 'comment') {
          next.push(child);
        } else {
          run.push(child);
        }
      }
      flush();
    }
    parent.children = next as typeof parent.children;
  }
}
