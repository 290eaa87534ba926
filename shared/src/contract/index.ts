export * from './fields.js';
export * from './components.js';
export * from './entries.js';
export * from './validate.js';
export * from './export-spec.js';
