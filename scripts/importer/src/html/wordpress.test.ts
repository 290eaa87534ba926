import { describe, expect, it } from 'vitest';
import { convertBody } from './convert.ts';
import { parseShortcodeAttrs } from './wordpress-shortcodes.ts';
import { ATTACHMENTS, BASE, convertValid, paragraph, text } from './test-helpers.ts';

// WordPress bodies: classic-editor posts (no <p>, shortcodes) and block-editor posts (block
// comments), with the sentences of the seed reports.

const pending = (image: object) => ({ kind: 'pending-image', image });

describe('classic editor (wpautop)', () => {
  it('makes paragraphs of blank lines and line breaks of single newlines', () => {
    const html =
      'W dniu 23 listopada 2023 roku odbyła się uroczysta konferencja.\nWydarzenie poprzedziła wizyta studyjna.\n\n' +
      'Konferencja rozpoczęła się od <strong>oficjalnego przywitania</strong> gości.\n\n\n<h2>Podsumowanie</h2>\nWnioski z konferencji posłużą do określenia nowych celów.';
    expect(convertValid(html).nodes).toEqual([
      paragraph(text('W dniu 23 listopada 2023 roku odbyła się uroczysta konferencja.\nWydarzenie poprzedziła wizyta studyjna.')),
      paragraph(text('Konferencja rozpoczęła się od '), text('oficjalnego przywitania', { bold: true }), text(' gości.')),
      { type: 'heading', level: 2, children: [text('Podsumowanie')] },
      paragraph(text('Wnioski z konferencji posłużą do określenia nowych celów.')),
    ]);
  });

  it('adds no line breaks between list items or around blocks', () => {
    expect(convertValid('Łącznie zrealizowano cztery wizyty:\n<ul>\n<li>dwie - dla uczestników szkolenia;</li>\n<li>i po jednej</li>\n</ul>\nKoniec.').nodes).toEqual([
      paragraph(text('Łącznie zrealizowano cztery wizyty:')),
      {
        type: 'list',
        format: 'unordered',
        indentLevel: 0,
        children: [
          { type: 'list-item', children: [text('dwie - dla uczestników szkolenia;')] },
          { type: 'list-item', children: [text('i po jednej')] },
        ],
      },
      paragraph(text('Koniec.')),
    ]);
  });

  it('makes a link of an address alone on its line (WordPress embedded it)', () => {
    expect(convertValid('Zobacz nagranie:\n\nhttps://www.youtube.com/watch?v=abc&amp;t=5\n\nDziękujemy.').nodes).toEqual([
      paragraph(text('Zobacz nagranie:')),
      paragraph({ type: 'link', url: 'https://www.youtube.com/watch?v=abc&t=5', children: [text('https://www.youtube.com/watch?v=abc&t=5')] }),
      paragraph(text('Dziękujemy.')),
    ]);
  });

  it('does not autop block-editor content', () => {
    expect(convertValid('<!-- wp:paragraph -->\n<p>Jeden\ndwa</p>\n<!-- /wp:paragraph -->').nodes).toEqual([paragraph(text('Jeden dwa'))]);
  });
});

