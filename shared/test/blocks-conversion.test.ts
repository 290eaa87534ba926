import { readFileSync } from 'node:fs';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { markdownToBlocks, mdastToBlocks } from '../src/blocks/from-markdown.js';
import { blocksProblems } from '../src/blocks/limits.js';
import { blocksContent, type BlocksContent } from '../src/blocks/schema.js';
import { blocksToMdast } from '../src/blocks/to-mdast.js';

const parser = unified().use(remarkParse).use(remarkGfm);
const parse = (md: string) => parser.runSync(parser.parse(md)) as Root;

/**
 * mdast reduced to what a reader sees: block types, levels, list kinds, link targets, and text as
 * runs with their marks ("**a *b***" and "***b***" nest differently and read the same).
 */
const MARK_OF: Record<string, string> = { strong: 'b', emphasis: 'i', delete: 's', inlineCode: 'code' };
function shape(node: Nodes, marks: string[] = []): unknown[] {
  switch (node.type) {
    case 'text':
      return [{ text: node.value, marks: marks.join('') }];
    case 'inlineCode':
      return [{ text: node.value, marks: [...marks, 'code'].sort().join('') }];
    case 'strong':
    case 'emphasis':
    case 'delete':
      return kids(node.children, [...marks, MARK_OF[node.type]!].sort());
    case 'break':
      return ['br'];
    case 'code':
      return [{ code: node.value, lang: node.lang ?? null }];
    case 'heading':
      return [{ h: node.depth, c: kids(node.children) }];
    case 'list':
      return [{ list: node.ordered ? 'ol' : 'ul', c: kids(node.children) }];
    case 'link':
      return [{ a: node.url, c: kids(node.children, marks) }];
    case 'image':
      return [{ img: node.url, alt: node.alt }];
    default:
      return 'children' in node ? [{ [node.type]: kids(node.children as Nodes[]) }] : [{ [node.type]: null }];
  }
}
function kids(children: readonly Nodes[], marks: string[] = []): unknown[] {
  const out: { text?: string; marks?: string }[] = [];
  for (const child of children) {
    for (const s of shape(child, marks) as { text?: string; marks?: string }[]) {
      const last = out[out.length - 1];
      if (typeof s.text === 'string' && last && typeof last.text === 'string' && last.marks === s.marks) last.text += s.text;
      else out.push(s);
    }
  }
  return out;
}

const roundTrip = (md: string) => blocksToMdast(markdownToBlocks(md));

/** Markdown that Blocks hold without loss comes back as the same mdast. */
const lossless: Record<string, string> = {
  paragraph: 'Zwykły akapit tekstu.\n\nI drugi akapit.',
  headings: '# Jeden\n\n## Dwa\n\n### Trzy\n\n#### Cztery\n\n##### Pięć\n\n###### Sześć',
  marks: 'Tekst *kursywą*, **pogrubiony**, ~~skreślony~~, `kod`, ***oba*** i **pogrubiony z *kursywą* w środku**.',
  link: 'Zobacz [program konferencji](https://example.org/program) i [napisz](mailto:biuro@example.org) albo [przejdź niżej](#program).',
  'link with marks': 'Czytaj [**ważny** dokument](https://example.org/a).',
  break: 'Pierwszy wiersz  \ndrugi wiersz',
  'unordered list': '- jeden\n- dwa\n- trzy',
  'ordered list': '1. pierwszy\n2. drugi',
  'nested lists': '- poziom 1\n  - poziom 2\n    1. poziom 3\n    2. też 3\n  - znowu 2\n- znowu 1',
  quote: '> Cytat z **wystąpienia**.',
  code: '```ts\nconst a = 1;\n\nconst b = 2;\n```',
  'code without language': '```\nzwykły kod\n```',
};

