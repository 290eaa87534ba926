import type { Core } from '@strapi/strapi';
import type { SchemaLookup } from './translate';

/** The attributes of the running app's content types and components, for field labels and checks. */
export function strapiSchemas(strapi: Core.Strapi): SchemaLookup {
  const models = () => ({ ...(strapi.contentTypes as unknown as Record<string, { attributes: object }>), ...(strapi.components as unknown as Record<string, { attributes: object }>) });
  return {
    attributes: (uid) => models()[uid]?.attributes as ReturnType<SchemaLookup['attributes']>,
  };
}
