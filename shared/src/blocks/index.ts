// Strapi Blocks bodies: their schema, the limits the site renders within, and conversions.
export * from './schema.js';
export * from './limits.js';
export * from './from-markdown.js';
export * from './to-mdast.js';
