import type { Core } from '@strapi/strapi';
import { SHARE_CARD_MIME, shareCardFileName, shareCardText, type ShareCard, type ShareCardEvent } from '@cus/shared';
import { shareCardsOf } from './service';

// The export's `shareCard` of each event: the card drawn for the text the exported version
// shows, or null while it is not drawn yet (just published, title edited, site renamed) or
// could not be. Two queries per page of entries, whatever its size.

export async function addShareCards(strapi: Core.Strapi, entries: readonly unknown[]): Promise<void> {
  const events = entries.filter((e): e is ShareCardEvent & { documentId: string; shareCard?: ShareCard | null } =>
    !!e && typeof e === 'object' && typeof (e as { documentId?: unknown }).documentId === 'string');
  if (events.length === 0) return;
  const cards = shareCardsOf(strapi);
  const [siteName, records] = await Promise.all([cards.siteName(), cards.recordsOf(events.map((e) => e.documentId))]);
  for (const event of events) {
    const record = records.get(event.documentId);
    const current = !!siteName && !!record && record.file === shareCardFileName(shareCardText(event, { siteName }));
    event.shareCard = current ? { url: record.url, width: record.width, height: record.height, mime: SHARE_CARD_MIME } : null;
  }
}
