import { unstable_useContentManagerContext as useContentManagerContext } from '@strapi/strapi/admin';
import * as React from 'react';

// „Utwórz relację” in a relation picker of an entry that was never saved (a new report's
// Organizatorzy, Partnerzy, Instytucje uczestniczące, an appearance's Osoba…).
//
// Strapi 5.54 (content-manager DocumentActions) creates the new institution or person from the
// modal, then attaches it by saving the parent entry on the server, which it can do only when the
// parent has a documentId. On a new report it skips that step: the institution exists, but the
// report's field stays empty and nothing tells the editor. The parent's unsaved form is the one
// place where the link can go, so this puts it there, exactly as picking an existing entry from the
// list does (the field's `connect` list); it is saved with the report.
//
// Three small parts, because Strapi passes the field to connect only inside its modal's own state:
// - which relation field the picker belongs to: the last relation combobox of the page's form that
//   had focus (the „Utwórz relację” option is chosen from it; the modal takes focus afterwards);
// - what was created: the admin's store sees every successful `createDocument` (a redux middleware);
// - the parent's form: a side panel of the edit view renders inside it and adds the entry.

const EVENT = 'cus:document-created';

interface CreatedDocument {
  model: string;
  data: { id?: number; documentId?: string; locale?: string | null; [key: string]: unknown };
}

let lastRelationField: string | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener(
    'focusin',
    (event) => {
      const target = event.target as HTMLElement | null;
      if (!target || target.getAttribute('role') !== 'combobox' || target.closest('[role="dialog"]')) return;
      const name = target.getAttribute('name');
      // Relation pickers carry the field's path as their name; the edit view's other comboboxes do too,
      // which is harmless: a created entry is connected only to a relation field of its own model.
      if (name) lastRelationField = name;
    },
    true,
  );
}

interface MutationAction {
  type?: string;
  meta?: { arg?: { endpointName?: string; originalArgs?: { model?: string } } };
  payload?: { data?: CreatedDocument['data'] };
}

/** For `app.addMiddlewares`: tells the page when the content manager created an entry. */
export const announceCreatedDocuments = () => () => (next: (action: any) => any) => (action: any) => {
  const result = next(action);
  const a = action as MutationAction;
  if (a.type?.endsWith('/executeMutation/fulfilled') && a.meta?.arg?.endpointName === 'createDocument' && a.payload?.data?.documentId) {
    const detail: CreatedDocument = { model: a.meta.arg.originalArgs?.model ?? '', data: a.payload.data };
    window.dispatchEvent(new CustomEvent<CreatedDocument>(EVENT, { detail }));
  }
  return result;
};

/** A fractional-indexing key after `last` (Strapi orders relation rows by these keys). */
const keyAfter = (last: string | undefined) => (last ? `${last}V` : 'a0');

const getIn = (values: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), values);

interface RelationAttribute {
  type?: string;
  target?: string;
  relation?: string;
  component?: string;
}
interface Schema {
  attributes: Record<string, RelationAttribute>;
}

/** The relation attribute at a form path such as "organizers" or "appearances.0.speaker". */
function relationAttribute(schema: Schema | undefined, components: Record<string, Schema> | undefined, path: string): RelationAttribute | undefined {
  let attributes = schema?.attributes;
  let found: RelationAttribute | undefined;
  for (const key of path.split('.')) {
    if (/^\d+$/.test(key)) continue;
    found = attributes?.[key];
    attributes = found?.type === 'component' && found.component ? components?.[found.component]?.attributes : undefined;
  }
  return found?.type === 'relation' ? found : undefined;
}

/** Entries already attached by a listener (the edit view may render its panels twice). */
const attached = new Set<string>();

/**
 * For `addEditViewSidePanel`: in the form of an entry never saved, attaches what „Utwórz relację”
 * created to the field whose picker created it. Shows nothing (a panel description that returns
 * null is not displayed, but it is rendered inside the edit view's form, with its hooks).
 */
export const ConnectCreatedRelationsPanel = ({ documentId }: { documentId?: string }) => {
  const { contentType, components, form } = useContentManagerContext() as unknown as {
    contentType?: Schema;
    components?: Record<string, Schema>;
    form: { values: unknown; onChange: (field: string, value: unknown) => void };
  };
  const current = React.useRef({ documentId, contentType, components, form });
  current.current = { documentId, contentType, components, form };
  React.useEffect(() => {
    const listener = (event: Event) => {
      const { model, data } = (event as CustomEvent<CreatedDocument>).detail;
      const { documentId: parentId, contentType: schema, components: comps, form: parentForm } = current.current;
      const field = lastRelationField;
      // Saved entries: Strapi attaches the new entry itself, on the server.
      if (parentId || !field || !data.documentId) return;
      const attribute = relationAttribute(schema, comps, field);
      if (!attribute || attribute.target !== model) return;
      const key = `${field}|${data.documentId}`;
      if (attached.has(key)) return;
      attached.add(key);
      const value = getIn(parentForm.values, field) as { connect?: { __temp_key__?: string; apiData?: { documentId?: string } }[] } | undefined;
      const connect = value?.connect ?? [];
      if (connect.some((item) => item.apiData?.documentId === data.documentId)) return;
      const item = {
        id: data.id,
        apiData: { id: data.id, documentId: data.documentId, locale: data.locale ?? null, isTemporary: true },
        status: 'draft',
        __temp_key__: keyAfter(connect.at(-1)?.__temp_key__),
        documentId: data.documentId,
        name: data.name,
        title: data.title,
        label: String(data.name ?? data.title ?? data.documentId),
        href: `../collection-types/${model}/${data.documentId}`,
      };
      const oneOnly = attribute.relation === 'manyToOne' || attribute.relation === 'oneToOne';
      parentForm.onChange(`${field}.connect`, oneOnly ? [item] : [...connect, item]);
    };
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, []);
  return null;
};
