import { describe, expect, it } from 'vitest';
import {
  cleanCardText, clipLine, escapeXml, SHARE_CARD_FILE_NAME, SHARE_CARD_SIZE, shareCardFileName, shareCardSvg, shareCardText, wrapCardLines,
  type ShareCardText,
} from '../src/share-card.js';

const event = {
  title: 'Wizyta studyjna w Łodzi: żłobki, źródła finansowania i współpraca gmin',
  type: 'wizyta_studyjna',
  format: 'stacjonarne',
  dates: [{ start: '2023-06-19', end: '2023-06-21' }, { start: '2023-06-26', end: null }],
  venue: { city: 'Łódź', voivodeship: 'lodzkie' },
};
const settings = { siteName: 'Relacje z wydarzeń CUS' };
const text = (over: Partial<ShareCardText> = {}): ShareCardText => ({ ...shareCardText(event, settings), ...over });

/** What the SVG's <text> nodes say, entities decoded, in order. */
const svgTexts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'),
  );

describe('shareCardText', () => {
  it('gives the Polish type label, dates and place from export data', () => {
    expect(shareCardText(event, settings)).toEqual({
      site: 'Relacje z wydarzeń CUS',
      kind: 'Wizyta studyjna',
      title: 'Wizyta studyjna w Łodzi: żłobki, źródła finansowania i współpraca gmin',
      when: '19–21 i 26 czerwca 2023 r.',
      where: 'Łódź, woj. łódzkie',
    });
  });

  it('says "online" for an online event without a place, and nothing for an unknown type or date', () => {
    const t = shareCardText({ title: 'Webinar', type: 'nieznany', format: 'online', dates: [{ start: 'wczoraj' }], venue: null }, { siteName: null });
    expect(t).toEqual({ site: '', kind: '', title: 'Webinar', when: '', where: 'online' });
  });

  it('reads dates the database gives as Date objects the same as strings', () => {
    const fromDb = shareCardText({ ...event, dates: [{ start: new Date('2023-06-19T00:00:00Z'), end: new Date('2023-06-21T00:00:00Z') }, { start: '2023-06-26' }] }, settings);
    expect(fromDb.when).toBe('19–21 i 26 czerwca 2023 r.');
  });

  it('normalizes to NFC and drops characters XML cannot hold', () => {
    const decomposed = 'Z\u0307ło\u0301dź'; // Ż and ó typed as base letter + combining mark
    expect(cleanCardText(decomposed)).toBe('Żłódź');
    expect(cleanCardText('A\u0000B\u0008C\u001F D\uFFFE\uD800E \u{1F600}')).toBe('ABC DE \u{1F600}');
    expect(cleanCardText('  dwie\n\tlinie  ')).toBe('dwie linie');
    expect(cleanCardText(42)).toBe('');
  });
});

describe('wrapCardLines', () => {
  it('breaks at spaces into lines of at most the width, counting Polish letters as one character each', () => {
    const lines = wrapCardLines('Zażółć gęślą jaźń — święto gmin ziemi łódzkiej', 20, 4);
    expect(lines).toEqual(['Zażółć gęślą jaźń —', 'święto gmin ziemi', 'łódzkiej']);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(20);
  });

  it('cuts a long title at the last line with "…", without dangling punctuation', () => {
    const title = 'Konferencja o usługach społecznych, opiece długoterminowej, deinstytucjonalizacji, mieszkalnictwie wspomaganym, asystencji osobistej i wielu innych sprawach';
    const lines = wrapCardLines(title, 30, 4);
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/[^\s,.:;–-]…$/);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(30);
  });

  it('breaks a word longer than a line', () => {
    expect(wrapCardLines('a https://example.org/bardzo/dluga/sciezka', 12, 5)).toEqual(['a', 'https://exam', 'ple.org/bard', 'zo/dluga/sci', 'ezka']);
  });

  it('keeps a short title on one line and gives nothing for an empty one', () => {
    expect(wrapCardLines('Kongres', 30, 4)).toEqual(['Kongres']);
    expect(wrapCardLines('   ', 30, 4)).toEqual([]);
  });
});

