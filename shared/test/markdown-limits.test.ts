import { describe, expect, it } from 'vitest';
import {
  emphasisNestingDepth,
  htmlNestingDepth,
  MARKDOWN_MAX_EMPHASIS,
  MARKDOWN_MAX_HTML_NESTING,
  MARKDOWN_MAX_LENGTH,
  MARKDOWN_MAX_NESTING,
  markdownNestingDepth,
  markdownWithinLimits,
} from '../src/markdown-limits.js';

// Markdown that is converted into Blocks (the seed, imports) is measured before remark sees it.

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
    expect(markdownWithinLimits('Tekst\n\n- - - - - - - - - - - -\n\nTekst')).toBe(true);
  });

  it('ignores fenced code', () => {
    expect(markdownNestingDepth('```\n> > > > > > > > > > > >\n```\ntekst').depth).toBe(0);
  });

  it('accepts the limit and refuses one level more, whatever the kind', () => {
    expect(markdownWithinLimits(nestedList(MARKDOWN_MAX_NESTING))).toBe(true);
    expect(markdownWithinLimits(nestedList(MARKDOWN_MAX_NESTING + 1))).toBe(false);
    expect(markdownWithinLimits('> '.repeat(MARKDOWN_MAX_NESTING + 1) + 'x')).toBe(false);
  });

  it('refuses 1,000 and 10,000 levels of lists, quotes and HTML', () => {
    expect(markdownWithinLimits(nestedList(1_000))).toBe(false);
    for (const n of [1_000, 10_000]) {
      expect(markdownWithinLimits('>'.repeat(n) + ' x')).toBe(false);
      expect(markdownWithinLimits('- '.repeat(n) + 'x')).toBe(false);
      expect(markdownWithinLimits('<div>'.repeat(n) + 'x' + '</div>'.repeat(n))).toBe(false);
    }
    expect(htmlNestingDepth('<div>'.repeat(MARKDOWN_MAX_HTML_NESTING) + 'x' + '</div>'.repeat(MARKDOWN_MAX_HTML_NESTING))).toBe(MARKDOWN_MAX_HTML_NESTING);
    expect(markdownWithinLimits('<div>'.repeat(MARKDOWN_MAX_HTML_NESTING) + 'x' + '</div>'.repeat(MARKDOWN_MAX_HTML_NESTING))).toBe(true);
    expect(htmlNestingDepth('<br><img src="a"><p/>')).toBe(0);
  });

  it('bounds emphasis opened at once, without counting marks inside words, rules or table rows', () => {
    expect(emphasisNestingDepth('**mocno *bardzo* mocno**')).toBe(3);
    expect(emphasisNestingDepth('snake_case_name i 2*3*4')).toBe(0);
    expect(emphasisNestingDepth('*'.repeat(40))).toBe(0);
    const approximations = Array.from({ length: 100 }, (_, i) => `| ~${i} osób |`).join('\n');
    expect(markdownWithinLimits(`| Liczba |\n|---|\n${approximations}`)).toBe(true);
    expect(markdownWithinLimits('*a '.repeat(MARKDOWN_MAX_EMPHASIS) + 'x')).toBe(true);
    expect(markdownWithinLimits('*a '.repeat(MARKDOWN_MAX_EMPHASIS + 1) + 'x')).toBe(false);
  });

  it('refuses a text longer than the limit', () => {
    expect(markdownWithinLimits('a'.repeat(MARKDOWN_MAX_LENGTH))).toBe(true);
    expect(markdownWithinLimits('a'.repeat(MARKDOWN_MAX_LENGTH + 1))).toBe(false);
  });
});
