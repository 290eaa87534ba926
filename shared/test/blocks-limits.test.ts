import { describe, expect, it } from 'vitest';
import {
  BLOCKS_MAX_JSON_LENGTH,
  BLOCKS_MAX_LIST_NESTING,
  blocksProblems,
  isAllowedBlocksLink,
  measureBlocks,
  parseBlocks,
} from '../src/blocks/limits.js';
import type { BlocksContent, ListNode } from '../src/blocks/schema.js';

const codes = (v: unknown) => blocksProblems(v).map((p) => p.code);
const text = (t: string) => ({ type: 'text' as const, text: t });
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });
const link = (url: string, t = 'odnośnik') => ({ type: 'link', url, children: [text(t)] });
const image = (extra: Record<string, unknown> = {}) => ({
  type: 'image',
  image: {
    name: 'sala.jpg',
    url: '/uploads/sala.jpg',
    alternativeText: 'Sala obrad',
    width: 800,
    height: 600,
    hash: 'sala',
    ext: '.jpg',
    mime: 'image/jpeg',
    size: 120.5,
    provider: 'local',
    createdAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
    ...extra,
  },
  children: [text('')],
});

/** Lists inside one another as Strapi's editor nests them: the inner list next to the item. */
function nestedLists(levels: number): ListNode {
  const root: ListNode = { type: 'list', format: 'unordered', indentLevel: 0, children: [{ type: 'list-item', children: [text('poziom 1')] }] };
  let current = root;
  for (let i = 1; i < levels; i++) {
    const next: ListNode = { type: 'list', format: 'unordered', indentLevel: i, children: [{ type: 'list-item', children: [text(`poziom ${i + 1}`)] }] };
    current.children.push(next);
    current = next;
  }
  return root;
}

