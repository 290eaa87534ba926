import type { Core } from '@strapi/strapi';
import { PREVIEW_COLLECTIONS, signPreview } from '@cus/shared';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET')!,
  },
  apiToken: {
    salt: env('API_TOKEN_SALT')!,
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT')!,
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY')!,
  },
  // "Open preview" in the edit view: the draft rendered by the site's preview server, in a
  // signed link (PREVIEW_SECRET is shared with that server, never put in a link).
  preview: {
    enabled: !!env('PREVIEW_URL') && !!env('PREVIEW_SECRET'),
    config: {
      allowedOrigins: env('PREVIEW_URL') ? [new URL(env('PREVIEW_URL')!).origin] : [],
      async handler(uid: string, { documentId }: { documentId: string }) {
        const path = PREVIEW_COLLECTIONS[uid as keyof typeof PREVIEW_COLLECTIONS];
        if (!path || !documentId) return null;
        const base = env('PREVIEW_URL')!.replace(/\/+$/, '');
        return `${base}/podglad/${path}/${documentId}/?${signPreview(path, documentId, env('PREVIEW_SECRET')!)}`;
      },
    },
  },
  // No survey pop-ups or upsell banners for municipal editors; this machine has no internet anyway.
  flags: {
    nps: false,
    promoteEE: false,
    docLinks: false,
  },
});

export default config;
