import * as React from 'react';
import { unstable_useContentManagerContext as useContentManagerContext, useFetchClient } from '@strapi/strapi/admin';
import type { ImportSuggestion, ImportWarning } from '@cus/shared/import';
import { ExcerptInContext } from './excerpt';
import { refetchDocument } from './refetch-document';

// The edit view's "Z importu" panel, on an event the importer made (scripts/import → the CMS's
// src/import): where the report came from, the import's warnings, and what the importer read in
// the text as suggestions, each with the words it came from. "Przyjmij" writes a suggestion
// into the saved draft on the server (src/import/suggestions.ts) and the form then shows it.
// While the form has unsaved changes the buttons wait: accepting saves the draft on the server,
// and the form reloaded from it would drop what was typed.

const EVENT = 'api::event.event';

interface ImportedEvent {
  source: { system: string; url: string | null; publishedAt: string | null; category: string | null; hits: number | null };
  suggestions: (ImportSuggestion & { accepted: boolean })[];
  warnings: ImportWarning[];
}

type Load = { state: 'loading' } | { state: 'none' } | { state: 'error'; message: string } | { state: 'ready'; data: ImportedEvent };

const SYSTEMS: Record<string, string> = { wordpress: 'WordPress', joomla: 'Joomla' };
export const UNSAVED_REASON = 'Najpierw zapisz zmiany: przyjęcie propozycji zapisuje szkic.';

const polishDate = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('pl-PL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Warsaw' }).format(new Date(iso)) : null;

