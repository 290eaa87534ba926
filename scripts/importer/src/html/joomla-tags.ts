import { quote, type Warnings } from './warnings.ts';

// Joomla content plugins' tags in an article's text: "{loadposition x}", "{loadmodule …}",
// "{gallery}folder{/gallery}", "{emailcloak=off}" and any other "{word …}" / "{/word}".
// The site that rendered them is gone, so the tags go; text between a pair stays.

const GALLERY = /\{gallery\}([^{}]{0,500})\{\/gallery\}/g;
// A plugin's name is a lowercase word of 3+ letters ("{a + b}" in a formula is no tag).
const PLUGIN_TAG = /\{(\/?)([a-z][a-z0-9_-]{2,63})((?:[ =][^{}]{0,2000})?)\}/g;
const MODULE_TAGS = new Set(['loadposition', 'loadmodule', 'loadmoduleid']);
const SILENT = new Set(['emailcloak']);

export function removeJoomlaTags(html: string, warnings: Warnings): string {
  if (!html.includes('{')) return html;
  return html
    .replace(GALLERY, (_all, folder: string) => {
      const name = folder.split(':')[0]!.trim();
      warnings.add(
        'content_dropped',
        `Galeria z folderu ${quote(name)} (wtyczka galerii Joomli) nie została przeniesiona — dodaj te zdjęcia do galerii wydarzenia ręcznie`,
      );
      return '';
    })
    .replace(PLUGIN_TAG, (_all, closing: string, name: string, rest: string) => {
      if (SILENT.has(name)) return '';
      if (MODULE_TAGS.has(name)) {
        warnings.add(
          'content_dropped',
          `Wstawka modułu Joomli {${name}${rest}} pominięta — moduł nie był częścią artykułu; jeśli pokazywał coś ważnego, dopisz to ręcznie`,
        );
      } else if (!closing) {
        warnings.add('shortcode_unknown', `Znacznik wtyczki Joomli {${name}} usunięty; tekst między znacznikami zostawiono — sprawdź, czy czegoś nie brakuje`);
      }
      return '';
    });
}
