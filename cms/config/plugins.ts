import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  upload: {
    config: {
      // Photos and PDF presentations only: the public site links every attachment.
      security: {
        allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'application/pdf'],
        deniedTypes: ['image/svg+xml'],
      },
      // No small/medium/large formats: src/images/ makes AVIF, WebP and JPEG variants of each
      // photo instead (IMAGE_VARIANT_WIDTHS). Strapi's thumbnail for the media library stays.
      breakpoints: {},
    },
  },
});

export default config;
