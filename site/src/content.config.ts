import { defineCollection } from 'astro:content';
import { strapiLoader } from './loader/strapi-loader.ts';

// Every collection comes from the CMS over REST, validated with the @cus/shared contract.
// Pages read them through src/lib/content.ts, which gives them their contract types.
export const collections = {
  events: defineCollection({ loader: strapiLoader('events') }),
  speakers: defineCollection({ loader: strapiLoader('speakers') }),
  institutions: defineCollection({ loader: strapiLoader('institutions') }),
  galleries: defineCollection({ loader: strapiLoader('galleries') }),
  settings: defineCollection({ loader: strapiLoader('settings') }),
};
