// Which Strapi webhooks change the public site. Strapi sends every event of every content
// type; a draft being saved changes nothing the public sees.

/** Content types the site shows (Strapi's webhook `model`), and whether they have drafts. */
const SITE_MODELS: Record<string, { drafts: boolean }> = {
  event: { drafts: true },
  gallery: { drafts: true },
  speaker: { drafts: false },
  institution: { drafts: false },
  'site-setting': { drafts: false },
};

export interface WebhookPayload {
  event?: string;
  model?: string;
  uid?: string;
  entry?: { publishedAt?: string | null; slug?: string; documentId?: string; name?: string; title?: string } | null;
}

export type Relevance = { relevant: true; reason: string } | { relevant: false; why: string };

export function relevance(eventHeader: string | undefined, payload: WebhookPayload): Relevance {
  const event = payload.event ?? eventHeader ?? '';
  const model = payload.model ?? '';
  const label = payload.entry?.slug ?? payload.entry?.documentId ?? payload.entry?.name ?? '';
  const reason = [event, model, label].filter(Boolean).join(' ');
  if (event.startsWith('media.')) return { relevant: true, reason };
  if (!event.startsWith('entry.')) return { relevant: false, why: `event ${event || '(none)'} is not about content` };
  const type = SITE_MODELS[model];
  if (!type) return { relevant: false, why: `model ${model || '(none)'} is not on the site` };
  if (type.drafts && (event === 'entry.create' || event === 'entry.update') && !payload.entry?.publishedAt) {
    return { relevant: false, why: 'a draft was saved' };
  }
  return { relevant: true, reason };
}
