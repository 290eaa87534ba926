import { describe, expect, it } from 'vitest';
import { convertBody } from './convert.ts';
import { BASE, convertValid, joomla, paragraph, text, wordpress } from './test-helpers.ts';

// Each construct of an old body with the exact blocks it becomes (Joomla options: no wpautop,
// no shortcodes, so the HTML is read as it is; WordPress-only behaviour is in wordpress.test.ts).

const nodes = (html: string, options = joomla) => convertValid(html, options).nodes;
const codes = (html: string, options = joomla) => convertBody(html, options).warnings.map((w) => w.code);

describe('text and marks', () => {
  it('keeps paragraphs with bold, italic, underline, strikethrough and code', () => {
    expect(
      nodes('<p>Dyrektor CUS <b>Piotr Mączka</b> <i>przywitał</i> <u>gości</u>, <s>wczoraj</s> <code>dziś</code>.</p>'),
    ).toEqual([
      paragraph(
        text('Dyrektor CUS '),
        text('Piotr Mączka', { bold: true }),
        text(' '),
        text('przywitał', { italic: true }),
        text(' '),
        text('gości', { underline: true }),
        text(', '),
        text('wczoraj', { strikethrough: true }),
        text(' '),
        text('dziś', { code: true }),
        text('.'),
      ),
    ]);
  });

  it('decodes entities and keeps Polish typography as text', () => {
    expect(nodes('<p>Konferencja&nbsp;CUS &ndash; &#8222;Prezentacja wyników pilotażu&#8221; &amp; dyskusja</p>')).toEqual([
      paragraph(text('Konferencja\u00a0CUS – „Prezentacja wyników pilotażu” & dyskusja')),
    ]);
  });

  it('turns <br> into a line break inside the paragraph', () => {
    expect(nodes('<p>Centrum Usług Społecznych<br>w Bukowsku</p>')).toEqual([paragraph(text('Centrum Usług Społecznych\nw Bukowsku'))]);
  });

  it('gives an inline quotation Polish quotes and keeps the text of sup, sub, abbr', () => {
    expect(nodes('<p><q>Dwa lata CUS</q> – m<sup>2</sup>, H<sub>2</sub>O, <abbr title="Centrum Usług Społecznych">CUS</abbr></p>')).toEqual([
      paragraph(text('„Dwa lata CUS” – m2, H2O, CUS')),
    ]);
  });

  it('removes empty paragraphs (&nbsp;, only a <br>, only spaces)', () => {
    expect(nodes('<p>&nbsp;</p><p><br></p><p>  </p><p>Treść</p><p><strong> </strong></p>')).toEqual([paragraph(text('Treść'))]);
  });

  it('unwraps span, font, div and section but keeps the blocks apart', () => {
    expect(
      nodes('<div class="item"><section><span style="color:red"><font face="Arial">Pierwszy</font></span></section><div>Drugi</div></div>'),
    ).toEqual([paragraph(text('Pierwszy')), paragraph(text('Drugi'))]);
  });
});

