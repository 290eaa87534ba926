import { EXPORT_SPEC, safeParseEntry, type ExportCollection } from '@cus/shared';
import { renderBody } from '@cus/shared/body-html';

// What the preview server reads: one entry's draft (its current state, for types without
// drafts), through the export endpoint with the preview secret. Never used by a build.

export interface PreviewConfig {
  strapiUrl: string;
  token: string;
  secret: string;
}

export function previewConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PreviewConfig | null {
  const strapiUrl = env.STRAPI_URL?.trim();
  const token = (env.PREVIEW_STRAPI_TOKEN || env.STRAPI_TOKEN)?.trim();
  const secret = env.PREVIEW_SECRET?.trim();
  return strapiUrl && token && secret ? { strapiUrl, token, secret } : null;
}

export interface DraftResult {
  data: Record<string, unknown>;
  /** Contract problems: what would stop the site from publishing this entry. */
  problems: string[];
}

export async function fetchDraft(cfg: PreviewConfig, collection: ExportCollection, documentId: string): Promise<DraftResult | null> {
  const spec = EXPORT_SPEC[collection];
  const params = new URLSearchParams({ ids: documentId, pageSize: '1', ...(spec.draftAndPublish ? { status: 'draft' } : {}) });
  const url = `${cfg.strapiUrl.replace(/\/+$/, '')}/api/site-export/${collection}?${params}`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${cfg.token}`, 'x-preview-secret': cfg.secret, accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`The CMS refused the draft (GET ${url}: HTTP ${res.status})`);
  const body = (await res.json()) as { data?: Record<string, unknown>[] };
  const raw = body.data?.[0];
  if (!raw) return null;
  const parsed = safeParseEntry(spec.schema, spec.typeName, raw);
  return { data: raw, problems: parsed.ok ? [] : parsed.error.issues.map((i) => `${i.path}: ${i.message}`) };
}

/** A draft event in the shape the pages use (body HTML as the CMS rendered it, else rendered here; first and last day). */
export function previewEvent(data: Record<string, unknown>) {
  const dates = ((data.dates as { start?: string; end?: string | null }[] | undefined) ?? []).filter((d) => d.start) as { start: string; end?: string | null }[];
  const days = dates.flatMap((d) => [d.start, d.end ?? d.start]).sort();
  return { ...data, dates, bodyHtml: typeof data.bodyHtml === 'string' ? data.bodyHtml : renderBody(data.body), digest: '', start: days[0] ?? '', end: days.at(-1) ?? '' };
}

/** Media of a draft may be new uploads, not yet in any build: the preview shows them from the CMS. */
export const previewMediaOrigin = (cfg: PreviewConfig) => `${cfg.strapiUrl.replace(/\/+$/, '')}/uploads/`;