describe('blocksProblems', () => {
  it('accepts every node type Strapi makes, with the media object as Strapi stores it', () => {
    const body = [
      { type: 'heading', level: 2, children: [text('Program')] },
      paragraph(text('Zwykły '), { type: 'text', text: 'wszystkie', bold: true, italic: true, underline: true, strikethrough: true, code: true }, link('https://example.org'), link('#program'), link('mailto:a@example.org'), link('tel:+48 12 345 67 89')),
      { type: 'quote', children: [text('cytat')] },
      { type: 'code', language: 'plaintext', children: [text('kod')] },
      nestedLists(BLOCKS_MAX_LIST_NESTING),
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text('bez indentLevel')] }] },
      image({ formats: { medium: { url: '/uploads/medium_sala.jpg', width: 750, height: 563, hash: 'm', ext: '.jpg' } }, provider_metadata: null }),
    ];
    expect(blocksProblems(body)).toEqual([]);
    expect(blocksProblems(null)).toEqual([]);
    expect(blocksProblems(undefined)).toEqual([]);
    expect(blocksProblems([])).toEqual([]);
    const parsed = parseBlocks(body);
    expect(parsed.ok && parsed.value?.length).toBe(body.length);
    // What it gave out is taken as it is (the renderer is handed the contract's result); the value it was given is still a value to check.
    expect(parsed.ok && parseBlocks(parsed.value)).toEqual({ ok: true, value: parsed.ok ? parsed.value : null });
    expect(parsed.ok && parseBlocks(parsed.value).ok && (parseBlocks(parsed.value) as { value: unknown }).value).toBe(parsed.ok ? parsed.value : null);
    expect(parsed.ok && parsed.value).not.toBe(body);
    (body as unknown[]).push({ type: 'heading', level: 9, children: [] });
    expect(parseBlocks(body).ok).toBe(false);
  });

  it('stops 100,000 lists inside one another quickly, with one problem and no stack overflow', () => {
    const deep: unknown[] = [];
    let children = deep;
    for (let i = 0; i < 100_000; i++) {
      const list = { type: 'list', format: 'unordered', children: [] as unknown[] };
      children.push(list);
      children = list.children;
    }
    const problems = blocksProblems(deep);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe('too-deep');
    expect(parseBlocks(deep).ok).toBe(false);
  });

  it('stops deep nesting hidden under a key the site never reads', () => {
    let hidden: unknown = 'x';
    for (let i = 0; i < 100_000; i++) hidden = [hidden];
    expect(codes([paragraph({ ...text('a'), extra: hidden })])).toEqual(['too-deep']);
  });

  it('accepts lists nested to the limit and refuses one level more, naming the block', () => {
    expect(codes([nestedLists(BLOCKS_MAX_LIST_NESTING)])).toEqual([]);
    const problems = blocksProblems([paragraph(text('wstęp')), nestedLists(BLOCKS_MAX_LIST_NESTING + 1)]);
    expect(problems.map((p) => p.code)).toEqual(['too-deep']);
    expect(problems[0]!.message).toContain('bloku nr 2 (lista)');
  });

  it('refuses unsafe links and keeps anchors and web addresses', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'zdjecie.jpg', '/wydarzenia/', '//evil.example/x', '#', '']) {
      const problems = blocksProblems([paragraph(text('Zobacz '), link(url, 'kliknij'))]);
      expect(problems.map((p) => p.code), url).toEqual(['unsafe-link']);
      expect(problems[0]!.path).toEqual([0, 'children', 1, 'url']);
      expect(problems[0]!.message).toContain('„kliknij” w bloku nr 1 (akapit)');
    }
    for (const url of ['https://example.org/a?b=c#d', 'http://example.org', '#program', 'mailto:biuro@example.org']) expect(isAllowedBlocksLink(url), url).toBe(true);
    // In a list item too.
    expect(codes([{ type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [link('javascript:x')] }] }])).toEqual(['unsafe-link']);
  });

  it('refuses an image without alt text, saying which image and what to do', () => {
    const problems = blocksProblems([image(), paragraph(text('tekst')), image({ alternativeText: '  ' }), image({ alternativeText: null })]);
    expect(problems.map((p) => p.code)).toEqual(['image-without-alt', 'image-without-alt']);
    expect(problems[0]!.message).toBe(
      'Zdjęcie nr 2 w treści (blok nr 3) nie ma tekstu alternatywnego — uzupełnij go w Bibliotece mediów i zapisz ponownie',
    );
    expect(problems[1]!.path).toEqual([3, 'image', 'alternativeText']);
  });

  it('refuses an image without its file address or size', () => {
    expect(codes([image({ url: '' })])).toEqual(['image-incomplete']);
    for (const url of ['javascript:alert(1)', '//evil.example/x.jpg', 'zdjecie.jpg', '/uploads/a b.jpg']) expect(codes([image({ url })]), url).toEqual(['image-incomplete']);
    expect(codes([image({ url: 'https://bucket.example/uploads/sala.jpg' })])).toEqual([]);
    expect(codes([image({ width: null })])).toEqual(['image-incomplete']);
    expect(codes([image({ height: 0 })])).toEqual(['image-incomplete']);
    expect(codes([{ type: 'image', children: [text('')] }])).toEqual(['image-without-alt', 'image-incomplete']);
  });

  it('refuses node types the site does not render', () => {
    const problems = blocksProblems([{ type: 'table', children: [] }, paragraph({ type: 'mention', id: 1 }), 'tekst', null]);
    expect(problems.map((p) => p.code)).toEqual(['unknown-type', 'unknown-type', 'unknown-type', 'unknown-type']);
    expect(problems[0]!.message).toContain('Blok nr 1 w treści jest nieznanego rodzaju „table”');
    expect(problems[1]!.message).toContain('W bloku nr 2 (akapit) jest element nieznanego rodzaju „mention”');
    expect(codes([{ type: '__proto__' }])).toEqual(['unknown-type']);
    expect(codes([{ type: 'list', format: 'ordered', children: [{ type: 'paragraph', children: [] }] }])).toEqual(['unknown-type']);
    // A link inside a link is not something the editor makes.
    expect(codes([paragraph({ type: 'link', url: 'https://a.example', children: [link('https://b.example')] })])).toEqual(['unknown-type']);
  });

  it('refuses shapes the site cannot read, naming the block', () => {
    const problems = blocksProblems([paragraph(text('ok')), { type: 'heading', level: 7, children: [text('x')] }]);
    expect(problems.map((p) => p.code)).toEqual(['invalid-node']);
    expect(problems[0]!.message).toContain('Blok nr 2 w treści (nagłówek)');
    expect(codes([paragraph({ type: 'text', text: 5 })])).toEqual(['invalid-node']);
    expect(codes([{ type: 'list', format: 'dashed', children: [] }])).toEqual(['invalid-node']);
    expect(codes({ type: 'paragraph' })).toEqual(['not-blocks']);
    expect(codes('## Markdown')).toEqual(['not-blocks']);
  });

  it('refuses a body over 1 MiB of JSON, and measures what it is given', () => {
    const big = [paragraph(text('a'.repeat(BLOCKS_MAX_JSON_LENGTH)))];
    expect(codes(big)).toEqual(['too-large']);
    const body: BlocksContent = [{ type: 'paragraph', children: [{ type: 'text', text: 'zażółć "gęślą"\n', bold: true }] }];
    expect(measureBlocks(body).jsonLength).toBe(JSON.stringify(body).length);
    // Whatever JSON escapes counts as escaped: quotes, backslashes, controls, a lone surrogate; in keys too.
    for (const odd of ['tab\there', 'back\\slash', 'nul\u0000', 'lone \ud83d', 'para 😀', 'ą"ę', 'plain']) {
      const withOdd = [{ type: 'paragraph', children: [{ type: 'text', text: odd }], [odd]: odd }];
      expect(measureBlocks(withOdd).jsonLength, JSON.stringify(odd)).toBe(JSON.stringify(withOdd).length);
    }
    const justUnder = [paragraph(text('a'.repeat(BLOCKS_MAX_JSON_LENGTH - 100)))];
    expect(measureBlocks(justUnder).jsonLength).toBe(JSON.stringify(justUnder).length);
    expect(codes(justUnder)).toEqual([]);
  });

  it('reports at most a screenful of problems for a hostile body', () => {
    const many = Array.from({ length: 10_000 }, () => paragraph(link('javascript:x')));
    expect(blocksProblems(many).length).toBeLessThanOrEqual(20);
  });
});