describe('headings, lists, quotes, code', () => {
  it('makes an h1 a level-2 heading (the page title is the h1) and keeps the other levels', () => {
    expect(nodes('<h1>Relacja</h1><h2>Program</h2><h3>Dzień 1</h3><h6>Uwagi</h6>')).toEqual([
      { type: 'heading', level: 2, children: [text('Relacja')] },
      { type: 'heading', level: 2, children: [text('Program')] },
      { type: 'heading', level: 3, children: [text('Dzień 1')] },
      { type: 'heading', level: 6, children: [text('Uwagi')] },
    ]);
  });

  it('keeps ordered and nested lists as the editor stores them', () => {
    expect(nodes('<ol><li>Bełżyce</li><li>Adamówka<ul><li>wizyta studyjna</li></ul></li><li>Bukowsko</li></ol>')).toEqual([
      {
        type: 'list',
        format: 'ordered',
        indentLevel: 0,
        children: [
          { type: 'list-item', children: [text('Bełżyce')] },
          { type: 'list-item', children: [text('Adamówka')] },
          { type: 'list', format: 'unordered', indentLevel: 1, children: [{ type: 'list-item', children: [text('wizyta studyjna')] }] },
          { type: 'list-item', children: [text('Bukowsko')] },
        ],
      },
    ]);
  });

  it('flattens lists nested deeper than Blocks allow into the deepest allowed level', () => {
    const html = `${'<ul><li>poziom'.repeat(12)}${'</li></ul>'.repeat(12)}`;
    const [list] = nodes(html);
    let depth = 0;
    let node: unknown = list;
    while (node && typeof node === 'object' && (node as { type: string }).type === 'list') {
      depth++;
      node = (node as { children: unknown[] }).children.find((c) => (c as { type: string }).type === 'list');
    }
    expect(depth).toBe(8);
    expect(JSON.stringify(list).match(/poziom/g)).toHaveLength(12);
  });

  it('keeps a blockquote and a code block', () => {
    expect(nodes('<blockquote><p>Jest to spotkanie środowiskowe.</p></blockquote><pre><code>kod 1\n  kod 2</code></pre>')).toEqual([
      { type: 'quote', children: [text('Jest to spotkanie środowiskowe.')] },
      { type: 'code', children: [text('kod 1\n  kod 2')] },
    ]);
  });
});

describe('links', () => {
  it('resolves relative links against the old site and keeps links to it absolute', () => {
    expect(
      nodes(
        '<p><a href="/relacje/kongres-cus">Kongres</a>, <a href="https://rops.example.pl/konferencja.html">konferencja</a>, <a href="index.php?id=5&amp;view=article">artykuł</a></p>',
      ),
    ).toEqual([
      paragraph(
        { type: 'link', url: 'https://rops.example.pl/relacje/kongres-cus', children: [text('Kongres')] },
        text(', '),
        { type: 'link', url: 'https://rops.example.pl/konferencja.html', children: [text('konferencja')] },
        text(', '),
        { type: 'link', url: 'https://rops.example.pl/index.php?id=5&view=article', children: [text('artykuł')] },
      ),
    ]);
  });

  it('resolves against a base address in a folder', () => {
    expect(nodes('<p><a href="images/program.pdf">Program</a></p>', { ...joomla, baseUrl: 'https://example.pl/rops' })).toEqual([
      paragraph({ type: 'link', url: 'https://example.pl/rops/images/program.pdf', children: [text('Program')] }),
    ]);
  });

  it('keeps mailto: and tel: links', () => {
    expect(nodes('<p><a href="mailto:cus@example.pl">napisz</a> <a href="tel:+48 17 123 45 67">zadzwoń</a></p>')).toEqual([
      paragraph(
        { type: 'link', url: 'mailto:cus@example.pl', children: [text('napisz')] },
        text(' '),
        { type: 'link', url: 'tel:+48 17 123 45 67', children: [text('zadzwoń')] },
      ),
    ]);
  });

  it('unwraps links the site would not show, with a warning, and anchors of the old page silently', () => {
    const body = convertValid(
      '<p><a href="javascript:alert(1)">klik</a> <a href="ftp://pliki.example.pl/a">plik</a> <a href="#program">program</a> <a name="x">kotwica</a></p>',
      joomla,
    );
    expect(body.nodes).toEqual([paragraph(text('klik plik program kotwica'))]);
    expect(body.warnings.map((w) => w.code)).toEqual(['content_dropped', 'content_dropped']);
    expect(body.warnings[0]!.message).toContain('„javascript:”');
  });

  it('keeps marks inside a link', () => {
    expect(nodes('<p><a href="/a">zewnętrzny <b>pogrubiony</b></a></p>')).toEqual([
      paragraph({ type: 'link', url: 'https://rops.example.pl/a', children: [text('zewnętrzny '), text('pogrubiony', { bold: true })] }),
    ]);
  });
});

