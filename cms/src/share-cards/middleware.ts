import type { Core } from '@strapi/strapi';
import { shareCardsOf } from './service';

// When share cards are (re)drawn: after every write of an event (the job finds out whether its
// published version needs a new card: a draft save costs it two reads and draws nothing; a
// REST write publishes inside the document service, past the `publish` action, so every
// action counts), after an event is deleted (its card goes: the job finds no event), and after the site's name
// changes (every published event's card shows it). Queued only once the write is committed,
// so the job reads what was written; never awaited, so a publish never waits for a card.

const EVENT = 'api::event.event';
const SETTINGS = 'api::site-setting.site-setting';
const EVENT_WRITES = new Set(['create', 'update', 'clone', 'publish', 'unpublish', 'discardDraft', 'delete']);
const SETTINGS_WRITES = new Set(['create', 'update']);

/** Runs `fn` once the surrounding transaction (if any) has committed; never when it rolls back. */
function afterCommit(strapi: Core.Strapi, fn: () => void) {
  if (strapi.db.inTransaction()) void strapi.db.transaction(({ onCommit }) => onCommit(fn));
  else fn();
}

export function registerShareCardsMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid === EVENT && EVENT_WRITES.has(context.action)) {
      const result = await next();
      const documentId =
        (result as { documentId?: string } | null)?.documentId ??
        (result as { entries?: { documentId?: string }[] } | null)?.entries?.[0]?.documentId ??
        (context.params as { documentId?: string }).documentId;
      if (documentId) afterCommit(strapi, () => shareCardsOf(strapi).enqueue(documentId));
      return result;
    }
    if (context.uid === SETTINGS && SETTINGS_WRITES.has(context.action)) {
      const cards = shareCardsOf(strapi);
      const before = await cards.siteName();
      const result = await next();
      afterCommit(strapi, () => cards.siteNameSaved(before));
      return result;
    }
    return next();
  });
}