describe('shortcodes', () => {
  it('[caption] → the image with the caption text, the original file instead of the thumbnail', () => {
    const html =
      '[caption id="attachment_77" align="alignleft" width="300"]<a href="https://cus.example.pl/wp-content/uploads/2023/06/bukowsko.jpg"><img class="size-medium" src="https://cus.example.pl/wp-content/uploads/2023/06/bukowsko-300x200.jpg" alt="Budynek CUS w Bukowsku" width="300" height="200" /></a> Centrum Usług Społecznych w Bukowsku[/caption]\nW dniach 19-21 oraz 26 czerwca 2023 r. odbyły się wizyty studyjne.';
    expect(convertValid(html).nodes).toEqual([
      pending({
        url: 'https://cus.example.pl/wp-content/uploads/2023/06/bukowsko.jpg',
        alt: 'Budynek CUS w Bukowsku',
        caption: 'Centrum Usług Społecznych w Bukowsku',
      }),
      paragraph(text('W dniach 19-21 oraz 26 czerwca 2023 r. odbyły się wizyty studyjne.')),
    ]);
  });

  it('[caption] of an attachment takes its alt and address when the tag has none', () => {
    const html = '[caption id="attachment_12" width="300"]<img src="/wp-content/uploads/2023/11/konferencja-300x200.jpg" alt="" /> Sala obrad[/caption]';
    expect(convertValid(html).nodes).toEqual([
      pending({ url: ATTACHMENTS[12]!.url, attachmentId: 12, alt: 'Sala konferencyjna w Dębicy', caption: 'Sala obrad', title: 'konferencja' }),
    ]);
  });

  it('[caption caption="…"] (the old form) takes the attribute', () => {
    expect(convertValid('[caption caption="Podpis w atrybucie"]<img src="/a.jpg" alt="A">[/caption]').nodes).toEqual([
      pending({ url: `${BASE}/a.jpg`, alt: 'A', caption: 'Podpis w atrybucie' }),
    ]);
  });

  it('[gallery ids] → gallery images from the attachments, out of the body; an unknown id is reported', () => {
    const body = convertValid('Galeria zdjęć\n\n[gallery columns="3" ids="12, 14,99,12"]\n\nKoniec.');
    expect(body.nodes).toEqual([paragraph(text('Galeria zdjęć')), paragraph(text('Koniec.'))]);
    expect(body.gallery).toEqual([
      { ...ATTACHMENTS[12], attachmentId: 12 },
      { ...ATTACHMENTS[14], attachmentId: 14 },
    ]);
    expect(body.warnings).toEqual([
      { code: 'content_dropped', message: 'Zdjęcia nr 99 z galerii nie ma w eksporcie — dodaj je do galerii wydarzenia ręcznie' },
    ]);
  });

  it('[gallery] without ids is reported', () => {
    const body = convertValid('[gallery]');
    expect(body.gallery).toEqual([]);
    expect(body.warnings.map((w) => w.code)).toEqual(['content_dropped']);
  });

  it('[embed]url[/embed] → a link', () => {
    expect(convertValid('[embed]https://www.youtube.com/watch?v=xyz[/embed]').nodes).toEqual([
      paragraph({ type: 'link', url: 'https://www.youtube.com/watch?v=xyz', children: [text('https://www.youtube.com/watch?v=xyz')] }),
    ]);
  });

  it('unknown shortcodes lose their tags, keep their text, and are named once', () => {
    const body = convertValid('[su_box title="Uwaga"]Zapisy do 10 lutego.[/su_box] [su_box]Drugie.[/su_box] [contact-form-7 id="5" /] [vc_row][vc_column]Kolumna[/vc_column][/vc_row]');
    expect(body.nodes).toEqual([paragraph(text('Zapisy do 10 lutego. Drugie. Kolumna'))]);
    expect(body.warnings.map((w) => w.message)).toEqual([
      'Nieznany skrót WordPressa [su_box] usunięty; jego tekst (jeśli był) zostawiono — sprawdź, czy czegoś nie brakuje',
      'Nieznany skrót WordPressa [contact-form-7] usunięty; jego tekst (jeśli był) zostawiono — sprawdź, czy czegoś nie brakuje',
      'Nieznany skrót WordPressa [vc_row] usunięty; jego tekst (jeśli był) zostawiono — sprawdź, czy czegoś nie brakuje',
      'Nieznany skrót WordPressa [vc_column] usunięty; jego tekst (jeśli był) zostawiono — sprawdź, czy czegoś nie brakuje',
    ]);
    expect(body.warnings.every((w) => w.code === 'shortcode_unknown')).toBe(true);
  });

  it('keeps the address of an unknown shortcode with a url attribute (a button) as a link', () => {
    expect(convertValid('[su_button url="https://cus.gminadebica.example/program.pdf"]Program kongresu[/su_button]').nodes).toEqual([
      paragraph({ type: 'link', url: 'https://cus.gminadebica.example/program.pdf', children: [text('Program kongresu')] }),
    ]);
  });

  it('leaves brackets of ordinary text alone and shows [[escaped]] shortcodes as text', () => {
    const body = convertValid('Cytat [sic] z przypisem [1] i [Zdjęcie 2]; skrót [[gallery]] wpisany dosłownie.');
    expect(body.nodes).toEqual([paragraph(text('Cytat [sic] z przypisem [1] i [Zdjęcie 2]; skrót [gallery] wpisany dosłownie.'))]);
    expect(body.warnings).toEqual([]);
  });

  it('[video] → a link to the file, with a warning', () => {
    const body = convertValid('[video mp4="https://cus.example.pl/wp-content/uploads/film.mp4"][/video]');
    expect(body.nodes).toEqual([
      paragraph({
        type: 'link',
        url: 'https://cus.example.pl/wp-content/uploads/film.mp4',
        children: [text('https://cus.example.pl/wp-content/uploads/film.mp4')],
      }),
    ]);
    expect(body.warnings.map((w) => w.code)).toEqual(['content_dropped']);
  });

  it('reads attributes as WordPress does', () => {
    expect(parseShortcodeAttrs(` id="attachment_5" align='alignleft' width=300 "pozycyjny" /`)).toEqual({
      id: 'attachment_5',
      align: 'alignleft',
      width: '300',
      '0': 'pozycyjny',
    });
  });

  it('does not read shortcodes as WordPress for Joomla bodies', () => {
    expect(convertBody('<p>[gallery ids="12"]</p>', { system: 'joomla', baseUrl: BASE }).nodes).toEqual([paragraph(text('[gallery ids="12"]'))]);
  });
});

