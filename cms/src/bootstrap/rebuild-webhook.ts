import type { Core, Modules } from '@strapi/strapi';

// The public site is static: a small rebuild service (address in REBUILD_URL, written by
// ./scripts/start) rebuilds it when content changes. Strapi tells it through one webhook
// kept here, at every start, in line with the environment:
// - REBUILD_URL set: the webhook exists once, enabled, with that URL, the shared secret in a
//   header (Strapi webhooks cannot sign their body) and the events below;
// - REBUILD_URL unset: a webhook made by an earlier start is removed.
// It is found by its name; webhooks administrators add under other names are never touched.
// Webhooks created in code fire only once the running webhook runner knows them, so every
// change in the store is mirrored there as Strapi's own admin controller does.

type Webhook = Modules.WebhookStore.Webhook;
type WebhookStore = Modules.WebhookStore.WebhookStore;
type WebhookRunner = Modules.WebhookRunner.WebhookRunner;

export const REBUILD_WEBHOOK_NAME = 'Przebudowa strony publicznej';
export const REBUILD_SECRET_HEADER = 'X-Rebuild-Secret';

// Every content change: webhooks fire for all content types and the rebuild service picks
// the models it cares about. media.* are registered by the upload plugin's bootstrap, which
// runs before the app's.
export const REBUILD_WEBHOOK_EVENTS = [
  'entry.create',
  'entry.update',
  'entry.delete',
  'entry.publish',
  'entry.unpublish',
  'media.create',
  'media.update',
  'media.delete',
];

export type RebuildWebhookAction = 'created' | 'updated' | 'unchanged' | 'removed' | 'absent' | 'invalid-url';

const sameContent = (a: Omit<Webhook, 'id'>, b: Omit<Webhook, 'id'>) =>
  a.url === b.url &&
  a.isEnabled === b.isEnabled &&
  JSON.stringify(Object.entries(a.headers ?? {}).sort()) === JSON.stringify(Object.entries(b.headers ?? {}).sort()) &&
  JSON.stringify([...(a.events ?? [])].sort()) === JSON.stringify([...(b.events ?? [])].sort());

// For the log: the address without any user:password part.
function displayUrl(url: string) {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

export async function ensureRebuildWebhook(strapi: Core.Strapi): Promise<RebuildWebhookAction> {
  const url = process.env.REBUILD_URL?.trim() ?? '';
  const secret = process.env.REBUILD_SECRET?.trim() ?? '';
  const store = strapi.get('webhookStore') as WebhookStore;
  const runner = strapi.get('webhookRunner') as WebhookRunner;

  // Oldest first: if the name ever appears twice, the oldest one is kept and the rest go.
  const ours = (await store.findWebhooks())
    .filter((hook) => hook.name === REBUILD_WEBHOOK_NAME)
    .sort((a, b) => Number(a.id) - Number(b.id));
  const remove = async (hook: Webhook) => {
    await store.deleteWebhook(hook.id);
    runner.remove(hook);
  };

  if (!url) {
    for (const hook of ours) await remove(hook);
    const action = ours.length > 0 ? 'removed' : 'absent';
    strapi.log.info(
      `Webhook „${REBUILD_WEBHOOK_NAME}”: ${action === 'removed' ? 'usunięto' : 'brak'} (REBUILD_URL nie jest ustawiony).`,
    );
    return action;
  }

  // A typo must not stop the CMS for editors; it leaves the webhook as it was and says so.
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
    strapi.log.error(`Webhook „${REBUILD_WEBHOOK_NAME}”: REBUILD_URL nie jest adresem http(s); webhook bez zmian.`);
    return 'invalid-url';
  }

  if (!secret) {
    strapi.log.warn(
      `Webhook „${REBUILD_WEBHOOK_NAME}”: REBUILD_SECRET nie jest ustawiony; usługa przebudowy odrzuci powiadomienia bez nagłówka ${REBUILD_SECRET_HEADER}.`,
    );
  }
  const wanted: Omit<Webhook, 'id'> = {
    name: REBUILD_WEBHOOK_NAME,
    url,
    headers: secret ? { [REBUILD_SECRET_HEADER]: secret } : {},
    events: REBUILD_WEBHOOK_EVENTS,
    isEnabled: true,
  };

  const [current, ...duplicates] = ours;
  for (const hook of duplicates) await remove(hook);

  let action: 'created' | 'updated' | 'unchanged';
  if (!current) {
    // createWebhook stores it enabled; the runner learns it here, as the admin controller does.
    const created = await store.createWebhook(wanted as Webhook);
    runner.add(created);
    action = 'created';
  } else if (!sameContent(current, wanted)) {
    const updated = await store.updateWebhook(current.id, { ...wanted, id: current.id });
    // update() is remove + add by id: the provider's bootstrap already registered the old one.
    if (updated) runner.update(updated);
    action = 'updated';
  } else {
    action = duplicates.length > 0 ? 'updated' : 'unchanged';
  }
  const verb = { created: 'utworzono', updated: 'zaktualizowano', unchanged: 'bez zmian' }[action];
  strapi.log.info(
    `Webhook „${REBUILD_WEBHOOK_NAME}”: ${verb} (${displayUrl(url)}, ${secret ? 'z sekretem' : 'BEZ sekretu'}).`,
  );
  return action;
}