describe('images', () => {
  it('stands a pending image where the image was, splitting the paragraph', () => {
    expect(nodes('<p>Przed zdjęciem <img src="/images/sala.jpg" alt="Sala obrad" title="Sala"> po zdjęciu</p>')).toEqual([
      paragraph(text('Przed zdjęciem')),
      { kind: 'pending-image', image: { url: 'https://rops.example.pl/images/sala.jpg', alt: 'Sala obrad', title: 'Sala' } },
      paragraph(text('po zdjęciu')),
    ]);
  });

  it('makes no empty paragraph around an image alone in its paragraph', () => {
    expect(nodes('<p><img src="/a.jpg" alt="A"></p><p><img src="/b.jpg" alt="B"><br></p>')).toEqual([
      { kind: 'pending-image', image: { url: 'https://rops.example.pl/a.jpg', alt: 'A' } },
      { kind: 'pending-image', image: { url: 'https://rops.example.pl/b.jpg', alt: 'B' } },
    ]);
  });

  it('takes the caption of a figure', () => {
    expect(nodes('<figure><img src="/a.jpg" alt="Uczestnicy"><figcaption>Uczestnicy <em>konferencji</em></figcaption></figure>')).toEqual([
      { kind: 'pending-image', image: { url: 'https://rops.example.pl/a.jpg', alt: 'Uczestnicy', caption: 'Uczestnicy konferencji' } },
    ]);
  });

  it('keeps just the image of a link to the image itself (a lightbox), taking the larger file', () => {
    expect(nodes('<p><a href="/images/duze/foto.jpg" rel="lightbox"><img src="/images/male/foto.jpg" alt="Foto"></a></p>')).toEqual([
      { kind: 'pending-image', image: { url: 'https://rops.example.pl/images/duze/foto.jpg', alt: 'Foto' } },
    ]);
  });

  it('warns when an image was a link to a page (Blocks images are no links)', () => {
    const body = convertValid('<p><a href="https://www.gov.pl/"><img src="/logo.png" alt="Logo"></a></p>', joomla);
    expect(body.nodes).toEqual([{ kind: 'pending-image', image: { url: 'https://rops.example.pl/logo.png', alt: 'Logo' } }]);
    expect(body.warnings).toEqual([expect.objectContaining({ code: 'content_dropped', message: expect.stringContaining('https://www.gov.pl/') })]);
  });

  it('drops tracking pixels and placeholders silently, and warns about a pasted data: image', () => {
    const pasted = `data:image/png;base64,${'A'.repeat(2000)}`;
    const body = convertValid(
      `<p>Tekst<img src="https://stat.example.com/p.gif" width="1" height="1"><img src="data:image/gif;base64,R0lGOD"><img src="${pasted}" alt="Plakat"></p>`,
      joomla,
    );
    expect(body.nodes).toEqual([paragraph(text('Tekst'))]);
    expect(body.warnings).toEqual([expect.objectContaining({ code: 'content_dropped', message: expect.stringContaining('„Plakat”') })]);
  });

  it('takes the real address from data-src when src is a lazy-loading placeholder', () => {
    expect(nodes('<img src="data:image/gif;base64,R0lGOD" data-src="/images/a.jpg" alt="A">')).toEqual([
      { kind: 'pending-image', image: { url: 'https://rops.example.pl/images/a.jpg', alt: 'A' } },
    ]);
  });

  it('leaves alt empty for the run to warn about when neither tag nor attachment has one', () => {
    expect(nodes('<img src="/a.jpg" alt="">')).toEqual([{ kind: 'pending-image', image: { url: 'https://rops.example.pl/a.jpg' } }]);
  });

  it('moves an image in a list item after the list', () => {
    expect(nodes('<ul><li>punkt <img src="/a.jpg" alt="A"></li><li>drugi</li></ul>')).toEqual([
      {
        type: 'list',
        format: 'unordered',
        indentLevel: 0,
        children: [
          { type: 'list-item', children: [text('punkt')] },
          { type: 'list-item', children: [text('drugi')] },
        ],
      },
      { kind: 'pending-image', image: { url: 'https://rops.example.pl/a.jpg', alt: 'A' } },
    ]);
  });

  it('splits a link around an image inside it, keeping the link on both sides', () => {
    expect(nodes('<p><a href="/r">przed <img src="/a.jpg" alt="A"> po</a></p>')).toEqual([
      paragraph({ type: 'link', url: 'https://rops.example.pl/r', children: [text('przed')] }),
      { kind: 'pending-image', image: { url: 'https://rops.example.pl/a.jpg', alt: 'A' } },
      paragraph({ type: 'link', url: 'https://rops.example.pl/r', children: [text('po')] }),
    ]);
  });

  it('does not mistake private-use characters of the source for images', () => {
    expect(nodes('<p>a\uE0000\uE001b\uE002c</p><img src="/a.jpg" alt="A">')).toEqual([
      paragraph(text('a0bc')),
      { kind: 'pending-image', image: { url: 'https://rops.example.pl/a.jpg', alt: 'A' } },
    ]);
  });
});

