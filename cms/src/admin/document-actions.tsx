import * as React from 'react';
import { useAuth } from '@strapi/strapi/admin';

// The edit view's and the list's document actions, as a municipal editor needs them:
// - „Cofnij publikację” withdraws the page from the public site, so it asks first, in plain
//   Polish (Strapi runs it at once unless the entry has unsaved changes);
// - „Edytuj model” (the content-type builder) and „Skonfiguruj widok” are developer tools that
//   Strapi shows to everyone: only a user allowed to use them sees them.

interface ActionProps {
  model: string;
  documentId?: string;
  collectionType: string;
  activeTab?: unknown;
  document?: { status?: string } | null;
}

interface DialogDescription {
  type: 'dialog' | 'modal' | 'notification';
  title: string;
  content?: React.ReactNode;
  onConfirm?: () => Promise<void> | void;
  [key: string]: unknown;
}

interface ActionDescription {
  label: string;
  onClick?: (event: React.SyntheticEvent) => Promise<boolean | void> | boolean | void;
  dialog?: DialogDescription;
  [key: string]: unknown;
}

export type DocumentActionComponent = ((props: ActionProps) => ActionDescription | null) & { type?: string; position?: unknown };

/** What withdrawing an entry does, said before it happens. */
export function unpublishWarning(model: string): string {
  const kept = 'Wpis zostaje w panelu jako szkic: możesz go poprawić i opublikować ponownie.';
  if (model === 'api::event.event') {
    return `Relacja zniknie ze strony w ciągu kilku sekund. Galeria tego wydarzenia też zniknie ze strony. ${kept}`;
  }
  if (model === 'api::gallery.gallery') return `Galeria zniknie ze strony w ciągu kilku sekund. ${kept}`;
  return `Wpis zniknie ze strony w ciągu kilku sekund. ${kept}`;
}

export const UNPUBLISH_TITLE = 'Cofnąć publikację?';

/** Strapi's unpublish action, with a confirmation when Strapi has none. */
export function confirmedUnpublish(Original: DocumentActionComponent): DocumentActionComponent {
  const Confirmed: DocumentActionComponent = (props) => {
    const action = Original(props);
    if (!action) return action;
    if (action.dialog) {
      // An entry with unsaved changes: Strapi's own dialog (keep or replace the draft), our words.
      return { ...action, dialog: { ...action.dialog, title: UNPUBLISH_TITLE } };
    }
    const run = action.onClick;
    return {
      ...action,
      onClick: undefined,
      dialog: {
        type: 'dialog',
        title: UNPUBLISH_TITLE,
        content: (
          <p data-testid="unpublish-warning" style={{ fontSize: 14, lineHeight: 1.5, textAlign: 'center' }}>
            {unpublishWarning(props.model)}
          </p>
        ),
        variant: 'danger',
        confirmLabel: 'Cofnij publikację',
        onConfirm: async () => {
          // Strapi's action ignores the click event it is given.
          await run?.(undefined as unknown as React.SyntheticEvent);
        },
      },
    };
  };
  Confirmed.type = Original.type;
  Confirmed.position = Original.position;
  return Confirmed;
}

/** Shows a header action only to users holding the permission it needs. */
function onlyWith(action: string, Original: DocumentActionComponent): DocumentActionComponent {
  const Guarded: DocumentActionComponent = (props) => {
    const permissions = useAuth('CusDocumentActions', (state) => state.permissions) as { action: string }[];
    const description = Original(props);
    return permissions.some((p) => p.action === action) ? description : null;
  };
  Guarded.type = Original.type;
  Guarded.position = Original.position;
  return Guarded;
}

/** The builder and the view settings (header actions) only for those who may use them. */
export function guardDeveloperActions(actions: DocumentActionComponent[]): DocumentActionComponent[] {
  return actions.map((a) => {
    if (a.type === 'edit-the-model') return onlyWith('plugin::content-type-builder.read', a);
    if (a.type === 'configure-the-view') return onlyWith('plugin::content-manager.collection-types.configure-view', a);
    return a;
  });
}

/** Panel and row actions: „Cofnij publikację” asks first. */
export function confirmUnpublish(actions: DocumentActionComponent[]): DocumentActionComponent[] {
  return actions.map((a) => (a.type === 'unpublish' ? confirmedUnpublish(a) : a));
}
