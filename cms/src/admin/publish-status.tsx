import * as React from 'react';
import { unstable_useDocumentActions as useDocumentActions, useDocumentRBAC, useFetchClient } from '@strapi/strapi/admin';
import { UNPUBLISH_TITLE, unpublishWarning } from './document-actions';
import {
  PUBLISH_STATUS_ADMIN_PATH,
  PUBLISH_STATUS_MAX_IDS,
  type EntryPublishStatus,
  type PublishState,
  type PublishStatusResponse,
} from '@cus/shared/publish-status';

// What an editor sees of the public site after "Opublikuj": in the edit view of an entry that
// reaches the site a side panel, in its list a "Na stronie" column. Both ask the CMS's admin
// route (the rebuild service's secret stays on the server), with the admin's own login.

/** Content types whose entries have a public page. */
export const PUBLISHED_TYPES = ['api::event.event', 'api::gallery.gallery', 'api::speaker.speaker', 'api::institution.institution'];

const POLL_MS = 2000;

type Get = ReturnType<typeof useFetchClient>['get'];

async function fetchStatuses(get: Get, uid: string, documentIds: string[]): Promise<Record<string, EntryPublishStatus>> {
  const query = new URLSearchParams({ uid, documentIds: documentIds.join(',') });
  const { data } = await get<PublishStatusResponse>(`${PUBLISH_STATUS_ADMIN_PATH}?${query}`);
  return data.data ?? {};
}

const UNREACHABLE: EntryPublishStatus = { state: 'unknown', message: 'Nie udało się sprawdzić stanu strony. Spróbuj odświeżyć.' };

const COLORS: Record<PublishState, { fg: string; bg: string; border: string }> = {
  live: { fg: '#2f6846', bg: '#eafbe7', border: '#c6f0c2' },
  updating: { fg: '#9a5200', bg: '#fdf4dc', border: '#fae7b9' },
  failed: { fg: '#b72b1a', bg: '#fcecea', border: '#f5c0b8' },
  'not-public': { fg: '#4a4a6a', bg: '#f6f6f9', border: '#dcdce4' },
  unknown: { fg: '#4a4a6a', bg: '#f6f6f9', border: '#dcdce4' },
};

const SHORT: Record<PublishState, string> = {
  live: 'Na stronie',
  updating: 'Aktualizowana…',
  failed: 'Błąd publikacji',
  'not-public': 'Nie na stronie',
  unknown: 'Nieznany',
};

function Badge({ state, title }: { state: PublishState; title?: string }) {
  const c = COLORS[state];
  return (
    <span
      data-publish-state={state}
      title={title}
      style={{ color: c.fg, background: c.bg, border: `1px solid ${c.border}`, borderRadius: 4, padding: '2px 6px', fontSize: 12, fontWeight: 600, whiteSpace: 'nowrap' }}
    >
      {SHORT[state]}
    </span>
  );
}

/** Saved but not published: the site keeps the published version until „Opublikuj”. */
export const SAVED_NOT_PUBLISHED = 'Zapisano szkic. Na stronie jest poprzednia wersja — kliknij „Opublikuj”, aby ją zaktualizować.';

/**
 * „Cofnij publikację” where an editor looks for it, beside the page's state (Strapi keeps it in
 * the ⋯ menu), for those who may publish; it asks first, as the menu's action does.
 */
function UnpublishButton({ uid, documentId }: { uid: string; documentId: string }) {
  const canPublish = useDocumentRBAC('CusUnpublishButton', (state) => state.canPublish === true);
  const { unpublish } = useDocumentActions();
  const dialog = React.useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = React.useState(false);
  if (!canPublish) return null;
  const confirm = async () => {
    setBusy(true);
    try {
      await unpublish({ collectionType: 'collection-types', model: uid, documentId, params: {} });
    } finally {
      setBusy(false);
      dialog.current?.close();
    }
  };
  const button = { borderRadius: 4, padding: '8px 16px', fontSize: 14, fontWeight: 600, cursor: 'pointer' } as const;
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} style={{ ...button, color: '#b72b1a', background: '#fff', border: '1px solid #f5c0b8', alignSelf: 'flex-start' }}>
        Cofnij publikację
      </button>
      {/* Centred explicitly: the admin's CSS reset removes the browser's own centring of a modal dialog. */}
      <dialog
        ref={dialog}
        aria-labelledby="cus-unpublish-title"
        style={{ position: 'fixed', inset: 0, margin: 'auto', height: 'fit-content', border: 'none', borderRadius: 4, padding: 24, maxWidth: 420, boxShadow: '0 2px 15px rgba(33,33,52,.2)' }}
      >
        <h2 id="cus-unpublish-title" style={{ fontSize: 18, fontWeight: 600, margin: '0 0 12px' }}>
          {UNPUBLISH_TITLE}
        </h2>
        <p data-testid="unpublish-warning" style={{ fontSize: 14, lineHeight: 1.5, margin: '0 0 20px' }}>
          {unpublishWarning(uid)}
        </p>
        <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
          <button type="button" onClick={() => dialog.current?.close()} style={{ ...button, color: '#32324d', background: '#fff', border: '1px solid #dcdce4' }}>
            Anuluj
          </button>
          <button type="button" disabled={busy} onClick={() => void confirm()} style={{ ...button, color: '#fff', background: '#d02b20', border: '1px solid #d02b20' }}>
            Cofnij publikację
          </button>
        </div>
      </dialog>
    </>
  );
}

