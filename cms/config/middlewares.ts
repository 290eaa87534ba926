import type { Core } from '@strapi/strapi';
import { configuredOrigins, corsOrigin } from '../src/cors-origins';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  // Outside strapi::errors: turns Strapi's English error messages into Polish ones naming the field.
  'global::polish-errors',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: { origin: corsOrigin(configuredOrigins(env('PUBLIC_URL', ''), env('CORS_ORIGINS', ''))) },
  },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
