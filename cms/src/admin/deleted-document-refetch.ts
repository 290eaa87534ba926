// A red "Not Found" toast after a successful delete. Deleting an entry in the edit view
// invalidates the cached document, so RTK Query fetches the deleted document again while the
// edit view is still mounted (it stays mounted until the list's code has loaded, e.g. when the
// report was opened from a link): the CMS answers 404, and the edit view's useDocument shows
// that error as a toast. The entry is gone on purpose, so that one answer is dropped here:
// the 404 of a document fetch for an entry this browser has just deleted. Every other error
// (another entry, another status, a delete that failed) reaches the admin as before.

interface QueryAction {
  type: string;
  payload?: { status?: number } | unknown;
  meta?: { arg?: { endpointName?: string; originalArgs?: { model?: string; documentId?: string } } };
}

/** A Redux middleware (the admin's store), typed here without Redux's own types. */
type Middleware = (api: unknown) => (next: (action: any) => any) => (action: any) => any;

const deleted = new Set<string>();
const key = (args: { model?: string; documentId?: string } | undefined) => (args?.model && args.documentId ? `${args.model}/${args.documentId}` : '');

export const dropRefetchOfDeletedDocument = (): Middleware => () => (next) => (action) => {
  const a = action as QueryAction;
  const endpoint = a.meta?.arg?.endpointName;
  if (endpoint === 'deleteDocument' && a.type.endsWith('/fulfilled')) {
    const k = key(a.meta?.arg?.originalArgs);
    if (k) deleted.add(k);
  }
  if (endpoint === 'getDocument' && a.type.endsWith('/rejected')) {
    // Strapi's error body, as the admin's fetch passes it on: { status: 404, name: 'NotFoundError', … }.
    const status = (a.payload as { status?: number } | undefined)?.status;
    if (status === 404 && deleted.has(key(a.meta?.arg?.originalArgs))) return action;
  }
  return next(action);
};