describe('clipLine', () => {
  it('cuts to the length in characters with "…", leaving short lines alone', () => {
    expect(clipLine('krótko', 10)).toBe('krótko');
    expect(clipLine('Ośrodek Pomocy Społecznej, Łódź', 16)).toBe('Ośrodek Pomocy…');
    expect([...clipLine('ż'.repeat(100), 52)]).toHaveLength(52);
  });
});

describe('shareCardSvg', () => {
  it('is a 1200×630 SVG whose text nodes say the card, XML-escaped', () => {
    const svg = shareCardSvg(text({ title: 'Dom & <rodzina> "razem" \'24', site: 'CUS <Łódź>' }));
    expect(svg).toContain(`width="${SHARE_CARD_SIZE.width}" height="${SHARE_CARD_SIZE.height}"`);
    expect(svg).not.toMatch(/<rodzina>|<Łódź>/);
    expect(escapeXml('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(svgTexts(svg)).toEqual(['CUS <Łódź>', 'Wizyta studyjna', 'Dom & <rodzina> "razem" \'24', '19–21 i 26 czerwca 2023 r. · Łódź, woj. łódzkie']);
  });

  it('draws a hostile title as text: no element, entity or CDATA gets through', () => {
    const hostile = ']]><script>alert(1)</script><!ENTITY x "y">&x; <![CDATA[ z ]]>';
    const svg = shareCardSvg(text({ title: hostile }));
    expect(svg).not.toMatch(/<script|<!ENTITY|<!\[CDATA\[|&x;/);
    expect(svgTexts(svg).slice(2, -1).join(' ')).toBe(wrapCardLines(hostile, 30, 4).join(' '));
  });

  it('uses a smaller font for a four-line title and cuts the footer to one line', () => {
    const long = shareCardSvg(text({ title: 'słowo '.repeat(40), when: '1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 i 14 czerwca 2023 r.', where: 'Kędzierzyn-Koźle, woj. opolskie' }));
    expect(long.match(/font-size="52" font-weight="bold"/g)).toHaveLength(4);
    const footer = svgTexts(long).at(-1)!;
    expect([...footer].length).toBeLessThanOrEqual(52);
    expect(footer.endsWith('…')).toBe(true);
    expect(shareCardSvg(text()).match(/font-size="60" font-weight="bold"/g)!.length).toBeLessThanOrEqual(3);
  });
});

describe('shareCardFileName', () => {
  it('is og-<16 hex>.png, the same for the same text', () => {
    const name = shareCardFileName(text());
    expect(name).toMatch(SHARE_CARD_FILE_NAME);
    expect(shareCardFileName(shareCardText(structuredClone(event), { ...settings }))).toBe(name);
  });

  it('changes with every part of the text: title, site name, type, dates, place', () => {
    const names = new Set([
      shareCardFileName(text()),
      shareCardFileName(text({ title: `${event.title}!` })),
      shareCardFileName(text({ site: 'Inny serwis' })),
      shareCardFileName(text({ kind: 'Konferencja' })),
      shareCardFileName(text({ when: '20 czerwca 2023 r.' })),
      shareCardFileName(text({ where: 'Łódź' })),
    ]);
    expect(names.size).toBe(6);
  });

  it('does not confuse texts whose parts only shift between fields', () => {
    expect(shareCardFileName(text({ title: 'a b', when: 'c' }))).not.toBe(shareCardFileName(text({ title: 'a', when: 'b c' })));
  });

  it('is the same for a title typed with decomposed diacritics', () => {
    const composed = shareCardText({ ...event, title: 'Żółw w Łodzi' }, settings);
    const decomposed = shareCardText({ ...event, title: 'Z\u0307o\u0301łw w Łodzi' }, settings);
    expect(shareCardFileName(decomposed)).toBe(shareCardFileName(composed));
  });
});