describe('markdown → blocks → mdast', () => {
  for (const [name, md] of Object.entries(lossless)) {
    it(`keeps ${name}`, () => {
      const blocks = markdownToBlocks(md);
      expect(blocksContent.parse(blocks)).toEqual(blocks); // valid Strapi Blocks
      expect(blocksProblems(blocks)).toEqual([]);
      expect(kids(roundTrip(md).children)).toEqual(kids(parse(md).children));
    });
  }

  it('writes the node shapes Strapi stores', () => {
    expect(markdownToBlocks('## Program\n\nTekst **ważny** i [link](https://example.org).\n\n- a\n  - b\n\n> cytat')).toEqual([
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Program' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Tekst ' },
          { type: 'text', text: 'ważny', bold: true },
          { type: 'text', text: ' i ' },
          { type: 'link', url: 'https://example.org', children: [{ type: 'text', text: 'link' }] },
          { type: 'text', text: '.' },
        ],
      },
      {
        type: 'list',
        format: 'unordered',
        indentLevel: 0,
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'a' }] },
          { type: 'list', format: 'unordered', indentLevel: 1, children: [{ type: 'list-item', children: [{ type: 'text', text: 'b' }] }] },
        ],
      },
      { type: 'quote', children: [{ type: 'text', text: 'cytat' }] },
    ]);
  });

  it('joins the paragraphs of a quote with a line break', () => {
    expect(markdownToBlocks('> pierwszy\n>\n> drugi')).toEqual([{ type: 'quote', children: [{ type: 'text', text: 'pierwszy\ndrugi' }] }]);
    expect(kids(roundTrip('> pierwszy\n>\n> drugi').children)).toEqual([
      { blockquote: [{ paragraph: [{ text: 'pierwszy', marks: '' }, 'br', { text: 'drugi', marks: '' }] }] },
    ]);
  });

  it('turns a table into one paragraph per row (lossy)', () => {
    const blocks = markdownToBlocks('| Godzina | Temat |\n|---|---|\n| 10:00 | Otwarcie |\n| 11:00 | **Panel** |');
    expect(blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'Godzina | Temat' }] },
      { type: 'paragraph', children: [{ type: 'text', text: '10:00 | Otwarcie' }] },
      { type: 'paragraph', children: [{ type: 'text', text: '11:00 | ' }, { type: 'text', text: 'Panel', bold: true }] },
    ]);
  });

  it('turns a Markdown image into a link to it with the alt text (no media file to embed)', () => {
    expect(markdownToBlocks('![Sala obrad](https://example.org/sala.jpg)')).toEqual([
      { type: 'paragraph', children: [{ type: 'link', url: 'https://example.org/sala.jpg', children: [{ type: 'text', text: 'Sala obrad' }] }] },
    ]);
  });

  it('keeps the text of raw HTML, drops rules and resolves reference links', () => {
    expect(markdownToBlocks('Skrót <abbr title="x">CUS</abbr>.\n\n---\n\n<div>Blok <b>HTML</b></div>\n\n[tu][ref]\n\n[ref]: https://example.org/r')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'Skrót CUS.' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Blok HTML' }] },
      { type: 'paragraph', children: [{ type: 'link', url: 'https://example.org/r', children: [{ type: 'text', text: 'tu' }] }] },
    ]);
  });

  it('keeps what is inside a list item besides its text as text of the item', () => {
    expect(markdownToBlocks('- punkt\n\n  drugi akapit punktu\n- inny')).toEqual([
      {
        type: 'list',
        format: 'unordered',
        indentLevel: 0,
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'punkt\ndrugi akapit punktu' }] },
          { type: 'list-item', children: [{ type: 'text', text: 'inny' }] },
        ],
      },
    ]);
  });

  it('returns no blocks for empty text and plain paragraphs for text a parser must not see', () => {
    expect(markdownToBlocks('')).toEqual([]);
    expect(markdownToBlocks(null)).toEqual([]);
    const deep = Array.from({ length: 2000 }, () => '>').join(' ') + ' tekst';
    const blocks = markdownToBlocks(deep);
    expect(blocks).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: deep }] }]);
  });

  it('converts mdast made by something else (the importer) the same way', () => {
    const root: Root = {
      type: 'root',
      children: [{ type: 'heading', depth: 3, children: [{ type: 'emphasis', children: [{ type: 'text', value: 'Z HTML' }] }] }],
    };
    expect(mdastToBlocks(root)).toEqual([{ type: 'heading', level: 3, children: [{ type: 'text', text: 'Z HTML', italic: true }] }]);
  });
});

