import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/lib/markdown.ts';
import { polish } from '../src/lib/typography.ts';

// Event bodies are written by editors and rendered into public pages: nothing they paste may
// run in a visitor's browser.

// Each attack on its own (blank lines make separate blocks), then all of them in one HTML block.
const ATTACKS = [
  `<script>alert('xss')</script>`,
  `<img src="https://example.org/a.jpg" onerror="alert(1)" alt="zdjęcie">`,
  `<a href="javascript:alert(2)">kliknij</a>`,
  `<a href="JaVaScRiPt:alert(3)">kliknij</a>`,
  `<a href="&#106;avascript:alert(4)">encje</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==">data</a>`,
  `[markdown-js](javascript:alert(6))`,
  `![obraz](javascript:alert(7))`,
  `[auto]: javascript:alert(15)\n\n[odnośnik][auto]`,
  `<iframe src="https://example.org"></iframe>`,
  `<object data="x.swf"></object><embed src="x.swf">`,
  `<style>body{display:none}</style>`,
  `<form action="https://evil.example"><input name="q"><button formaction="javascript:alert(8)">ok</button></form>`,
  `<svg onload="alert(9)"><script>alert(10)</script></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(11)></style></mglyph></table></mtext></math>`,
  `<details open ontoggle="alert(12)"><summary>więcej</summary>treść</details>`,
  `<div style="background:url(javascript:alert(13))" onclick="alert(14)">div</div>`,
  `<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">`,
  `<link rel="stylesheet" href="https://evil.example/x.css">`,
  `- [ ] <input type="text" value="pole">`,
];
const HOSTILE = ['Zwykły akapit z [linkiem](https://example.org) i **pogrubieniem**.', ...ATTACKS, ATTACKS.join('\n')].join('\n\n');

/** Every tag and attribute of the output, to check what a browser would act on. */
function tagsAndAttributes(html: string) {
  const tags = [...html.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]! }));
  const attrs = tags.flatMap((t) => [...t.attrs.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => ({ tag: t.name, name: a[1]!.toLowerCase(), value: a[2] ?? '' })));
  return { tags, attrs };
}

describe('sanitizing the body', () => {
  const html = renderMarkdown(HOSTILE);
  const { tags, attrs } = tagsAndAttributes(html);

  it('leaves no element that runs code, loads a page or styles the site', () => {
    const allowed = new Set(['p', 'a', 'strong', 'img', 'details', 'summary', 'div', 'table', 'tbody', 'tr', 'td', 'ul', 'li', 'em', 'br']);
    expect(tags.map((t) => t.name).filter((n) => !allowed.has(n))).toEqual([]);
    expect(html).not.toMatch(/<script|<iframe|<object|<embed|<style|<form|<input|<svg|<math|<base|<meta|<link/i);
  });

  it('leaves no event handler, inline style or script URL', () => {
    expect(attrs.filter((a) => a.name.startsWith('on') || a.name === 'style' || a.name === 'formaction')).toEqual([]);
    const urls = attrs.filter((a) => ['href', 'src', 'action', 'data', 'xlink:href'].includes(a.name));
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u.value, `${u.tag} ${u.name}`).toMatch(/^(https?:|mailto:|tel:|#)/);
  });

  it('keeps the harmless content', () => {
    expect(html).toContain('<a href="https://example.org">linkiem</a>');
    expect(html).toContain('<strong>pogrubieniem</strong>');
    expect(html).toContain('<img src="https://example.org/a.jpg" alt="zdjęcie">');
    expect(html).toContain('<summary>więcej</summary>');
    // Dangerous links lose their target but keep their text.
    expect(html).toMatch(/<a>kliknij<\/a>/);
  });
});

describe('structure', () => {
  it('starts the body at <h2>, under the page title', () => {
    expect(renderMarkdown('# Wstęp\n\ntekst\n\n## Szczegóły\n\n### Drobiazgi')).toMatch(/<h2>Wstęp<\/h2>[\s\S]*<h3>Szczegóły<\/h3>[\s\S]*<h4>Drobiazgi<\/h4>/);
    expect(renderMarkdown('## Program\n\n### Część 1')).toMatch(/<h2>Program<\/h2>[\s\S]*<h3>Część 1<\/h3>/);
  });

  it('renders lists and tables', () => {
    expect(renderMarkdown('- jeden\n- dwa')).toMatch(/<ul>\s*<li>jeden<\/li>\s*<li>dwa<\/li>\s*<\/ul>/);
    expect(renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |')).toContain('<table>');
  });

  it('is empty for an empty body', () => {
    expect(renderMarkdown(null)).toBe('');
    expect(renderMarkdown('  \n')).toBe('');
  });
});

describe('Polish typography', () => {
  it('turns straight quotes into Polish ones, across formatting', () => {
    expect(polish('projekt "Razem" ruszył')).toBe('projekt „Razem” ruszył');
    expect(renderMarkdown('Hasło "**Razem** dla gminy" brzmiało dobrze.')).toContain('Hasło „<strong>Razem</strong> dla gminy” brzmiało dobrze.');
    expect(polish('("cytat")')).toBe('(„cytat”)');
    // A quote inside a quote takes the inner marks, whether typed straight or curly.
    expect(polish('"Jak uzyskać "Wsparcie" w konkursie"')).toBe('„Jak uzyskać »Wsparcie« w\u00a0konkursie”');
    expect(polish('"Jak uzyskać „Wsparcie” w konkursie"')).toBe('„Jak uzyskać »Wsparcie« w\u00a0konkursie”');
  });

  it('uses dashes and ellipses where plain characters were typed', () => {
    expect(polish('Dębica - gmina')).toBe('Dębica\u00a0– gmina');
    expect(polish('2022--2023')).toBe('2022–2023');
    expect(polish('i tak dalej...')).toBe('i\u00a0tak dalej…');
  });

  it('leaves hyphens in words, postal codes and dates alone', () => {
    expect(polish('39-200 Dębica, 2023-11-23, Korycka-Żymuła')).toBe('39-200 Dębica, 2023-11-23, Korycka-Żymuła');
  });

  it('keeps one-letter words with the next word', () => {
    expect(polish('Spotkanie w Lublinie i w Rzeszowie, a potem z gośćmi')).toBe(
      'Spotkanie w\u00a0Lublinie i\u00a0w\u00a0Rzeszowie, a\u00a0potem z\u00a0gośćmi',
    );
  });

  it('does not touch code', () => {
    expect(renderMarkdown('Kod: `"a" - b...`')).toContain('<code>"a" - b...</code>');
  });
});
