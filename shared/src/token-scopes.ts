// What each API token of the project may do, as Strapi's content-API action ids: the public
// build's token reads published content only (the export endpoint and the photo queue's
// status); the draft preview's token may also read drafts. Neither reaches Strapi's own REST
// routes (/api/events?status=draft, /api/upload/files, /api/users-permissions/roles).

/** The export endpoint's published content (GET /api/site-export/<collection>). */
export const EXPORT_ACTION = 'api::site-export.site-export.find';
/** Drafts from the export endpoint: granted to the preview server's token alone. */
export const EXPORT_DRAFTS_ACTION = 'api::site-export.site-export.drafts';
/** GET /api/image-variants/status: whether uploaded photos have their variants yet. */
export const IMAGE_STATUS_ACTION = 'plugin::upload.image-variants.find';

export const SITE_TOKEN_PERMISSIONS: readonly string[] = [EXPORT_ACTION, IMAGE_STATUS_ACTION];
export const PREVIEW_TOKEN_PERMISSIONS: readonly string[] = [EXPORT_ACTION, EXPORT_DRAFTS_ACTION, IMAGE_STATUS_ACTION];
