import { describe, expect, it } from 'vitest';
import type { BlocksContent, BlocksImage, InlineNode } from '../src/blocks/schema.js';
import { markdownToBlocks } from '../src/blocks/from-markdown.js';
import { bodyImage, renderBody } from '../src/body-html.js';
import { polish, PolishTypographer } from '../src/typography.js';

// Event bodies (and the accessibility statement's) are Strapi Blocks written by editors and
// rendered into public pages: nothing they type may run in a visitor's browser, and what they
// structure must come out as accessible HTML.

const md = (markdown: string) => markdownToBlocks(markdown);
const text = (t: string, marks: Partial<Record<'bold' | 'italic' | 'underline' | 'strikethrough' | 'code', boolean>> = {}) => ({ type: 'text' as const, text: t, ...marks });
const paragraph = (...children: InlineNode[]): BlocksContent[number] => ({ type: 'paragraph', children });
const link = (url: string, t: string): InlineNode => ({ type: 'link', url, children: [text(t)] });

/** Every tag and attribute of the output, to check what a browser would act on. */
function tagsAndAttributes(html: string) {
  const tags = [...html.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]! }));
  const attrs = tags.flatMap((t) => [...t.attrs.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => ({ tag: t.name, name: a[1]!.toLowerCase(), value: a[2] ?? '' })));
  return { tags, attrs };
}

// What an editor (or an attacker with an editor's account) can type into the Blocks editor:
// markup is text there, in every kind of node and mark.
const INJECTIONS = [
  `<script>alert('xss')</script>`,
  `<img src="https://example.org/a.jpg" onerror="alert(1)" alt="zdjęcie">`,
  `<a href="javascript:alert(2)">kliknij</a>`,
  `<iframe src="https://example.org"></iframe>`,
  `<style>body{display:none}</style>`,
  `<svg onload="alert(9)"><script>alert(10)</script></svg>`,
  `<div style="background:url(javascript:alert(13))" onclick="alert(14)">div</div>`,
  `<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">`,
];
const HOSTILE: BlocksContent = [
  paragraph(text('Zwykły akapit z '), link('https://example.org', 'linkiem'), text(' i '), text('pogrubieniem', { bold: true }), text('.')),
  ...INJECTIONS.map((t) => paragraph(text(t))),
  { type: 'heading', level: 2, children: [text(INJECTIONS[0]!)] },
  { type: 'quote', children: [text(INJECTIONS[1]!, { italic: true })] },
  { type: 'code', language: 'html', children: [text(INJECTIONS.join('\n'))] },
  { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text(INJECTIONS[5]!, { code: true }), link('https://example.org/?a=1&b="2"', INJECTIONS[6]!)] }] },
];

describe('sanitizing the body', () => {
  const html = renderBody(HOSTILE);
  const { tags, attrs } = tagsAndAttributes(html);

  it('leaves no element that runs code, loads a page or styles the site', () => {
    const allowed = new Set(['p', 'a', 'strong', 'em', 'h2', 'blockquote', 'pre', 'code', 'ul', 'li']);
    expect(tags.map((t) => t.name).filter((n) => !allowed.has(n))).toEqual([]);
    expect(html).not.toMatch(/<script|<iframe|<object|<embed|<style|<form|<input|<svg|<math|<base|<meta|<link|<img|<div/i);
  });

  it('leaves no event handler, inline style or script URL', () => {
    expect(attrs.filter((a) => a.name.startsWith('on') || a.name === 'style')).toEqual([]);
    const urls = attrs.filter((a) => ['href', 'src'].includes(a.name));
    expect(urls.map((u) => u.value)).toEqual(['https://example.org', 'https://example.org/?a=1&#x26;b=%222%22']);
  });

  it('shows the markup typed as text, escaped', () => {
    expect(html).toContain('<a href="https://example.org">linkiem</a>');
    expect(html).toContain('<strong>pogrubieniem</strong>');
    expect(html).toContain("<p>&#x3C;script>alert('xss')&#x3C;/script></p>");
    expect(html).toContain('<h2 id="script-alert-xss-script">&#x3C;script>alert(\'xss\')&#x3C;/script></h2>');
  });

  it('never keeps a javascript:, data: or vbscript: target: such a body is shown as plain text', () => {
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      const out = renderBody([paragraph(text('Zobacz '), link(url, 'to'))]);
      expect(out, url).toBe('<p>Zobacz to</p>');
    }
  });
});

