// After a suggestion is accepted the server has changed the draft: the edit view must show the
// new values. The content manager keeps the document in the admin's RTK Query cache
// ("adminApi", tag Document `${model}_${documentId}`); invalidating that tag refetches it, and
// Strapi's form takes the new values as its initial ones (nothing typed is lost: the panel
// accepts only when the form has no unsaved changes). Relations (organizers…) are listed by
// their own queries, tagged 'Relations'. The store's dispatch is captured by a middleware.

// Typed loosely, as deleted-document-refetch.ts does: the admin's store types are not ours.
type Dispatch = (action: any) => any;
type Middleware = (api: any) => (next: (action: any) => any) => (action: any) => any;

let dispatch: Dispatch | null = null;

/** For `app.addMiddlewares`: remembers the admin store's dispatch. */
export const captureAdminDispatch = (): Middleware => (api: { dispatch: Dispatch }) => {
  dispatch = api.dispatch;
  return (next) => (action) => next(action);
};

/** Asks the edit view to load the document again; false when the store is not known (reload the page then). */
export function refetchDocument(model: string, documentId: string): boolean {
  if (!dispatch) return false;
  dispatch({ type: 'adminApi/invalidateTags', payload: [{ type: 'Document', id: `${model}_${documentId}` }, 'Relations'] });
  return true;
}
