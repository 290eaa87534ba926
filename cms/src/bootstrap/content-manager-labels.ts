import type { Core } from '@strapi/strapi';
import { FIELD_LABELS, type FieldLabel } from './field-labels';

// Content types in the admin show field labels from the content-manager's stored view
// settings, not from the schema. We write the Polish labels there at every start; an
// unchanged configuration is not written again.

interface Metadata {
  edit?: { label?: string; description?: string; placeholder?: string };
  list?: { label?: string };
}
interface ViewConfiguration {
  settings?: Record<string, unknown>;
  metadatas?: Record<string, Metadata>;
  layouts?: unknown;
}

// List views: newest event first, people and institutions alphabetically; relations to an
// entry are shown and searched by its mainField (a name, not an id).
const LIST_SETTINGS: Record<string, Record<string, unknown>> = {
  'api::event.event': { mainField: 'title', defaultSortBy: 'startsOn', defaultSortOrder: 'DESC', pageSize: 20 },
  'api::speaker.speaker': { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC' },
  'api::institution.institution': { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC' },
  'api::gallery.gallery': { mainField: 'title', defaultSortBy: 'createdAt', defaultSortOrder: 'DESC' },
};

// Strapi's own fields show their attribute names (UPDATEDBY, UPDATEDAT) in list headers.
const SYSTEM_FIELD_LABELS: Record<string, FieldLabel> = {
  updatedBy: { label: 'Ostatnio zmienił(a)' },
  updatedAt: { label: 'Ostatnia zmiana' },
  createdBy: { label: 'Utworzył(a)' },
  createdAt: { label: 'Utworzono' },
  publishedAt: { label: 'Opublikowano' },
};

function withLabels(uid: string, conf: ViewConfiguration): ViewConfiguration {
  const labels: Record<string, FieldLabel> = { ...(uid.startsWith('api::') ? SYSTEM_FIELD_LABELS : {}), ...(FIELD_LABELS[uid] ?? {}) };
  const metadatas = { ...(conf.metadatas ?? {}) };
  for (const [field, text] of Object.entries(labels)) {
    const current = metadatas[field];
    if (!current) continue;
    metadatas[field] = {
      ...current,
      edit: {
        ...current.edit,
        label: text.label,
        description: text.description ?? current.edit?.description ?? '',
        ...(text.placeholder ? { placeholder: text.placeholder } : {}),
      },
      list: { ...current.list, label: text.label },
    };
  }
  return { ...conf, metadatas, settings: { ...(conf.settings ?? {}), ...(LIST_SETTINGS[uid] ?? {}) } };
}

export async function applyPolishLabels(strapi: Core.Strapi) {
  const cm = strapi.plugin('content-manager');
  const targets = [
    ...Object.keys(FIELD_LABELS)
      .filter((uid) => uid.startsWith('api::'))
      .map((uid) => ({ service: cm.service('content-types'), model: { uid } })),
    ...Object.keys(FIELD_LABELS)
      .filter((uid) => !uid.startsWith('api::'))
      .map((uid) => ({ service: cm.service('components'), model: { uid } })),
  ];
  for (const { service, model } of targets) {
    const { uid: _uid, ...current } = (await service.findConfiguration(model)) as ViewConfiguration & { uid: string };
    const next = withLabels(model.uid, current);
    if (JSON.stringify(next) !== JSON.stringify(current)) {
      await service.updateConfiguration(model, next);
    }
  }
}
