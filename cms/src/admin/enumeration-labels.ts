import {
  ACCESSIBILITY_STATUS_LABELS,
  APPEARANCE_ROLE_EDITOR_LABELS,
  ASSESSMENT_METHOD_LABELS,
  EVENT_FORMAT_LABELS,
  EVENT_TYPE_LABELS,
  INSTITUTION_KIND_LABELS,
  VOIVODESHIP_LABELS,
} from '@cus/shared/constants';

// Polish labels of every enumeration value, keyed by the stored code.
//
// Why translation keys and not a custom field: in Strapi 5.54 the edit form's select
// (admin FormInputs/Enumeration) and the list filters (content-manager ListView Filters) both
// show an option as formatMessage({ id: <value>, defaultMessage: <value> }). Registering the
// codes as message ids therefore labels the form and the filters with Strapi's own inputs,
// keyboard handling and validation, while the schema stays `enumeration`: the database column,
// the server's check of allowed values, the REST API and the site export keep the codes. A
// custom field would have replaced that validation with our own and changed every schema.
// The list cells are the one place that prints the raw value: app.tsx formats them with this map.

const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase('pl') + text.slice(1);
const capitalized = (labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([code, label]) => [code, capitalize(label)]));

/** The enumerations by attribute, for the list cells (a code may mean different things in two fields). */
export const ENUMERATION_LABELS_BY_FIELD: Record<string, Record<string, string>> = {
  type: EVENT_TYPE_LABELS,
  format: EVENT_FORMAT_LABELS,
  voivodeship: VOIVODESHIP_LABELS,
  role: APPEARANCE_ROLE_EDITOR_LABELS,
  kind: INSTITUTION_KIND_LABELS,
  status: capitalized(ACCESSIBILITY_STATUS_LABELS),
  assessmentMethod: capitalized(ASSESSMENT_METHOD_LABELS),
};

/**
 * Message ids for the admin's translations: one label per code. "inne" is both an event type and
 * an institution kind; as a message id it can have one label only, and "Inne" fits both.
 */
export const ENUMERATION_MESSAGES: Record<string, string> = {
  ...Object.assign({}, ...Object.values(ENUMERATION_LABELS_BY_FIELD)),
  inne: 'Inne',
};
