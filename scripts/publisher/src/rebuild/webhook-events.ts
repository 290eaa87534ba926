// Which Strapi webhooks change the public site. Strapi sends every event of every content
// type; a draft being saved changes nothing the public sees, nor does deleting a document
// that was never published.

import type { ScannedWebhook } from './webhook-scanner.ts';

/** Content types the site shows (Strapi's webhook `model`), and whether they have drafts. */
const SITE_MODELS = new Map<string, { drafts: boolean }>([
  ['event', { drafts: true }],
  ['gallery', { drafts: true }],
  ['speaker', { drafts: false }],
  ['institution', { drafts: false }],
  ['site-setting', { drafts: false }],
]);

export type WebhookPayload = ScannedWebhook;

export type Relevance = { relevant: true; reason: string; entry?: { model: string; documentId: string } } | { relevant: false; why: string };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * `unreadable`: the body could not be read whole (what was read before is in `payload`). From an
 * authenticated sender, an entry or media event is then built rather than risk a lost publish.
 */
export function relevance(eventHeader: string | undefined, payload: WebhookPayload, unreadable?: string): Relevance {
  const event = str(payload.event) || str(eventHeader);
  const model = str(payload.model);
  const entry = payload.entry && typeof payload.entry === 'object' ? payload.entry : undefined;
  const label = str(entry?.slug) || str(entry?.documentId) || str(entry?.name);
  const reason = [event, model, label].filter(Boolean).join(' ') + (unreadable ? ` (body unreadable: ${unreadable})` : '');
  if (event.startsWith('media.')) return { relevant: true, reason };
  if (!event.startsWith('entry.')) return { relevant: false, why: `event ${event.slice(0, 80) || '(none)'} is not about content` };
  const type = SITE_MODELS.get(model);
  // A model named and not on the site (a user, a role) is safe to ignore even so; otherwise,
  // what was not read (the model, whether the entry is published) counts as a change.
  if (unreadable && !(model && !type) && (!type || !entry || !('publishedAt' in entry))) return { relevant: true, reason };
  if (!type) return { relevant: false, why: `model ${model.slice(0, 80) || '(none)'} is not on the site` };
  if (type.drafts && !entry?.publishedAt) {
    if (event === 'entry.create' || event === 'entry.update') return { relevant: false, why: 'a draft was saved' };
    // Strapi fires one entry.delete per row: a published document's delete includes its published row.
    if (event === 'entry.delete') return { relevant: false, why: 'a draft row was deleted (a published row, if any, comes in its own webhook)' };
  }
  const documentId = str(entry?.documentId);
  return { relevant: true, reason, ...(documentId && model ? { entry: { model, documentId } } : {}) };
}
