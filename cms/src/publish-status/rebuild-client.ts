import type { RebuildEntriesResponse } from '@cus/shared';

// Asks the rebuild service (beside REBUILD_URL's webhook, with REBUILD_SECRET) what the live
// site holds of some entries. Server to server: the secret never reaches the browser. Bounded
// by a timeout, and never throws: null means "could not tell".

export const REBUILD_STATUS_TIMEOUT_MS = 2000;

export async function askRebuildService(collection: string, documentIds: string[], env: NodeJS.ProcessEnv = process.env): Promise<RebuildEntriesResponse | null> {
  const webhook = env.REBUILD_URL?.trim();
  if (!webhook) return null;
  try {
    // The service's /entries beside its /webhook (works behind a path prefix too).
    const url = new URL('entries', webhook);
    url.searchParams.set('collection', collection);
    url.searchParams.set('documentIds', documentIds.join(','));
    const res = await fetch(url, {
      headers: { 'x-rebuild-secret': env.REBUILD_SECRET?.trim() ?? '', accept: 'application/json' },
      signal: AbortSignal.timeout(REBUILD_STATUS_TIMEOUT_MS),
    });
    if (!res.ok) return null;
    const body = (await res.json()) as Partial<RebuildEntriesResponse> | null;
    return body && typeof body.entries === 'object' && body.entries ? (body as RebuildEntriesResponse) : null;
  } catch {
    return null;
  }
}
