import { createHash } from 'node:crypto';
import type { ImportSource, ImportSuggestion, ImportWarning } from '@cus/shared/import';
import { convertBody, isPendingImage, plainText, type ConvertedBody } from '../html/index.ts';
import type { SourceImage, SourceItem, SourceSite } from '../source-item.ts';
import { suggest, type NameIndex } from '../suggest/index.ts';
import { htmlToText, shorten } from './html-text.ts';
import type { WantedImages } from './images.ts';

// One report made ready for the CMS, before any image is fetched: title, lead, the converted
// body, the suggestions read from its text, the warnings, the images it wants, and the digest
// of all that. The digest stands for the payload (@cus/shared/import contentHash): it is taken
// before the images are uploaded (their source addresses instead of file ids), so that a
// report already imported and unchanged is recognised from the lookup alone, without fetching
// or uploading a single image again.

export const TITLE_MAX = 250;
export const LEAD_MAX = 600;
export const SUGGESTIONS_MAX = 200;
export const WARNINGS_MAX = 200;
/** Bumped when the importer converts differently: every report is then sent again once. */
const DIGEST_VERSION = 1;

export interface PreparedItem {
  item: SourceItem;
  title: string;
  lead?: string;
  source: ImportSource;
  converted: ConvertedBody;
  suggestions: ImportSuggestion[];
  warnings: ImportWarning[];
  wanted: WantedImages;
  contentHash: string;
}

/** Warnings once each, at most WARNINGS_MAX (the last one saying how many more there were). */
export function tidyWarnings(warnings: ImportWarning[]): ImportWarning[] {
  const seen = new Set<string>();
  const unique = warnings.filter((w) => {
    const key = `${w.code}\n${w.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  if (unique.length <= WARNINGS_MAX) return unique;
  const rest = unique.length - (WARNINGS_MAX - 1);
  return [...unique.slice(0, WARNINGS_MAX - 1), { code: 'other', message: `…oraz ${rest} innych ostrzeżeń (pominiętych).` }];
}

function wantedImages(item: SourceItem, converted: ConvertedBody): WantedImages {
  const inline = converted.nodes.filter(isPendingImage).map((n) => n.image);
  const extra = item.extraImages ?? [];
  const cover = item.featuredImage ?? extra[0];
  const inBody = new Set(inline.map((i) => i.url));
  const gallery: SourceImage[] = [...converted.gallery];
  for (const image of extra) {
    if (image.url !== cover?.url && !inBody.has(image.url) && !gallery.some((g) => g.url === image.url)) gallery.push(image);
  }
  return { cover, inline, gallery };
}

export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

export function prepareItem(item: SourceItem, site: SourceSite, names: NameIndex): PreparedItem {
  const title = shorten(htmlToText(item.title), TITLE_MAX) || `Wpis ${item.id}`;
  const excerpt = item.excerpt ? shorten(htmlToText(item.excerpt), LEAD_MAX) : '';
  const converted = convertBody(item.html, { system: item.system, baseUrl: site.baseUrl, attachment: item.attachment });
  const text = plainText(title, converted.nodes);
  const suggestions = suggest({ text, publishedAt: item.publishedAt, names }).slice(0, SUGGESTIONS_MAX);
  const warnings = [...converted.warnings];
  if (!suggestions.some((s) => s.kind === 'dates')) {
    warnings.push({ code: 'no_date', message: 'W tekście nie znaleziono daty wydarzenia: ustaw ją ręcznie.' });
  }
  const source: ImportSource = {
    system: item.system,
    key: item.key,
    url: item.url,
    publishedAt: item.publishedAt,
    ...(item.category ? { category: shorten(htmlToText(item.category), 250) } : {}),
    ...(item.hits !== undefined ? { hits: item.hits } : {}),
  };
  const wanted = wantedImages(item, converted);
  const tidy = tidyWarnings(warnings);
  const lead = excerpt || undefined;
  const contentHash = digest({ v: DIGEST_VERSION, source, title, lead, nodes: converted.nodes, wanted, suggestions, warnings: tidy });
  return { item, title, lead, source, converted, suggestions, warnings: tidy, wanted, contentHash };
}