describe('tables', () => {
  it('makes a paragraph of each row, the header row bold, and warns', () => {
    const body = convertValid(
      '<table><thead><tr><th>Godzina</th><th>Temat</th></tr></thead><tbody><tr><td>9:00</td><td>Otwarcie konferencji</td></tr><tr><td>10:30</td><td><a href="/prezentacja.pdf">Prezentacja</a></td></tr><tr><td></td><td></td></tr></tbody></table>',
      joomla,
    );
    expect(body.nodes).toEqual([
      paragraph(text('Godzina | Temat', { bold: true })),
      paragraph(text('9:00 | Otwarcie konferencji')),
      paragraph(text('10:30 | '), { type: 'link', url: 'https://rops.example.pl/prezentacja.pdf', children: [text('Prezentacja')] }),
    ]);
    expect(body.warnings).toEqual([
      {
        code: 'content_dropped',
        message: 'Tabela zamieniona na akapity (każdy wiersz to akapit, komórki rozdzielone „ | ”): „Godzina | Temat” — sprawdź, czy czyta się dobrze',
      },
    ]);
  });

  it('reads a table of th cells without thead as a header row, and a one-column layout table without a warning', () => {
    expect(nodes('<table><tr><th>Imię</th><th>Funkcja</th></tr><tr><td>Sylwia</td><td>Zastępca Dyrektora</td></tr></table>')[0]).toEqual(
      paragraph(text('Imię | Funkcja', { bold: true })),
    );
    const layout = convertValid('<table><tr><td><p>Pierwszy akapit</p></td></tr><tr><td>Drugi</td></tr></table>', joomla);
    expect(layout.nodes).toEqual([paragraph(text('Pierwszy akapit')), paragraph(text('Drugi'))]);
    expect(layout.warnings).toEqual([]);
  });

  it('gives each cell its own block when cells hold paragraphs or lists', () => {
    expect(nodes('<table><tr><td><p>Lewa</p></td><td><ul><li>punkt</li></ul></td></tr></table>')).toEqual([
      paragraph(text('Lewa')),
      { type: 'list', format: 'unordered', indentLevel: 0, children: [{ type: 'list-item', children: [text('punkt')] }] },
    ]);
  });
});

describe('warnings', () => {
  it('names each dropped embed once', () => {
    const html = '<iframe src="https://www.youtube.com/embed/abc"></iframe><iframe src="https://www.youtube.com/embed/abc"></iframe><form action="/x"><input name="a"></form>';
    expect(convertBody(html, joomla).warnings).toEqual([
      {
        code: 'content_dropped',
        message: 'Osadzona ramka (iframe) z adresu „https://www.youtube.com/embed/abc” pominięta — jeśli to było coś ważnego, wstaw do tekstu odnośnik ręcznie',
      },
      {
        code: 'content_dropped',
        message: 'Formularz z adresu „https://rops.example.pl/x” pominięty — jeśli to było coś ważnego, wstaw do tekstu odnośnik ręcznie',
      },
    ]);
  });

  it('reports nothing for an ordinary body', () => {
    expect(codes('<p>W dniu 10 lutego 2020 r. odbyła się konferencja.</p>')).toEqual([]);
  });

  it('converts an empty body to nothing', () => {
    expect(convertBody('', wordpress)).toEqual({ nodes: [], gallery: [], warnings: [] });
    expect(BASE).toBe('https://cus.example.pl');
  });
});
