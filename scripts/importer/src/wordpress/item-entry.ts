import type { SourceEntry, SourceImage } from '../source-item.ts';
import { isZeroWordPressDate, warsawLocalToIso, wordPressGmtToIso } from './dates.ts';
import type { RawWxrItem } from './wxr-stream.ts';

// One <item> of the export → an importable report, a skipped one with its reason, or a problem
// naming it. Only published posts (and published items of the post types asked for) are imported.

export interface ItemContext {
  /** The site's address without a trailing slash (for "?p=<id>"). */
  baseUrl: string;
  host: string;
  postTypes: ReadonlySet<string>;
  maxItemBytes: number;
  attachment: (id: number) => SourceImage | undefined;
}

const POST_TYPE_REASONS: Record<string, string> = {
  page: 'strona (page)',
  attachment: 'załącznik (attachment)',
  nav_menu_item: 'element menu (nav_menu_item)',
  revision: 'wersja robocza wpisu (revision)',
  wp_block: 'blok wielokrotnego użytku (wp_block)',
  wp_template: 'szablon motywu (wp_template)',
  wp_template_part: 'część szablonu motywu (wp_template_part)',
  wp_navigation: 'nawigacja (wp_navigation)',
  wp_global_styles: 'style motywu (wp_global_styles)',
  custom_css: 'własny CSS (custom_css)',
};

const STATUS_REASONS: Record<string, string> = {
  draft: 'szkic (draft)',
  pending: 'oczekuje na przegląd (pending)',
  private: 'prywatny (private)',
  trash: 'kosz (trash)',
  'auto-draft': 'automatyczny szkic (auto-draft)',
  inherit: 'dziedziczy status (inherit)',
  future: 'zaplanowany, jeszcze nieopublikowany (future)',
};

function postTypeReason(type: string): string {
  return POST_TYPE_REASONS[type] ?? `typ wpisu „${type}”, nieimportowany (dodaj go do --post-types, aby go zaimportować)`;
}

function positiveInt(value: string | undefined): number | undefined {
  const text = value?.trim() ?? '';
  if (!/^\d{1,12}$/.test(text)) return undefined;
  const n = Number(text);
  return n > 0 ? n : undefined;
}

/** An absolute http(s) address, or undefined. */
function httpUrl(value: string | undefined): URL | undefined {
  try {
    const url = new URL(value?.trim() ?? '');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function itemEntry(raw: RawWxrItem, ctx: ItemContext): SourceEntry {
  const f = raw.fields;
  const title = f.get('title')?.trim() ?? '';
  const named = title ? `„${title}”` : '(bez tytułu)';
  const id = positiveInt(f.get('wp:post_id'));
  if (id === undefined) {
    return { kind: 'problem', problem: { title: title || undefined, message: `Wpis ${named} (wiersz ${raw.line}) nie ma identyfikatora wp:post_id: pominięto.` } };
  }
  const type = f.get('wp:post_type')?.trim() || 'post';
  const status = f.get('wp:status')?.trim() || 'publish';
  if (!ctx.postTypes.has(type)) return { kind: 'skipped', skipped: { id, title, reason: postTypeReason(type) } };
  if (status !== 'publish') {
    return { kind: 'skipped', skipped: { id, title, reason: STATUS_REASONS[status] ?? `status „${status}”, nieopublikowany` } };
  }

  const problem = (message: string): SourceEntry => ({ kind: 'problem', problem: { id, title: title || undefined, message: `Wpis ${id} ${named}: ${message}` } });
  if (raw.oversized) return problem(`treść przekracza ${Math.round(ctx.maxItemBytes / 1_000_000)} MB: pominięto.`);
  if (!title) return problem('brak tytułu: pominięto.');

  const gmt = f.get('wp:post_date_gmt');
  const local = f.get('wp:post_date');
  const publishedAt = isZeroWordPressDate(gmt) || !gmt?.trim() ? warsawLocalToIso(local) : wordPressGmtToIso(gmt);
  if (!publishedAt) return problem(`nieprawidłowa data publikacji („${(gmt?.trim() || local?.trim()) ?? ''}”): pominięto.`);
  const modifiedGmt = f.get('wp:post_modified_gmt');
  const modifiedAt = isZeroWordPressDate(modifiedGmt) ? warsawLocalToIso(f.get('wp:post_modified')) : wordPressGmtToIso(modifiedGmt);

  const shortLink = `${ctx.baseUrl}/?p=${id}`;
  const link = httpUrl(f.get('link'));
  const url = link?.href ?? shortLink;
  const otherUrls: string[] = [];
  const addOther = (candidate: string) => {
    if (candidate !== url && !otherUrls.includes(candidate)) otherUrls.push(candidate);
  };
  addOther(shortLink);
  const guid = httpUrl(f.get('guid'));
  if (guid && guid.hostname === ctx.host) addOther(guid.href);

  const category = raw.categories.find((c) => c.domain === 'category' && c.name)?.name;
  const excerpt = f.get('excerpt:encoded')?.trim();
  const thumbnailId = positiveInt(raw.postmeta.get('_thumbnail_id'));
  const featuredImage = thumbnailId === undefined ? undefined : ctx.attachment(thumbnailId);

  return {
    kind: 'item',
    item: {
      system: 'wordpress',
      key: `wordpress:${ctx.host}:${id}`,
      id,
      url,
      otherUrls,
      title,
      publishedAt,
      ...(modifiedAt ? { modifiedAt } : {}),
      ...(category ? { category } : {}),
      html: f.get('content:encoded') ?? '',
      ...(excerpt ? { excerpt } : {}),
      ...(featuredImage ? { featuredImage } : {}),
      attachment: ctx.attachment,
    },
  };
}

/** An attachment item → the image it stands for (pass 1), or undefined when it has no usable address. */
export function attachmentImage(raw: RawWxrItem): SourceImage | undefined {
  const f = raw.fields;
  const attachmentId = positiveInt(f.get('wp:post_id'));
  const url = httpUrl(f.get('wp:attachment_url')) ?? httpUrl(f.get('guid'));
  if (attachmentId === undefined || !url) return undefined;
  const alt = raw.postmeta.get('_wp_attachment_image_alt')?.trim();
  const caption = f.get('excerpt:encoded')?.trim();
  const title = f.get('title')?.trim();
  return { url: url.href, attachmentId, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}), ...(title ? { title } : {}) };
}
