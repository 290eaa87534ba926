// The WordPress (WXR export) reader: see read-export.ts.
export { readWordPressExport, type ReadWordPressOptions, type WordPressExport } from './read-export.ts';
export { WxrFormatError } from './wxr-stream.ts';
export { generateWordPressExport, type GeneratedExport, type GenerateExportOptions } from './generate-export.ts';
