// Work the publisher does once it has been idle a while (a garbage collection after a release,
// copies of the live release made ahead): never beside a run, and never while publishes follow
// each other, since a publish arriving meanwhile would wait for it.

/** A task that runs once `quietMs` pass after the last arm() with no run under way. */
export class AfterQuietSpell {
  private timer: NodeJS.Timeout | undefined;
  private pending: { done: Promise<void>; resolve: () => void } | undefined;

  private readonly quietMs: number;
  /** A run is under way: the task waits (the run's end arms it again). */
  private readonly busy: () => boolean;
  private readonly task: () => Promise<void> | void;
  private readonly onError: (err: unknown) => void;

  /** `onError`: told when the task throws; nothing else happens (idle work never stops the service). */
  constructor(quietMs: number, busy: () => boolean, task: () => Promise<void> | void, onError: (err: unknown) => void = () => undefined) {
    this.quietMs = quietMs;
    this.busy = busy;
    this.task = task;
    this.onError = onError;
  }

  /** Armed and not yet run. */
  get waiting(): boolean {
    return this.pending !== undefined;
  }

  /** (Re)starts the quiet spell: the task runs `quietMs` from now unless armed again first. */
  arm(): void {
    clearTimeout(this.timer);
    if (!this.pending) {
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      this.pending = { done, resolve };
    }
    this.timer = setTimeout(() => void this.fire(), this.quietMs);
    this.timer.unref();
  }

  /** Resolves once the task has run after the last arm() (at once when none waits). */
  async settled(): Promise<void> {
    await this.pending?.done;
  }

  /** Nothing more runs; whoever waits for it is let go. */
  cancel(): void {
    clearTimeout(this.timer);
    this.pending?.resolve();
    this.pending = undefined;
  }

  private async fire(): Promise<void> {
    if (this.busy()) return;
    try {
      await this.task();
    } catch (err) {
      this.onError(err);
    }
    // A run that started meanwhile arms it again when it ends.
    if (this.busy()) return;
    this.pending?.resolve();
    this.pending = undefined;
  }
}
