/**
 * `work` wrapped so that calls made while one is still pending share its promise (settled, the
 * next call starts anew): e.g. the publisher build, asked for by each run beside its sync, is
 * never made twice at once into the same folder.
 */
export function sharedWhilePending<T>(work: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= work().finally(() => (pending = undefined)));
}
