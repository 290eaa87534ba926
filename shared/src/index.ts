export * from './slugify.js';
export * from './dates.js';
export * from './constants.js';
export * from './contract/index.js';
export * from './preview-link.js';
export * from './urls.js';
export * from './markdown-limits.js';
export * from './token-scopes.js';
export * from './publish-status.js';
export * from './share-card.js';
// The Blocks schema and limits (no parser); conversions from '@cus/shared/blocks'.
export * from './blocks/schema.js';
export * from './blocks/limits.js';
export * from './import.js';
