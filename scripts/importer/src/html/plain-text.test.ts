import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text.ts';
import { resolveImages } from './resolve-images.ts';
import { convertValid, finalBlocks, joomla, paragraph, text, uploaded } from './test-helpers.ts';
import type { ConvertedNode } from './types.ts';

describe('plainText', () => {
  it('is the title, a blank line, then each block’s text, blocks joined by a blank line (images have none)', () => {
    const { nodes } = convertValid(
      '<h2>Konferencja podsumowująca dwa lata CUS</h2><p>W dniu <b>23 listopada 2023 roku</b> odbyła się <a href="/k">konferencja</a>.</p><p><img src="/a.jpg" alt="Sala"></p><ul><li>Bełżyce</li><li>Adamówka<ul><li>Bukowsko</li></ul></li></ul><blockquote>Cytat</blockquote>',
      joomla,
    );
    expect(plainText('Relacja', nodes)).toBe(
      'Relacja\n\nKonferencja podsumowująca dwa lata CUS\n\nW dniu 23 listopada 2023 roku odbyła się konferencja.\n\nBełżyce\nAdamówka\nBukowsko\n\nCytat',
    );
  });

  it('is the title and a blank line for an empty body', () => {
    expect(plainText('Tytuł', [])).toBe('Tytuł\n\n');
  });

  it('points at the same words as the blocks: an excerpt found in it is in the body', () => {
    const { nodes } = convertValid('<p>Wstęp.</p><p>Liczba uczestników: około 140 osób.</p>', joomla);
    const plain = plainText('Tytuł', nodes);
    const offset = plain.indexOf('około 140 osób');
    expect(plain.slice(offset, offset + 14)).toBe('około 140 osób');
    expect(offset).toBe('Tytuł\n\nWstęp.\n\nLiczba uczestników: '.length);
  });
});

describe('resolveImages', () => {
  const image = { url: 'https://rops.example.pl/a.jpg', alt: 'A' };
  const nodes: ConvertedNode[] = [paragraph(text('a')) as ConvertedNode, { kind: 'pending-image', image }, paragraph(text('b')) as ConvertedNode];

  it('puts the uploaded image block where the image stood', () => {
    expect(finalBlocks(nodes)).toEqual([paragraph(text('a')), uploaded(image), paragraph(text('b'))]);
  });

  it('drops an image the run could not upload', () => {
    expect(resolveImages(nodes, () => null)).toEqual([paragraph(text('a')), paragraph(text('b'))]);
  });
});
