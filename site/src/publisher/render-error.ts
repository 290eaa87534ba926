// What the publisher is told when an output cannot be rendered: the address and, when the
// failure can be traced to one entry of the content, that entry and field (as data).

export interface RenderFailureEntry {
  type: string;
  slug: string | null;
  field: string | null;
}

export class RenderError extends Error {
  override name = 'RenderError';
  readonly pathname: string;
  readonly type?: string;
  readonly slug?: string | null;
  readonly field?: string | null;
  /** The HTTP status the route answered with, when it answered. */
  readonly status?: number;

  constructor(pathname: string, message: string, opts: { entry?: RenderFailureEntry; status?: number; cause?: unknown } = {}) {
    super(`${pathname}: ${message}`, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.pathname = pathname;
    if (opts.entry) {
      this.type = opts.entry.type;
      this.slug = opts.entry.slug;
      this.field = opts.entry.field;
    }
    if (opts.status !== undefined) this.status = opts.status;
  }
}
