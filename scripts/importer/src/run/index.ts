// The importer's run: readers' entries → converted, suggested, images uploaded → drafts in the
// CMS, with the summary and the redirect map. The CLI (../cli.ts) is its command line.
export { runImport, BATCH_SIZE, type RunOptions } from './run.ts';
export { ImportCmsClient, CmsError, IMPORT_PATHS, type ImportCms, type MediaFile, type UploadedMedia, type MediaUpload } from './cms-client.ts';
export { getImage, ImageProblem, IMAGE_LIMITS, sniffImage, type ImageBytes } from './fetch-image.ts';
export { writeRedirects, readRedirectMap, renderNetlify, renderNginx, redirectsOf, REDIRECT_FILES, type RedirectMap } from './redirects.ts';
export { writeSummary, summaryText, progressLine, SUMMARY_FILES, type RunSummary } from './summary.ts';
export { ITEM_STATUS_LABELS, type ItemOutcome, type ItemStatus } from './outcome.ts';
export { parseArgs, USAGE, UsageError, type CliOptions } from './args.ts';
export { measureImport, type ImportMeasurement } from './measure.ts';
