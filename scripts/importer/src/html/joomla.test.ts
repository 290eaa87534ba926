import { describe, expect, it } from 'vitest';
import { convertValid, joomla, paragraph, text } from './test-helpers.ts';

// Joomla articles: introtext + fulltext with the plugin tags of the old site.

describe('Joomla plugin tags', () => {
  it('removes {loadposition}, {loadmodule} and {loadmoduleid} with a warning naming them', () => {
    const body = convertValid('<p>{loadposition banner-cus}We wtorek 21 czerwca br. rozpoczął się Kongres.{loadmodule mod_custom,Kontakt}{loadmoduleid 17}</p>', joomla);
    expect(body.nodes).toEqual([paragraph(text('We wtorek 21 czerwca br. rozpoczął się Kongres.'))]);
    expect(body.warnings.map((w) => w.message)).toEqual([
      'Wstawka modułu Joomli {loadposition banner-cus} pominięta — moduł nie był częścią artykułu; jeśli pokazywał coś ważnego, dopisz to ręcznie',
      'Wstawka modułu Joomli {loadmodule mod_custom,Kontakt} pominięta — moduł nie był częścią artykułu; jeśli pokazywał coś ważnego, dopisz to ręcznie',
      'Wstawka modułu Joomli {loadmoduleid 17} pominięta — moduł nie był częścią artykułu; jeśli pokazywał coś ważnego, dopisz to ręcznie',
    ]);
  });

  it('removes a folder gallery with a warning naming the folder', () => {
    const body = convertValid('<p>Galeria zdjęć</p><p>{gallery}2022/kongres-cus:200:150{/gallery}</p>', joomla);
    expect(body.nodes).toEqual([paragraph(text('Galeria zdjęć'))]);
    expect(body.gallery).toEqual([]);
    expect(body.warnings).toEqual([
      {
        code: 'content_dropped',
        message: 'Galeria z folderu „2022/kongres-cus” (wtyczka galerii Joomli) nie została przeniesiona — dodaj te zdjęcia do galerii wydarzenia ręcznie',
      },
    ]);
  });

  it('removes {emailcloak=off} silently and other plugin tags with a warning, keeping the text between them', () => {
    const body = convertValid('<p>{emailcloak=off}Kontakt: <a href="mailto:cus@example.pl">cus@example.pl</a></p><p>{tab Program}Otwarcie o 9:00{/tabs}</p>', joomla);
    expect(body.nodes).toEqual([
      paragraph(text('Kontakt: '), { type: 'link', url: 'mailto:cus@example.pl', children: [text('cus@example.pl')] }),
      paragraph(text('Otwarcie o 9:00')),
    ]);
    expect(body.warnings).toEqual([
      { code: 'shortcode_unknown', message: 'Znacznik wtyczki Joomli {tab} usunięty; tekst między znacznikami zostawiono — sprawdź, czy czegoś nie brakuje' },
    ]);
  });

  it('leaves braces of ordinary text alone', () => {
    expect(convertValid('<p>Wzór {a + b} i styl {color: red} oraz {Uwaga}</p>', joomla).nodes).toEqual([
      paragraph(text('Wzór {a + b} i styl {color: red} oraz {Uwaga}')),
    ]);
  });

  it('drops the read-more separator between introtext and fulltext', () => {
    expect(convertValid('<p>Wstęp artykułu.</p><hr id="system-readmore" /><p>Pełny tekst.</p>', joomla).nodes).toEqual([
      paragraph(text('Wstęp artykułu.')),
      paragraph(text('Pełny tekst.')),
    ]);
  });

  it('resolves relative image addresses against the site and keeps them as they are (no WordPress suffixes)', () => {
    expect(convertValid('<p><img src="images/2022/kongres-300x200.jpg" alt="Kongres CUS w Starachowicach"></p>', joomla).nodes).toEqual([
      { kind: 'pending-image', image: { url: 'https://rops.example.pl/images/2022/kongres-300x200.jpg', alt: 'Kongres CUS w Starachowicach' } },
    ]);
  });

  it('converts a Joomla article of the seed reports', () => {
    const html =
      '<p style="text-align: justify;">We wtorek 21 czerwca br. rozpoczął się drugi już <strong>Kongres Centrów Usług Społecznych</strong> zorganizowany przez Prezydenta Miasta Starachowice Marka Materka.</p>\r\n' +
      '<p style="text-align: justify;">&nbsp;</p>\r\n' +
      '<p style="text-align: justify;">- Już po raz drugi jako miasto organizujemy kongres CUS-ów.</p>\r\n<hr id="system-readmore" />\r\n' +
      '<p><span style="font-size: 12pt;"><img src="images/kongres/kongres1.jpg" alt="" width="600" height="400" /></span></p>\r\n{gallery}kongres2022{/gallery}';
    const body = convertValid(html, joomla);
    expect(body.nodes).toEqual([
      paragraph(
        text('We wtorek 21 czerwca br. rozpoczął się drugi już '),
        text('Kongres Centrów Usług Społecznych', { bold: true }),
        text(' zorganizowany przez Prezydenta Miasta Starachowice Marka Materka.'),
      ),
      paragraph(text('- Już po raz drugi jako miasto organizujemy kongres CUS-ów.')),
      { kind: 'pending-image', image: { url: 'https://rops.example.pl/images/kongres/kongres1.jpg' } },
    ]);
    expect(body.warnings.map((w) => w.code)).toEqual(['content_dropped']);
  });
});
