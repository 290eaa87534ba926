// The long-lived publisher's engine (`@cus/publisher/incremental`): content in memory, only
// the changed outputs rendered with the site's own pages, releases made in O(changed files).
export { createIncrementalPublisher, isSearchFile, type IncrementalPublisher, type IncrementalPublisherConfig, type SitePublisherModule } from './publisher.ts';
export { PublisherEngine, PublishError, type EngineOptions, type PhaseReport, type PublishReport, type ReleaseChange, type PublishTimings, type Renderer } from './engine.ts';
export { ContentStore, type SiteLoader, type SyncReport } from './content-store.ts';
export { planRender, type LiveFile, type LiveIndex, type RenderPlan } from './dependencies.ts';
export { IncrementalReleases, ReleaseDraft } from './release-writer.ts';
export { ensurePublisherBuild, RenderError, SiteRenderer } from './renderer.ts';
export { baseIdOf, type BaseFigures, type SearchReport } from './search-index.ts';
export type { EntryFailure, SiteContent, SitePath, StoredEntry } from './contract.ts';
