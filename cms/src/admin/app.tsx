import type { StrapiApp } from '@strapi/strapi/admin';
import { dropRefetchOfDeletedDocument } from './deleted-document-refetch';
import { confirmUnpublish, guardDeveloperActions, type DocumentActionComponent } from './document-actions';
import { POLISH_DATE_TIME_FIELDS } from './date-time/inputs';
import { announceCreatedDocuments, ConnectCreatedRelationsPanel } from './new-entry-relations/connect-created';
import { ENUMERATION_LABELS_BY_FIELD, ENUMERATION_MESSAGES } from './enumeration-labels';
import { dismissMediaLibraryBannerForGood } from './media-library-banner';
import { ImportSuggestionsPanel } from './import-suggestions/panel';
import { captureAdminDispatch } from './import-suggestions/refetch-document';
import { openOnEvents } from './open-on-events';
import { PublishStatusPanel, publishStatusColumn } from './publish-status';
import { POLISH_MESSAGES } from './translations/pl';
import { BLOCKS_EDITOR_MESSAGES } from './translations/blocks-editor';

// The admin speaks Polish by default. Strapi picks its interface language from this
// localStorage key and falls back to English when it is unset, so we seed it once per
// browser at load time (before the app renders); a user who switches language in their
// profile keeps their choice.
// Strapi's guided tour (an English-minded course in building content types, with a dimmed
// overlay) is for developers: it starts switched off, the same way.
const LANGUAGE_KEY = 'strapi-admin-language';
const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';
try {
  if (!window.localStorage.getItem(LANGUAGE_KEY)) {
    window.localStorage.setItem(LANGUAGE_KEY, 'pl');
  }
  if (!window.localStorage.getItem(GUIDED_TOUR_KEY)) {
    window.localStorage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ enabled: false, hidden: true, completedActions: [] }));
  }
} catch {
  // Storage blocked (strict private mode): the language switcher in the profile still works.
}
dismissMediaLibraryBannerForGood();

// The invitation page asks to subscribe to Strapi's newsletter (with links to strapi.io terms);
// Strapi has no setting for it, so the page hides that one checkbox: every block that holds the
// checkbox and no text field (the checkbox's row up to the form's grid) is not displayed. Only
// on the sign-up pages (they link to the sign-in page; no page of the logged-in admin does), so
// the user form in Ustawienia, which also asks for a password twice, keeps its "Aktywny".
const HIDE_NEWSLETTER_OPT_IN = `:root:has(a[href*="/auth/login"]) form:has([name="confirmPassword"]) div:has(button[role="checkbox"]):not(:has(input:not([type="checkbox"]))) { display: none !important; }`;
const style = document.createElement('style');
style.textContent = HIDE_NEWSLETTER_OPT_IN;
document.head.appendChild(style);

interface ListHeader {
  name: string;
  attribute: { type: string };
  cellFormatter?: unknown;
}

/** The content type of the list on screen (the column hook is not told which one it is). */
const listedModel = () => /\/collection-types\/([^/?#]+)/.exec(window.location.pathname)?.[1] ?? '';

export default {
  config: {
    locales: ['pl'],
    translations: {
      pl: { ...ENUMERATION_MESSAGES, ...POLISH_MESSAGES, ...BLOCKS_EDITOR_MESSAGES },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  register(app: StrapiApp) {
    app.router.addRoute(openOnEvents);
    app.addMiddlewares([dropRefetchOfDeletedDocument, announceCreatedDocuments, captureAdminDispatch]);
  },
  bootstrap(app: StrapiApp) {
    // Dates and times typed the Polish way (date-time/inputs.tsx says why Strapi's own inputs are replaced).
    app.addFields(POLISH_DATE_TIME_FIELDS);
    // List cells print an enumeration's stored code: show its Polish label instead.
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', ({ displayedHeaders, layout }: { displayedHeaders: ListHeader[]; layout: unknown }) => {
      const headers = displayedHeaders.map((header) => {
        const labels = ENUMERATION_LABELS_BY_FIELD[header.name];
        if (header.attribute?.type !== 'enumeration' || !labels) return header;
        return {
          ...header,
          cellFormatter: (row: Record<string, unknown>) => {
            const code = row[header.name];
            // In the size and colour of the list's other cells (Strapi's Typography "omega").
            return <span style={{ fontSize: '1.4rem', color: '#32324d' }}>{typeof code === 'string' ? (labels[code] ?? code) : '-'}</span>;
          },
        };
      });
      const status = publishStatusColumn(listedModel());
      return { displayedHeaders: status ? [...headers, status] : headers, layout };
    });
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: {
        addEditViewSidePanel(panels: unknown[]): void;
        addDocumentAction(reducer: (actions: DocumentActionComponent[]) => DocumentActionComponent[]): void;
      };
    };
    // ConnectCreatedRelationsPanel shows nothing: it attaches what „Utwórz relację” created on a new entry.
    // ImportSuggestionsPanel („Z importu”) only on events the importer made.
    contentManager.apis.addEditViewSidePanel([PublishStatusPanel, ImportSuggestionsPanel, ConnectCreatedRelationsPanel]);
    // (Strapi keeps "Edytuj model" and "Skonfiguruj widok" among the document actions too.)
    contentManager.apis.addDocumentAction((actions) => guardDeveloperActions(confirmUnpublish(actions)));
  },
};