/** The edit view's panel body: the state of one entry, asked again every 2 s while the site is being updated. */
function PublishStatusBody({ uid, documentId, version, documentStatus }: { uid: string; documentId: string; version: string; documentStatus?: string }) {
  const { get } = useFetchClient();
  const [status, setStatus] = React.useState<EntryPublishStatus | null>(null);
  React.useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      let next: EntryPublishStatus;
      try {
        next = (await fetchStatuses(get, uid, [documentId]))[documentId] ?? UNREACHABLE;
      } catch {
        next = UNREACHABLE;
      }
      if (stopped) return;
      setStatus(next);
      // A settled state is asked again less often: another entry's publish can hold this one's
      // page (a shared build), and a failed build can be retried by the service.
      timer = setTimeout(ask, next.state === 'updating' ? POLL_MS : POLL_MS * 3);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // `version` changes when the entry is saved, published or withdrawn: ask at once.
  }, [get, uid, documentId, version]);

  if (!status) return <p style={{ fontSize: 14 }}>Sprawdzanie stanu strony…</p>;
  return (
    <div data-testid="publish-status" style={{ display: 'flex', flexDirection: 'column', gap: 8, fontSize: 14, lineHeight: 1.4 }}>
      <div>
        <Badge state={status.state} />
      </div>
      <p role="status" style={{ margin: 0 }}>
        {status.message}
      </p>
      {/* The link where the page is known to be there (a new entry's page does not exist before its first build). */}
      {status.url && status.state === 'live' ? (
        <a href={status.url} target="_blank" rel="noreferrer" style={{ color: '#4945ff', textDecoration: 'underline' }}>
          Zobacz stronę (otwiera się w nowej karcie)
        </a>
      ) : null}
      {documentStatus === 'modified' && status.state !== 'not-public' ? (
        <p data-testid="saved-not-published" style={{ margin: 0, color: '#9a5200' }}>
          {SAVED_NOT_PUBLISHED}
        </p>
      ) : null}
      {(documentStatus === 'published' || documentStatus === 'modified') && status.state !== 'not-public' ? <UnpublishButton uid={uid} documentId={documentId} /> : null}
    </div>
  );
}

/** The edit view side panel ("Strona publiczna"), for entries with a public page that exist already. */
export const PublishStatusPanel = ({
  model,
  documentId,
  document,
}: {
  model: string;
  documentId?: string;
  document?: { updatedAt?: string | null; publishedAt?: string | null; status?: string };
}) => {
  if (!PUBLISHED_TYPES.includes(model) || !documentId) return null;
  const version = `${document?.updatedAt ?? ''}|${document?.publishedAt ?? ''}|${document?.status ?? ''}`;
  return { title: 'Strona publiczna', content: <PublishStatusBody uid={model} documentId={documentId} version={version} documentStatus={document?.status} /> };
};

// The list asks once per page: every row's badge joins a batch sent on the next tick.
type Listener = (status: EntryPublishStatus) => void;
const batches = new Map<string, { ids: Map<string, Listener[]>; get: Get }>();

function requestStatus(get: Get, uid: string, documentId: string, listener: Listener) {
  let batch = batches.get(uid);
  if (!batch) {
    batch = { ids: new Map(), get };
    batches.set(uid, batch);
    setTimeout(() => {
      const current = batches.get(uid)!;
      batches.delete(uid);
      const ids = [...current.ids.keys()];
      for (let i = 0; i < ids.length; i += PUBLISH_STATUS_MAX_IDS) {
        const chunk = ids.slice(i, i + PUBLISH_STATUS_MAX_IDS);
        fetchStatuses(current.get, uid, chunk)
          .catch(() => ({}) as Record<string, EntryPublishStatus>)
          .then((data) => {
            for (const id of chunk) for (const l of current.ids.get(id)!) l(data[id] ?? UNREACHABLE);
          });
      }
    }, 0);
  }
  batch.ids.set(documentId, [...(batch.ids.get(documentId) ?? []), listener]);
}

function PublishStatusCell({ uid, documentId }: { uid: string; documentId: string }) {
  const { get } = useFetchClient();
  const [status, setStatus] = React.useState<EntryPublishStatus | null>(null);
  React.useEffect(() => {
    let live = true;
    requestStatus(get, uid, documentId, (s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, [get, uid, documentId]);
  if (!status) return <span style={{ color: '#8e8ea9' }}>…</span>;
  return <Badge state={status.state} title={status.message} />;
}

interface ListHeader {
  name: string;
  label: string | { id: string; defaultMessage: string };
  attribute: { type: string; [key: string]: unknown };
  searchable?: boolean;
  sortable?: boolean;
  cellFormatter?: (row: Record<string, unknown>, header: unknown, ctx: { model: string }) => React.ReactNode;
}

/** The list's "Na stronie" column, on lists of content with public pages. */
export function publishStatusColumn(model: string): ListHeader | null {
  if (!PUBLISHED_TYPES.includes(model)) return null;
  return {
    name: 'cus_publish_status',
    label: { id: 'cus.list.publish-status', defaultMessage: 'Na stronie' },
    attribute: { type: 'custom' },
    searchable: false,
    sortable: false,
    cellFormatter: (row) => (typeof row.documentId === 'string' ? <PublishStatusCell uid={model} documentId={row.documentId} /> : null),
  };
}
