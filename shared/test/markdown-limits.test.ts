import { describe, expect, it } from 'vitest';
import { eventSchema } from '../src/contract/entries.js';
import {
  emphasisNestingDepth,
  MARKDOWN_MAX_EMPHASIS,
  MARKDOWN_MAX_HTML_NESTING,
  MARKDOWN_MAX_LENGTH,
  MARKDOWN_MAX_NESTING,
  isAllowedMarkdownTarget,
  markdownNestingDepth,
  markdownProblems,
} from '../src/markdown-limits.js';

const codes = (md: string) => markdownProblems(md).map((p) => p.code);
const nestedList = (n: number, indent = '  ') => Array.from({ length: n }, (_, i) => `${indent.repeat(i)}- poziom ${i + 1}`).join('\n');

describe('nesting of lists and quotes', () => {
  it('measures quotes and lists on one line and across lines', () => {
    expect(markdownNestingDepth('Akapit.\n\n- jeden\n- dwa').depth).toBe(1);
    expect(markdownNestingDepth('> > > cytat').depth).toBe(3);
    expect(markdownNestingDepth('- - - x').depth).toBe(3);
    expect(markdownNestingDepth(nestedList(5)).depth).toBe(5);
    expect(markdownNestingDepth(nestedList(5, '    ')).depth).toBe(5);
    expect(markdownNestingDepth('1. a\n   1. b\n      1. c\n2. d').depth).toBe(3);
    // A new item at the left margin closes the deeper ones.
    expect(markdownNestingDepth(`${nestedList(3)}\n- znowu\n- i znowu`).depth).toBe(3);
  });

  it('reads a rule of spaced marks as a rule, not as lists', () => {
    expect(markdownNestingDepth('* * * * * * * * * * * *').depth).toBe(0);
    expect(codes('Tekst\n\n- - - - - - - - - - - -\n\nTekst')).toEqual([]);
  });

  it('ignores fenced code', () => {
    expect(markdownNestingDepth('```\n> > > > > > > > > > > >\n```\ntekst').depth).toBe(0);
  });

  it('accepts the limit and refuses one level more, whatever the kind', () => {
    expect(codes(nestedList(MARKDOWN_MAX_NESTING))).toEqual([]);
    expect(codes(nestedList(MARKDOWN_MAX_NESTING + 1))).toEqual(['too-deep']);
    expect(codes('> '.repeat(MARKDOWN_MAX_NESTING + 1) + 'x')).toEqual(['too-deep']);
  });

  it('refuses 1,000 and 10,000 levels of lists, quotes and HTML', () => {
    expect(codes(nestedList(1_000))).toEqual(['too-deep']);
    for (const n of [1_000, 10_000]) {
      expect(codes('>'.repeat(n) + ' x')).toEqual(['too-deep']);
      expect(codes('- '.repeat(n) + 'x')).toEqual(['too-deep']);
      expect(codes('<div>'.repeat(n) + 'x' + '</div>'.repeat(n))).toEqual(['too-deep']);
    }
    expect(codes('<div>'.repeat(MARKDOWN_MAX_HTML_NESTING) + 'x' + '</div>'.repeat(MARKDOWN_MAX_HTML_NESTING))).toEqual([]);
    expect(markdownProblems('>'.repeat(1000))[0]!.message).toMatch(/zagnieżdżone zbyt głęboko \(wiersz 1; najwyżej 8 poziomów\)/);
  });

  it('bounds emphasis opened at once, without counting marks inside words, rules or table rows', () => {
    expect(emphasisNestingDepth('**mocno *bardzo* mocno**')).toBe(3);
    expect(emphasisNestingDepth('snake_case_name i 2*3*4')).toBe(0);
    expect(emphasisNestingDepth('*'.repeat(40))).toBe(0);
    const approximations = Array.from({ length: 100 }, (_, i) => `| ~${i} osób |`).join('\n');
    expect(codes(`| Liczba |\n|---|\n${approximations}`)).toEqual([]);
    expect(codes('*a '.repeat(MARKDOWN_MAX_EMPHASIS) + 'x')).toEqual([]);
    expect(codes('*a '.repeat(MARKDOWN_MAX_EMPHASIS + 1) + 'x')).toEqual(['too-deep']);
  });

  it('refuses a text longer than the limit', () => {
    expect(codes('a'.repeat(MARKDOWN_MAX_LENGTH))).toEqual([]);
    expect(codes('a'.repeat(MARKDOWN_MAX_LENGTH + 1))).toEqual(['too-long']);
  });
});