describe('blocks → mdast', () => {
  const image = {
    url: '/uploads/sala_abc.jpg',
    alternativeText: 'Sala obrad pełna uczestników',
    caption: 'Sala obrad',
    name: 'sala.jpg',
    width: 2000,
    height: 1333,
    formats: { medium: { url: '/uploads/medium_sala_abc.jpg', width: 750, height: 500 } },
  };

  it('renders an image block as a figure with the size of the file chosen, and its caption', () => {
    const root = blocksToMdast([{ type: 'image', image, children: [{ type: 'text', text: '' }] }], {
      image: (img) => ({ src: `https://cdn.example.org${img.formats!.medium!.url}`, width: 750, height: 500 }),
    });
    expect(root.children).toEqual([
      {
        type: 'blockquote',
        data: { hName: 'figure' },
        children: [
          {
            type: 'paragraph',
            children: [
              {
                type: 'image',
                url: 'https://cdn.example.org/uploads/medium_sala_abc.jpg',
                alt: 'Sala obrad pełna uczestników',
                data: { hProperties: { width: 750, height: 500, loading: 'lazy', decoding: 'async' } },
              },
            ],
          },
          { type: 'paragraph', data: { hName: 'figcaption' }, children: [{ type: 'text', value: 'Sala obrad' }] },
        ],
      },
    ]);
    // Strapi's default caption is the file name: not shown; the image option may leave an image out.
    expect(blocksToMdast([{ type: 'image', image: { ...image, caption: 'sala.jpg' } }]).children[0]).toMatchObject({
      children: [{ type: 'paragraph' }],
    });
    expect(blocksToMdast([{ type: 'image', image }], { image: () => null }).children).toEqual([]);
  });

  it('leaves out empty paragraphs and headings, links without text and underline', () => {
    const blocks: BlocksContent = [
      { type: 'paragraph', children: [{ type: 'text', text: '' }] },
      { type: 'heading', level: 2, children: [{ type: 'text', text: '' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'link', url: 'https://example.org', children: [{ type: 'text', text: '' }] },
          { type: 'text', text: 'podkreślony', underline: true },
        ],
      },
    ];
    expect(kids(blocksToMdast(blocks).children)).toEqual([{ paragraph: [{ text: 'podkreślony', marks: '' }] }]);
  });

  it('puts a list that starts with a nested list into an empty first item', () => {
    const root = blocksToMdast([
      { type: 'list', format: 'ordered', children: [{ type: 'list', format: 'unordered', indentLevel: 1, children: [{ type: 'list-item', children: [{ type: 'text', text: 'b' }] }] }] },
    ]);
    expect(kids(root.children)).toEqual([{ list: 'ol', c: [{ listItem: [{ list: 'ul', c: [{ listItem: [{ paragraph: [{ text: 'b', marks: '' }] }] }] }] }] }]);
  });
});

describe('the seed bodies', () => {
  const seed = JSON.parse(readFileSync(new URL('../../cms/seed/reports.json', import.meta.url), 'utf8')) as {
    events: { title: string; body: string | null }[];
    siteSettings: { accessibility: Record<string, string | null> };
  };
  const bodies: [string, string][] = [
    ...seed.events.map((e): [string, string] => [e.title, e.body ?? '']),
    ...['nonCompliance', 'exemptions', 'architecturalAccessibility'].map((f): [string, string] => [f, seed.siteSettings.accessibility[f] ?? '']),
  ].filter(([, md]) => md.trim() !== '');

  const collect = (root: Root) => {
    const found = { headings: [] as unknown[], lists: [] as unknown[], links: [] as unknown[], text: '' };
    const walk = (node: Nodes) => {
      if (node.type === 'heading') found.headings.push(...shape(node));
      if (node.type === 'list') found.lists.push(...shape(node));
      if (node.type === 'link') found.links.push(...shape(node));
      if (node.type === 'text') found.text += node.value;
      if ('children' in node) for (const child of node.children) walk(child as Nodes);
    };
    walk(root);
    return found;
  };

  it('has bodies to convert', () => expect(bodies.length).toBeGreaterThanOrEqual(6));

  for (const [name, md] of bodies) {
    it(`converts „${name}” without losing headings, lists, links or text`, () => {
      const blocks = markdownToBlocks(md);
      expect(blocksProblems(blocks)).toEqual([]);
      const before = collect(parse(md));
      const after = collect(blocksToMdast(blocks));
      expect(after).toEqual(before);
      expect(before.headings.length + before.lists.length).toBeGreaterThan(0);
    });
  }
});

describe('blocks → mdast nesting of marks', () => {
  it('wraps a run of texts sharing a mark once', () => {
    const root = blocksToMdast(markdownToBlocks('**pogrubiony z *kursywą* w środku**'));
    expect(root.children).toEqual([
      {
        type: 'paragraph',
        children: [
          {
            type: 'strong',
            children: [
              { type: 'text', value: 'pogrubiony z ' },
              { type: 'emphasis', children: [{ type: 'text', value: 'kursywą' }] },
              { type: 'text', value: ' w środku' },
            ],
          },
        ],
      },
    ]);
  });
});
