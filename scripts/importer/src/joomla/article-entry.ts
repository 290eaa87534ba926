import type { SourceEntry, SourceImage } from '../source-item.ts';

// One article resource of Joomla's JSON:API → an importable report, a skipped one (not
// published) or a problem naming it. Joomla 4/5 list the body as `text` (intro + full text);
// some versions and extensions send introtext/fulltext apart, and `catid` as an attribute
// rather than the category relationship: both shapes are read.

/** What the reader knows of a category (GET /v1/content/categories/{id}). */
export interface JoomlaCategory {
  id: number;
  title: string;
  alias?: string;
  /** Nested path of aliases ("wydarzenia/kongresy"), as Joomla's SEF URLs use. */
  path?: string;
}

export interface ArticleContext {
  /** The site's address without a trailing slash. */
  base: string;
  host: string;
  category: (id: number) => Promise<JoomlaCategory | undefined>;
}

interface Resource {
  id?: unknown;
  attributes?: Record<string, unknown>;
  relationships?: { category?: { data?: { id?: unknown } | null } };
}

const STATE_REASONS: Record<number, string> = {
  0: 'nieopublikowany (state 0)',
  2: 'w archiwum (state 2)',
  [-2]: 'w koszu (state -2)',
};

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function int(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d{1,12}$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** Joomla stores dates in UTC as "YYYY-MM-DD HH:MM:SS"; null, empty and the zero date mean unset. */
export function joomlaDateToIso(value: unknown): string | null | undefined {
  const text = str(value)?.trim();
  if (!text || /^0000-00-00/.test(text)) return undefined;
  const plain = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (plain) {
    const [y, mo, d, h, mi, s] = plain.slice(1).map(Number) as [number, number, number, number, number, number];
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
    return `${plain[1]}-${plain[2]}-${plain[3]}T${plain[4]}:${plain[5]}:${plain[6]}Z`;
  }
  // Already ISO 8601 with an offset (some proxies and extensions rewrite dates).
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) return text;
  return null;
}

/** Joomla 4+ image fields carry "#joomlaImage://local-images/…?width=…" after the address; relative ones are under the site. */
export function joomlaImageUrl(value: unknown, base: string): string | undefined {
  const raw = str(value)?.split('#')[0]?.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(raw, `${base}/`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** `images` is an object in Joomla 4.1+, a JSON string in 3.x and 4.0 (and may be empty). */
function imagesOf(value: unknown): Record<string, unknown> {
  if (value && typeof value === 'object') return value as Record<string, unknown>;
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as unknown;
      if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
    } catch {
      // a broken images field is no reason to drop the article
    }
  }
  return {};
}

function imageOf(images: Record<string, unknown>, field: 'image_intro' | 'image_fulltext', base: string): SourceImage | undefined {
  const url = joomlaImageUrl(images[field], base);
  if (!url) return undefined;
  const alt = str(images[`${field}_alt`])?.trim();
  const caption = str(images[`${field}_caption`])?.trim();
  return { url, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) };
}

export async function articleEntry(resource: Resource, ctx: ArticleContext): Promise<SourceEntry> {
  const a = resource.attributes ?? {};
  const title = str(a.title)?.trim() ?? '';
  const id = int(a.id) ?? int(resource.id);
  if (id === undefined || id <= 0) {
    return { kind: 'problem', problem: { title: title || undefined, message: `Artykuł ${title ? `„${title}”` : '(bez tytułu)'} nie ma identyfikatora: pominięto.` } };
  }
  const named = title ? `„${title}”` : '(bez tytułu)';
  const problem = (message: string): SourceEntry => ({ kind: 'problem', problem: { id, title: title || undefined, message: `Artykuł ${id} ${named}: ${message}` } });

  const state = int(a.state);
  if (state !== 1) {
    return { kind: 'skipped', skipped: { id, title, reason: state === undefined ? 'stan publikacji nieznany' : (STATE_REASONS[state] ?? `stan ${state}, nieopublikowany`) } };
  }
  if (!title) return problem('brak tytułu: pominięto.');

  const publishUp = joomlaDateToIso(a.publish_up);
  const created = joomlaDateToIso(a.created);
  const publishedAt = publishUp ?? created;
  if (!publishedAt) return problem(`nieprawidłowa data publikacji („${str(a.publish_up) ?? str(a.created) ?? ''}”): pominięto.`);
  const modifiedAt = joomlaDateToIso(a.modified);

  const introtext = str(a.introtext);
  const fulltext = str(a.fulltext);
  const html = introtext !== undefined || fulltext !== undefined ? [introtext, fulltext].filter((part) => part?.trim()).join('\n') : (str(a.text) ?? '');

  const catid = int(a.catid) ?? int(resource.relationships?.category?.data?.id);
  const category = catid === undefined ? undefined : await ctx.category(catid);
  const alias = str(a.alias)?.trim();

  const url = `${ctx.base}/index.php?option=com_content&view=article&id=${id}${catid === undefined ? '' : `&catid=${catid}`}`;
  const otherUrls: string[] = [];
  const categoryPath = category?.path || category?.alias;
  if (categoryPath && alias) {
    const sef = `${categoryPath.split('/').map(encodeURIComponent).join('/')}/${id}-${encodeURIComponent(alias)}`;
    otherUrls.push(`${ctx.base}/index.php/${sef}`, `${ctx.base}/${sef}`);
  }

  const images = imagesOf(a.images);
  const intro = imageOf(images, 'image_intro', ctx.base);
  const full = imageOf(images, 'image_fulltext', ctx.base);
  const featuredImage = intro ?? full;
  const extraImages = intro && full && full.url !== intro.url ? [full] : [];
  const hits = int(a.hits);
  const excerpt = str(a.metadesc)?.trim();

  return {
    kind: 'item',
    item: {
      system: 'joomla',
      key: `joomla:${ctx.host}:${id}`,
      id,
      url,
      otherUrls,
      title,
      publishedAt,
      ...(modifiedAt ? { modifiedAt } : {}),
      ...(category ? { category: category.title } : {}),
      ...(hits !== undefined && hits >= 0 ? { hits } : {}),
      html,
      ...(excerpt ? { excerpt } : {}),
      ...(featuredImage ? { featuredImage } : {}),
      ...(extraImages.length ? { extraImages } : {}),
    },
  };
}