describe('structure', () => {
  it('starts the body at <h2>, under the page title', () => {
    expect(renderBody(md('# Wstęp\n\ntekst\n\n## Szczegóły\n\n### Drobiazgi'))).toMatch(
      /<h2 id="wstep">Wstęp<\/h2>[\s\S]*<h3 id="szczegoly">Szczegóły<\/h3>[\s\S]*<h4 id="drobiazgi">Drobiazgi<\/h4>/,
    );
    expect(renderBody(md('### Program\n\n#### Część 1'))).toMatch(/<h2 id="program">Program<\/h2>[\s\S]*<h3 id="czesc-1">Część 1<\/h3>/);
    expect(renderBody(md('# Jeden\n\n###### Sześć'))).toContain('<h6 id="szesc">Sześć</h6>');
  });

  it('starts at a deeper level when the page asks for it', () => {
    expect(renderBody(md('# Wejście\n\n## Winda'), { headingLevel: 4 })).toMatch(/<h4 id="wejscie">Wejście<\/h4>[\s\S]*<h5 id="winda">Winda<\/h5>/);
  });

  it('gives headings ids unique on the page, so in-page links work', () => {
    const html = renderBody(
      md(
        'Zobacz [program](#program), [prelegentów](#Prelegenci), [galerię](#galeria) i [to](#nie-ma-takiego).\n\n' +
          '## Program\n\ntekst\n\n## Prelegenci\n\n## Program\n\n## Galeria\n\n## 🎉',
      ),
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

  it('keeps heading ids unique across several bodies of one page, and apart from the page’s own ids', () => {
    const usedIds = new Set(['stan', 'a11y-kontakt']);
    const first = renderBody(md('## Multimedia\n\n## Stan'), { usedIds });
    const second = renderBody(md('## Multimedia\n\nZobacz [wyżej](#multimedia).'), { usedIds });
    expect(first).toContain('<h2 id="multimedia">Multimedia</h2>');
    expect(first).toContain('<h2 id="stan-2">Stan</h2>');
    expect(second).toContain('<h2 id="multimedia-2">Multimedia</h2>');
    expect(second).toContain('<a href="#multimedia">wyżej</a>');
    expect([...usedIds]).toEqual(expect.arrayContaining(['multimedia', 'multimedia-2', 'stan-2']));
    // Without the shared set the second body would repeat the first one's id.
    expect(renderBody(md('## Multimedia'))).toContain('id="multimedia"');
  });

  it('renders lists nested as Strapi nests them, quotes and code', () => {
    expect(renderBody(md('- jeden\n- dwa'))).toMatch(/<ul>\s*<li>jeden<\/li>\s*<li>dwa<\/li>\s*<\/ul>/);
    const nested: BlocksContent = [
      {
        type: 'list',
        format: 'ordered',
        indentLevel: 0,
        children: [
          { type: 'list-item', children: [text('pierwszy')] },
          { type: 'list', format: 'unordered', indentLevel: 1, children: [{ type: 'list-item', children: [text('pod-punkt')] }] },
          { type: 'list-item', children: [text('drugi')] },
        ],
      },
    ];
    expect(renderBody(nested)).toMatch(/<ol>\s*<li>pierwszy\s*<ul>\s*<li>pod-punkt<\/li>\s*<\/ul>\s*<\/li>\s*<li>drugi<\/li>\s*<\/ol>/);
    expect(renderBody(md('> cytat\n>\n> dalej'))).toMatch(/<blockquote>\s*<p>cytat<br>\s*dalej<\/p>\s*<\/blockquote>/);
    expect(renderBody(md('```js\nconst a = "b";\n```'))).toContain('<pre><code class="language-js">const a = "b";\n</code></pre>');
  });

  it('renders every mark but underline (which reads as a link)', () => {
    const html = renderBody([paragraph(text('a', { bold: true }), text('b', { italic: true }), text('c', { strikethrough: true }), text('d', { code: true }), text('e', { underline: true }))]);
    expect(html).toBe('<p><strong>a</strong><em>b</em><del>c</del><code>d</code>e</p>');
  });

  it('is empty for an empty body', () => {
    expect(renderBody(null)).toBe('');
    expect(renderBody(undefined)).toBe('');
    expect(renderBody([])).toBe('');
    expect(renderBody([paragraph(text('')), { type: 'heading', level: 2, children: [text('')] }])).toBe('');
  });
});

describe('images', () => {
  const image: BlocksImage = {
    name: 'sala.jpg',
    url: '/uploads/sala_abc.jpg',
    alternativeText: 'Sala obrad "pełna" ludzi',
    caption: 'Sala obrad',
    width: 2000,
    height: 1333,
    mime: 'image/jpeg',
    formats: {
      thumbnail: { url: '/uploads/thumbnail_sala_abc.jpg', width: 234, height: 156, mime: 'image/jpeg' },
      w480_jpeg: { url: '/uploads/w480_sala_abc.jpg', width: 480, height: 320, mime: 'image/jpeg' },
      w960_jpeg: { url: '/uploads/w960_sala_abc.jpg', width: 960, height: 640, mime: 'image/jpeg' },
      w960_avif: { url: '/uploads/w960_sala_abc.avif', width: 960, height: 640, mime: 'image/avif' },
    },
  };

  it('shows the CMS variant that fits the column, from /media/, with its size and lazy loading', () => {
    const html = renderBody([{ type: 'image', image, children: [text('')] }]);
    expect(html).toBe(
      '<figure>\n<p><img src="/media/w960_sala_abc.jpg" alt="Sala obrad &#x22;pełna&#x22; ludzi" width="960" height="640" loading="lazy" decoding="async" ' +
        'srcset="/media/thumbnail_sala_abc.jpg 234w, /media/w480_sala_abc.jpg 480w, /media/w960_sala_abc.jpg 960w, /media/sala_abc.jpg 2000w" ' +
        'sizes="(min-width: 46rem) 42rem, 100vw"></p>\n<figcaption>Sala obrad</figcaption>\n</figure>',
    );
  });

  it('falls back to the original when the CMS made no variant', () => {
    expect(bodyImage({ ...image, formats: null })).toEqual({ src: '/media/sala_abc.jpg', width: 2000, height: 1333, srcset: '/media/sala_abc.jpg 2000w' });
    expect(bodyImage({ ...image, width: 500, height: 300, formats: {} })).toMatchObject({ src: '/media/sala_abc.jpg', width: 500, height: 300 });
  });

  it('leaves out an image whose file the site cannot serve, and shows a body with an image without alt text as plain text', () => {
    expect(bodyImage({ ...image, url: '/uploads/zła nazwa.jpg', formats: null })).toBeNull();
    expect(renderBody([{ type: 'image', image: { ...image, url: '/uploads/zła nazwa.jpg', formats: null } }, paragraph(text('dalej'))])).toBe('<p>dalej</p>');
    expect(renderBody([paragraph(text('przed')), { type: 'image', image: { ...image, alternativeText: '' } }])).toBe('<p>przed</p>');
  });
});

describe('limits, before anything recursive runs', () => {
  it('shows a hostile body as plain text instead of crashing or spinning', () => {
    const deep: unknown[] = [];
    let children = deep;
    for (let i = 0; i < 100_000; i++) {
      const list = { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text(`poziom ${i}`)] }] as unknown[] };
      children.push(list);
      children = list.children;
    }
    const html = renderBody(deep);
    expect(html.startsWith('<p>poziom 0poziom 1')).toBe(true);
    expect(html).not.toMatch(/<(?!\/?p>)/);
    expect(renderBody([{ type: 'table', children: [{ type: 'text', text: '<b>komórka</b>' }] }])).toBe('<p>&lt;b&gt;komórka&lt;/b&gt;</p>');
    expect(renderBody('## Markdown z dawnej wersji')).toBe('<p>## Markdown z dawnej wersji</p>');
  });

  it('leaves text that mentions /media/ as text', () => {
    const html = renderBody(md('Pliki: [https://cms.example/media/x.jpg](https://cms.example/media/x.jpg), /media/y.jpg, …/media/… i `/media/z.png`.'));
    expect(html).toContain('<a href="https://cms.example/media/x.jpg">https://cms.example/media/x.jpg</a>');
    expect(html).toContain('/media/y.jpg, …/media/… i');
    expect([...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://cms.example/media/x.jpg']);
  });

  it('renders nesting within the limits', () => {
    expect(renderBody(md('**mocno *ważne* słowo**'))).toContain('<strong>mocno <em>ważne</em> słowo</strong>');
  });
});

describe('Polish typography', () => {
  it('turns straight quotes into Polish ones, across formatting', () => {
    expect(polish('projekt "Razem" ruszył')).toBe('projekt „Razem” ruszył');
    expect(renderBody(md('Hasło "**Razem** dla gminy" brzmiało dobrze.'))).toContain('Hasło „<strong>Razem</strong> dla gminy” brzmiało dobrze.');
    expect(polish('("cytat")')).toBe('(„cytat”)');
    // A quote inside a quote takes the inner marks, whether typed straight or curly.
    expect(polish('"Jak uzyskać "Wsparcie" w konkursie"')).toBe('„Jak uzyskać »Wsparcie« w\u00a0konkursie”');
    expect(polish('"Jak uzyskać „Wsparcie” w konkursie"')).toBe('„Jak uzyskać »Wsparcie« w\u00a0konkursie”');
  });

  it('types headings, list items, quotes and link texts too, each on its own', () => {
    expect(renderBody(md('## Gmina "Razem" - bilans'))).toContain('>Gmina „Razem”\u00a0– bilans</h2>');
    expect(renderBody(md('- w "domu\n- i" dalej'))).toMatch(/<li>w\u00a0„domu<\/li>\s*<li>i” dalej<\/li>/);
    expect(renderBody(md('> z "cytatem"'))).toContain('z\u00a0„cytatem”');
    expect(renderBody(md('[w "Gazecie"](https://example.org)'))).toContain('>w\u00a0„Gazecie”</a>');
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

  it('gives a text met again the same typography as the first time, whatever came between', () => {
    // polish() keeps each text's result (a title recurs on many pages): a kept result must be
    // what a new typographer makes of the text, with no quote state carried from another text.
    const texts = ['"Razem" - w domu', 'otwarty cudzysłów "a', 'b" zamknięty', 'i tak dalej...', '"Razem" - w domu', 'b" zamknięty'];
    for (const text of [...texts, ...texts.reverse()]) expect(polish(text)).toBe(new PolishTypographer().text(text));
    expect(polish('otwarty cudzysłów "a')).toBe('otwarty cudzysłów „a');
    expect(polish('b" zamknięty')).toBe('b” zamknięty');
  });

  it('does not touch code', () => {
    expect(renderBody(md('Kod: `"a" - b...`'))).toContain('<code>"a" - b...</code>');
    expect(renderBody(md('```\n"a" - b...\n```'))).toContain('<pre><code>"a" - b...\n</code></pre>');
  });
});