function errorMessage(error: unknown): string {
  const data = (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data;
  return data?.error?.message ?? 'Nie udało się połączyć z serwerem. Spróbuj ponownie.';
}

const button = (primary: boolean, disabled: boolean) =>
  ({
    borderRadius: 4,
    padding: '6px 12px',
    fontSize: 13,
    fontWeight: 600,
    cursor: disabled ? 'not-allowed' : 'pointer',
    opacity: disabled ? 0.55 : 1,
    color: primary ? '#fff' : '#4945ff',
    background: primary ? '#4945ff' : '#fff',
    border: '1px solid #4945ff',
    alignSelf: 'flex-start',
  }) as const;

function Source({ source }: { source: ImportedEvent['source'] }) {
  const date = polishDate(source.publishedAt);
  return (
    <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 8px', fontSize: 13 }}>
      <dt style={{ color: '#666687' }}>Źródło</dt>
      <dd style={{ margin: 0 }}>{SYSTEMS[source.system] ?? 'stara strona'}</dd>
      {source.url ? (
        <>
          <dt style={{ color: '#666687' }}>Stary adres</dt>
          <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>
            <a href={source.url} target="_blank" rel="noreferrer" style={{ color: '#4945ff', textDecoration: 'underline' }}>
              {source.url}
            </a>
          </dd>
        </>
      ) : null}
      {date ? (
        <>
          <dt style={{ color: '#666687' }}>Opublikowano</dt>
          <dd style={{ margin: 0 }}>{date}</dd>
        </>
      ) : null}
      {source.category ? (
        <>
          <dt style={{ color: '#666687' }}>Kategoria</dt>
          <dd style={{ margin: 0 }}>{source.category}</dd>
        </>
      ) : null}
      {source.hits !== null ? (
        <>
          <dt style={{ color: '#666687' }}>Wyświetlenia</dt>
          <dd style={{ margin: 0 }}>{source.hits.toLocaleString('pl-PL')}</dd>
        </>
      ) : null}
    </dl>
  );
}

function ImportBody({ documentId, modified, data, onChange }: { documentId: string; modified: boolean; data: ImportedEvent; onChange(data: ImportedEvent): void }) {
  const { post } = useFetchClient();
  const [busy, setBusy] = React.useState(false);
  const [failure, setFailure] = React.useState<string | null>(null);

  const accept = async (ids: string[] | 'all') => {
    setBusy(true);
    setFailure(null);
    try {
      const { data: next } = await post<ImportedEvent>(`/import/events/${documentId}/accept`, { ids });
      onChange(next);
      if (!refetchDocument(EVENT, documentId)) window.location.reload();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const { source, suggestions, warnings } = data;
  const open = suggestions.filter((s) => !s.accepted);
  const disabled = busy || modified;
  return (
    <div data-testid="import-suggestions" style={{ display: 'flex', flexDirection: 'column', gap: 12, fontSize: 14, lineHeight: 1.4, width: '100%' }}>
      <Source source={source} />
      {warnings.length > 0 ? (
        <div>
          <p style={{ margin: '0 0 4px', fontWeight: 600 }}>Uwagi importu</p>
          <ul data-testid="import-warnings" style={{ margin: 0, paddingLeft: 18, color: '#9a5200', fontSize: 13 }}>
            {warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {suggestions.length === 0 ? (
        <p style={{ margin: 0, fontSize: 13 }}>Importer nie znalazł w tekście propozycji do przyjęcia.</p>
      ) : (
        <>
          <p style={{ margin: 0, fontWeight: 600 }}>Propozycje z tekstu ({suggestions.length})</p>
          {modified ? (
            <p id="cus-import-unsaved" role="note" style={{ margin: 0, fontSize: 13, color: '#9a5200' }}>
              {UNSAVED_REASON}
            </p>
          ) : null}
          <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 10 }}>
            {suggestions.map((s) => (
              <li key={s.id} data-suggestion={s.id} style={{ display: 'flex', flexDirection: 'column', gap: 4, borderTop: '1px solid #eaeaef', paddingTop: 8 }}>
                <span style={{ fontWeight: 600 }}>{s.label}</span>
                <ExcerptInContext excerpt={s.evidence.excerpt} context={s.evidence.context} />
                {s.accepted ? (
                  <span style={{ color: '#2f6846', fontWeight: 600, fontSize: 13 }}>Przyjęto</span>
                ) : (
                  <button
                    type="button"
                    disabled={disabled}
                    aria-describedby={modified ? 'cus-import-unsaved' : undefined}
                    title={modified ? UNSAVED_REASON : undefined}
                    onClick={() => void accept([s.id])}
                    style={button(false, disabled)}
                  >
                    Przyjmij
                  </button>
                )}
              </li>
            ))}
          </ul>
          {open.length > 0 ? (
            <button
              type="button"
              disabled={disabled}
              aria-describedby={modified ? 'cus-import-unsaved' : undefined}
              title={modified ? UNSAVED_REASON : undefined}
              onClick={() => void accept('all')}
              style={button(true, disabled)}
            >
              Przyjmij wszystkie propozycje
            </button>
          ) : null}
        </>
      )}
      {failure ? (
        <p role="alert" style={{ margin: 0, color: '#b72b1a', fontSize: 13 }}>
          {failure}
        </p>
      ) : null}
    </div>
  );
}

/** What the CMS knows of the event's import; 'none' when it was not imported (no panel then). */
function useImportedEvent(documentId: string | undefined) {
  const { get } = useFetchClient();
  const [load, setLoad] = React.useState<Load>({ state: 'loading' });
  React.useEffect(() => {
    if (!documentId) return;
    let live = true;
    setLoad({ state: 'loading' });
    get<ImportedEvent>(`/import/events/${documentId}`)
      .then(({ data }) => live && setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (!live) return;
        const status = (error as { response?: { status?: number } })?.response?.status ?? (error as { status?: number }).status;
        setLoad(status === 404 ? { state: 'none' } : { state: 'error', message: errorMessage(error) });
      });
    return () => {
      live = false;
    };
  }, [get, documentId]);
  return [load, setLoad] as const;
}

/**
 * The side panel's description (rendered as a component: hooks are allowed): a panel only on a
 * saved event the importer made, shown once the CMS has said so.
 */
export const ImportSuggestionsPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { form } = useContentManagerContext() as unknown as { form?: { modified?: boolean } };
  const [load, setLoad] = useImportedEvent(model === EVENT ? documentId : undefined);
  if (model !== EVENT || !documentId || load.state === 'none' || load.state === 'loading') return null;
  const content =
    load.state === 'error' ? (
      <p role="alert" style={{ fontSize: 14, color: '#b72b1a' }}>
        {load.message}
      </p>
    ) : (
      <ImportBody documentId={documentId} modified={form?.modified === true} data={load.data} onChange={(data) => setLoad({ state: 'ready', data })} />
    );
  return { title: 'Z importu', content };
};