describe('images of the classic editor', () => {
  it('finds the attachment by the wp-image-N class', () => {
    expect(convertValid('<img class="alignnone size-medium wp-image-13" src="/wp-content/uploads/2023/11/powitanie-300x225.jpg" alt="" />').nodes).toEqual([
      pending({ url: ATTACHMENTS[13]!.url, attachmentId: 13, alt: ATTACHMENTS[13]!.alt }),
    ]);
  });

  it('prefers the alt of the tag over the attachment’s', () => {
    expect(convertValid('<img class="wp-image-13" src="/x-1024x768.jpg" alt="Powitanie gości" />').nodes).toEqual([
      pending({ url: ATTACHMENTS[13]!.url, attachmentId: 13, alt: 'Powitanie gości' }),
    ]);
  });

  it('strips the size suffix of a thumbnail without an attachment', () => {
    expect(convertValid('<img src="https://cus.example.pl/wp-content/uploads/2022/06/kongres-1024x683.jpeg" alt="Kongres" />').nodes).toEqual([
      pending({ url: 'https://cus.example.pl/wp-content/uploads/2022/06/kongres.jpeg', alt: 'Kongres' }),
    ]);
  });

  it('makes an emoji image its text', () => {
    expect(convertValid('Dziękujemy <img class="wp-smiley" src="https://s.w.org/images/core/emoji/2.3/72x72/1f642.png" alt="🙂" />').nodes).toEqual([
      paragraph(text('Dziękujemy 🙂')),
    ]);
  });
});

