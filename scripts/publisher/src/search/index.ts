// Search for the long-lived publisher: a base index made from records in the background, and a
// delta per publish (see delta.ts for how the search page combines them).
export { writeBaseIndex, type BaseIndex, type BasePage } from './base-index.ts';
export { DELTA_DIR, DELTA_MANIFEST, DELTA_META, VOCABULARY_URL, changesSinceBase, clearDelta, diffWithBase, writeDelta, type DeltaChanges, type DeltaManifest, type DeltaWritten } from './delta.ts';
export { recordDigest } from './record-digest.ts';
