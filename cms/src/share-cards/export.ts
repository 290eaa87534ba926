import type { Core } from '@strapi/strapi';
import { SHARE_CARD_MIME, shareCardFileName, shareCardText, type ShareCard, type ShareCardEvent } from '@cus/shared';
import { shareCardsOf } from './service';

// The export's `shareCard` of each event: the card drawn for the text the exported version
// shows, or null while it is not drawn yet (just published, title edited, site renamed) or
// could not be. Two queries per page of entries, whatever its size.

/** The card of each event (by documentId), or null while none is drawn for the text it shows. */
export async function shareCardsFor(strapi: Core.Strapi, events: readonly (ShareCardEvent & { documentId: string })[]): Promise<Map<string, ShareCard | null>> {
  const out = new Map<string, ShareCard | null>();
  if (events.length === 0) return out;
  const cards = shareCardsOf(strapi);
  const [siteName, records] = await Promise.all([cards.siteName(), cards.recordsOf(events.map((e) => e.documentId))]);
  for (const event of events) {
    const record = records.get(event.documentId);
    const current = !!siteName && !!record && record.file === shareCardFileName(shareCardText(event, { siteName }));
    out.set(event.documentId, current ? { url: record.url, width: record.width, height: record.height, mime: SHARE_CARD_MIME } : null);
  }
  return out;
}

/** What an event's card is drawn from (shareCardText), kept with its export record. */
export function cardFieldsOf(event: ShareCardEvent): ShareCardEvent {
  return {
    title: event.title ?? null,
    type: event.type ?? null,
    format: event.format ?? null,
    dates: (event.dates ?? []).map((d) => ({ start: d?.start ?? null, end: d?.end ?? null })),
    venue: event.venue ? { city: event.venue.city ?? null, voivodeship: event.venue.voivodeship ?? null } : null,
  };
}
