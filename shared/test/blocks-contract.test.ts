import { describe, expect, it } from 'vitest';
import { markdownToBlocks } from '../src/blocks/from-markdown.js';
import { accessibilityStatement } from '../src/contract/components.js';
import { eventSchema } from '../src/contract/entries.js';
import { safeParseEntry } from '../src/contract/validate.js';

describe('the contract holds rich-text bodies to the limits the site renders', () => {
  const event = {
    id: 1,
    documentId: 'abc',
    title: 'Konferencja',
    slug: 'konferencja',
    type: 'konferencja',
    dates: [{ start: '2026-03-02' }],
  };

  it('accepts an empty, missing or well-formed body and keeps its blocks', () => {
    expect(eventSchema.parse(event).body).toBeUndefined();
    expect(eventSchema.parse({ ...event, body: null }).body).toBeNull();
    const body = markdownToBlocks('[program](#program)\n\n## Program\n\n- punkt');
    expect(eventSchema.parse({ ...event, body }).body).toEqual(body);
  });

  it('refuses a Markdown string where blocks belong', () => {
    const result = eventSchema.safeParse({ ...event, body: '## Program' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toEqual([['body']]);
  });

  it('names the entry and the field, with the Polish message naming the block', () => {
    const body = markdownToBlocks('Wstęp\n\n[zdjęcie](zdjecie.jpg)');
    const result = safeParseEntry(eventSchema, 'event', { ...event, body });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toEqual([
      {
        path: 'body',
        message:
          'Odnośnik „zdjęcie” w bloku nr 2 (akapit) prowadzi pod adres „zdjecie.jpg”, którego strona nie pokaże — wpisz pełny adres ' +
          'zaczynający się od https:// (albo mailto: dla adresu e-mail)',
      },
    ]);
    expect(result.error.message).toContain('event "konferencja" (documentId abc): field body: Odnośnik');
  });

  it('refuses a hostile body quickly, as one issue of the field', () => {
    const deep: unknown[] = [];
    let children = deep;
    for (let i = 0; i < 100_000; i++) {
      const list = { type: 'list', format: 'ordered', children: [] as unknown[] };
      children.push(list);
      children = list.children;
    }
    const result = eventSchema.safeParse({ ...event, body: deep });
    expect(result.error!.issues.map((i) => [i.path, i.message.slice(0, 40)])).toEqual([[['body'], 'treść jest zagnieżdżona zbyt głęboko (po']]);
  });

  it('applies the same rule to the three bodies of the accessibility statement', () => {
    const bad = [{ type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'x' }] }] }];
    for (const field of ['nonCompliance', 'exemptions', 'architecturalAccessibility']) {
      const result = accessibilityStatement.safeParse({ entityName: 'CUS', [field]: bad });
      expect(result.error!.issues.map((i) => i.path), field).toEqual([[field]]);
    }
    expect(accessibilityStatement.safeParse({ entityName: 'CUS', exemptions: markdownToBlocks('- a\n- b') }).success).toBe(true);
  });

  it('refuses a URL field with another scheme than http(s)', () => {
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', '//evil.example', 'cus.gov.pl']) {
      const result = eventSchema.safeParse({ ...event, streamUrl: bad });
      expect(result.success, bad).toBe(false);
      expect(result.error!.issues[0]!.path).toEqual(['streamUrl']);
    }
    expect(eventSchema.safeParse({ ...event, streamUrl: 'https://youtube.com/live/x', sourceUrl: 'http://cus.gov.pl/' }).success).toBe(true);
    expect(eventSchema.safeParse({ ...event, streamUrl: null, sourceUrl: '' }).success).toBe(true);
  });
});