describe('links and images', () => {
  it('accepts in-page anchors and addresses with a scheme', () => {
    expect(codes('Zobacz [program](#program) i [stronę](https://cus.gov.pl/a_(b)).\n\n## Program')).toEqual([]);
    expect(codes('[napisz](mailto:biuro@cus.pl), [zadzwoń](tel:+48221234567), <https://cus.gov.pl>')).toEqual([]);
    expect(codes('[ref]: https://cus.gov.pl "Tytuł"\n\n[odnośnik][ref]')).toEqual([]);
    expect(codes('Tekst z /media/x.jpg i https://cms.example/media/x.jpg bez odnośnika.')).toEqual([]);
  });

  it('refuses relative targets in links, images, definitions and HTML, naming the line', () => {
    expect(codes('[zdjęcie](zdjecie.jpg)')).toEqual(['relative-link']);
    expect(codes('![Sala](zdjecie.jpg)')).toEqual(['relative-link']);
    expect(codes('[w górę](../x)')).toEqual(['relative-link']);
    expect(codes('[strona](/wydarzenia/)')).toEqual(['relative-link']);
    expect(codes('[obcy](//evil.example/x)')).toEqual(['relative-link']);
    expect(codes('[ref]: plik.pdf')).toEqual(['relative-link']);
    expect(codes('<a href="plik.pdf">plik</a>')).toEqual(['relative-link']);
    expect(codes('[pusty]()')).toEqual(['relative-link']);
    const [problem] = markdownProblems('Pierwszy wiersz.\n\n[program](program.pdf)');
    expect(problem!.line).toBe(3);
    expect(problem!.message).toContain('„program.pdf” (wiersz 3)');
  });

  it('leaves code alone', () => {
    expect(codes('`[a](b.jpg)`\n\n```md\n![](x.png)\n```')).toEqual([]);
  });

  it('refuses images without alternative text', () => {
    expect(codes('![](https://cus.gov.pl/a.jpg)')).toEqual(['image-without-alt']);
    expect(codes('![  ](https://cus.gov.pl/a.jpg)')).toEqual(['image-without-alt']);
    expect(codes('![][zdj]\n\n[zdj]: https://cus.gov.pl/a.jpg')).toEqual(['image-without-alt']);
    expect(codes('<img src="https://cus.gov.pl/a.jpg">')).toEqual(['image-without-alt']);
    expect(codes('<img src="https://cus.gov.pl/a.jpg" alt="Sala obrad">')).toEqual([]);
    expect(markdownProblems('![](https://cus.gov.pl/a.jpg)')[0]!.message).toContain('nie ma tekstu alternatywnego');
  });

  it('sees through entities in a target', () => {
    expect(isAllowedMarkdownTarget('&#106;avascript:alert(1)')).toBe(true); // a scheme: the sanitizer removes it
    expect(isAllowedMarkdownTarget('&#122;djecie.jpg')).toBe(false);
    expect(isAllowedMarkdownTarget('#')).toBe(false);
  });
});

describe('the contract applies the same limits to an event body', () => {
  const event = {
    id: 1,
    documentId: 'abc',
    title: 'Konferencja',
    slug: 'konferencja',
    type: 'konferencja',
    dates: [{ start: '2026-03-02' }],
  };
  it('accepts a body with an anchor, refuses one with a relative link, naming the field', () => {
    expect(eventSchema.safeParse({ ...event, body: '[program](#program)\n\n## Program' }).success).toBe(true);
    const result = eventSchema.safeParse({ ...event, body: '[zdjęcie](zdjecie.jpg)' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['body']);
    expect(result.error!.issues[0]!.message).toContain('nie jest pełnym adresem');
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
