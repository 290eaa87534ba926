import type { Browser } from 'playwright-core';

// XML read by a real, strict XML parser: Chromium's DOMParser (libxml2), which refuses a file
// that is not well-formed or uses an undeclared namespace prefix. Each file comes back as a
// plain tree for the tests to check, or as the parser's error.

export interface XmlElement {
  /** Qualified name as written ("atom:link"). */
  name: string;
  namespace: string | null;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's text (its own and its descendants'). */
  text: string;
}

export type XmlResult = { ok: true; root: XmlElement } | { ok: false; error: string };

/** Parses every document (name → XML text) in one page of the browser. */
export async function parseXml(browser: Browser, documents: Record<string, string>): Promise<Record<string, XmlResult>> {
  const page = await browser.newPage();
  try {
    return await page.evaluate((docs) => {
      interface Tree { name: string; namespace: string | null; attributes: Record<string, string>; children: Tree[]; text: string }
      const tree = (el: Element): Tree => ({
        name: el.nodeName,
        namespace: el.namespaceURI,
        attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
        children: [...el.children].map(tree),
        text: el.textContent ?? '',
      });
      const out: Record<string, { ok: true; root: Tree } | { ok: false; error: string }> = {};
      for (const [name, xml] of Object.entries(docs)) {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        const error = doc.getElementsByTagNameNS('*', 'parsererror')[0];
        out[name] = error ? { ok: false, error: error.textContent ?? 'parse error' } : { ok: true, root: tree(doc.documentElement) };
      }
      return out;
    }, documents);
  } finally {
    await page.close();
  }
}

/** The children of an element with a name. */
export const childrenNamed = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
/** The text of the only child with that name; undefined when there is none, an error when several. */
export function childText(el: XmlElement, name: string): string | undefined {
  const found = childrenNamed(el, name);
  if (found.length > 1) throw new Error(`<${el.name}> has ${found.length} <${name}> elements`);
  return found[0]?.text;
}