describe('block editor', () => {
  const post = [
    '<!-- wp:paragraph -->',
    '<p>21 listopada 2022 r. w Centrum Spotkania Kultur w Lublinie odbyła się Konferencja.</p>',
    '<!-- /wp:paragraph -->',
    '',
    '<!-- wp:image {"id":12,"sizeSlug":"large","linkDestination":"media"} -->',
    '<figure class="wp-block-image size-large"><a href="https://cus.example.pl/wp-content/uploads/2023/11/konferencja.jpg"><img src="https://cus.example.pl/wp-content/uploads/2023/11/konferencja-1024x683.jpg" alt="" class="wp-image-12"/></a><figcaption class="wp-element-caption">Powitanie gości</figcaption></figure>',
    '<!-- /wp:image -->',
    '',
    '<!-- wp:heading {"level":3} -->',
    '<h3 class="wp-block-heading">Program</h3>',
    '<!-- /wp:heading -->',
    '',
    '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=xyz","type":"video","providerNameSlug":"youtube"} -->',
    '<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">',
    'https://www.youtube.com/watch?v=xyz',
    '</div></figure>',
    '<!-- /wp:embed -->',
    '',
    '<!-- wp:gallery {"linkTo":"none"} -->',
    '<figure class="wp-block-gallery has-nested-images"><!-- wp:image {"id":13} -->',
    '<figure class="wp-block-image"><img src="https://cus.example.pl/wp-content/uploads/2023/11/powitanie-1024x683.jpg" alt=""/></figure>',
    '<!-- /wp:image -->',
    '<!-- wp:image {"id":14} -->',
    '<figure class="wp-block-image"><img src="https://cus.example.pl/wp-content/uploads/2023/11/kochanowka-1024x683.jpg" alt="Budynek"/></figure>',
    '<!-- /wp:image -->',
    '<!-- wp:image -->',
    '<figure class="wp-block-image"><img src="https://cus.example.pl/wp-content/uploads/2023/11/latoszyn-1024x683.jpg" alt="Latoszyn"/><figcaption>Uzdrowisko w Latoszynie Zdroju</figcaption></figure>',
    '<!-- /wp:image --></figure>',
    '<!-- /wp:gallery -->',
    '',
    '<!-- wp:separator -->',
    '<hr class="wp-block-separator"/>',
    '<!-- /wp:separator -->',
    '<!-- wp:latest-posts {"postsToShow":3} /-->',
    '<!-- wp:block {"ref":321} /-->',
    '<!-- wp:more -->',
    '<!--more-->',
    '<!-- /wp:more -->',
  ].join('\n');

  it('converts a block-editor post', () => {
    const body = convertValid(post);
    expect(body.nodes).toEqual([
      paragraph(text('21 listopada 2022 r. w Centrum Spotkania Kultur w Lublinie odbyła się Konferencja.')),
      pending({ url: ATTACHMENTS[12]!.url, attachmentId: 12, alt: ATTACHMENTS[12]!.alt, caption: 'Powitanie gości', title: 'konferencja' }),
      { type: 'heading', level: 3, children: [text('Program')] },
      paragraph({ type: 'link', url: 'https://www.youtube.com/watch?v=xyz', children: [text('https://www.youtube.com/watch?v=xyz')] }),
    ]);
    expect(body.gallery).toEqual([
      { url: ATTACHMENTS[13]!.url, attachmentId: 13, alt: ATTACHMENTS[13]!.alt },
      { url: ATTACHMENTS[14]!.url, attachmentId: 14, alt: 'Budynek', caption: ATTACHMENTS[14]!.caption },
      { url: 'https://cus.example.pl/wp-content/uploads/2023/11/latoszyn.jpg', alt: 'Latoszyn', caption: 'Uzdrowisko w Latoszynie Zdroju' },
    ]);
    expect(body.warnings.map((w) => w.message)).toEqual([
      'Blok WordPressa „latest-posts” pominięty — jego treść tworzyła stara strona przy wyświetlaniu, nie ma jej w eksporcie',
      'Blok wielokrotnego użytku WordPressa (nr 321) pominięty — jego treść jest zapisana w osobnym wpisie; wklej ją ręcznie, jeśli jest potrzebna',
    ]);
  });

  it('reads the ids of the older wp:gallery form', () => {
    const body = convertValid('<!-- wp:gallery {"ids":[12,14]} -->\n<figure class="wp-block-gallery"><ul class="blocks-gallery-grid"></ul></figure>\n<!-- /wp:gallery -->');
    expect(body.gallery.map((g) => g.attachmentId)).toEqual([12, 14]);
    expect(body.nodes).toEqual([]);
  });

  it('dedupes gallery images by address across galleries', () => {
    const body = convertValid('[gallery ids="12,13"]\n\n[gallery ids="13,12,14"]');
    expect(body.gallery.map((g) => g.url)).toEqual([ATTACHMENTS[12]!.url, ATTACHMENTS[13]!.url, ATTACHMENTS[14]!.url]);
  });
});
