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
    expect(renderMarkdown('# Wstęp\n\ntekst\n\n## Szczegóły\n\n### Drobiazgi')).toMatch(
      /<h2 id="wstep">Wstęp<\/h2>[\s\S]*<h3 id="szczegoly">Szczegóły<\/h3>[\s\S]*<h4 id="drobiazgi">Drobiazgi<\/h4>/,
    );
    expect(renderMarkdown('## Program\n\n### Część 1')).toMatch(/<h2 id="program">Program<\/h2>[\s\S]*<h3 id="czesc-1">Część 1<\/h3>/);
  });

  it('gives headings ids unique on the page, so in-page links work', () => {
    const html = renderMarkdown(
      'Zobacz [program](#program), [prelegentów](#Prelegenci), [galerię](#galeria) i [to](#nie-ma-takiego).\n\n' +
        '## Program\n\ntekst\n\n## Prelegenci\n\n## Program\n\n## Galeria\n\n## 🎉',
    );
    expect(html).toContain('<a href="#program">program</a>');
    // "#Prelegenci" finds the heading by its slug.
    expect(html).toContain('<a href="#prelegenci">prelegentów</a>');
    expect(html).toContain('<h2 id="program">Program</h2>');
    expect(html).toContain('<h2 id="program-2">Program</h2>');
    // The event page has its own "galeria" section: a heading of that name does not take its id,
    // and a link to it still points there.
    expect(html).toContain('<h2 id="galeria-2">Galeria</h2>');
    expect(html).toContain('<a href="#galeria">galerię</a>');
    expect(html).toContain('<h2 id="sekcja">🎉</h2>');
    // A fragment naming nothing is no link: its text stays.
    expect(html).toContain(' i\u00a0to.</p>');
    expect(html).not.toContain('nie-ma-takiego');
    // Every fragment left points at an id of the body or of the page.
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids.has(target) || target === 'galeria', target).toBe(true);
  });

  it('renders footnotes with links to their own ids', () => {
    const html = renderMarkdown('Tekst z przypisem[^1].\n\n[^1]: Źródło: sprawozdanie.');
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(html).toContain(`id="${target}"`);
    expect(html).toContain('Przypisy');
    expect(html).not.toMatch(/href="(?!#|https?:)/);
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

describe('script URLs in links', () => {
  it('never keeps a javascript: target, however it is written', () => {
    const variants = [
      '[a](javascript:alert(1))',
      '[a](JAVASCRIPT:alert(1))',
      '[a](<javascript:alert(1)>)',
      '[a](java&#x09;script:alert(1))',
      '[a](&#x6A;avascript:alert(1))',
      '<a href=" javascript:alert(1)">a</a>',
      '<a href="jav&#x0A;ascript:alert(1)">a</a>',
      '[a][x]\n\n[x]: javascript:alert(1)',
      '<javascript:alert(1)>',
    ];
    for (const md of variants) {
      const html = renderMarkdown(md);
      expect(html, md).not.toMatch(/href="[^"]*script:/i);
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href, md).toMatch(/^(https?:|mailto:|tel:|#)/);
    }
  });
});

describe('limits, before any parser runs', () => {
  it('shows too deep nesting as plain text instead of crashing or spinning', () => {
    const deep = [
      '>'.repeat(10_000) + ' cytat',
      '- '.repeat(10_000) + 'lista',
      Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- poziom ${i}`).join('\n'),
      '*'.repeat(10_000) + 'x' + '*'.repeat(10_000),
      '<div>'.repeat(10_000) + 'x',
    ];
    for (const md of deep) {
      const html = renderMarkdown(md);
      expect(html.startsWith('<p>'), md.slice(0, 20)).toBe(true);
      expect(html).not.toMatch(/<(?!\/?p>)/);
    }
  });

  it('leaves text that mentions /media/ as text', () => {
    const html = renderMarkdown('Pliki: https://cms.example/media/x.jpg, /media/y.jpg, …/media/… i `/media/z.png`.');
    expect(html).toContain('<a href="https://cms.example/media/x.jpg">https://cms.example/media/x.jpg</a>');
    expect(html).toContain('/media/y.jpg, …/media/… i');
    expect([...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://cms.example/media/x.jpg']);
  });

  it('renders nesting within the limits as Markdown', () => {
    expect(renderMarkdown('> > cytat w cytacie')).toMatch(/<blockquote>\s*<blockquote>/);
    expect(renderMarkdown('**mocno *ważne* słowo**')).toContain('<strong>mocno <em>ważne</em> słowo</strong>');
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
