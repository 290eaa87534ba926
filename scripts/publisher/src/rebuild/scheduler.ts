// When to build. Changes arrive in bursts (an editor publishes ten reports; one publish is
// two webhooks), so a build starts only after a short quiet spell, and never later than a
// maximum wait after the first change. One build at a time: whatever arrives during a build
// is gathered into exactly one more build after it. No change is dropped.

export interface Trigger {
  /** What happened, e.g. "entry.publish event konferencja-x" or "startup". */
  reason: string;
  at: number;
  /** The entry the change was about, where the webhook named it. */
  entry?: TriggerEntry;
}

export interface TriggerEntry {
  /** Strapi's webhook model: "event", "gallery", "speaker" … */
  model: string;
  documentId: string;
}

export interface SchedulerOptions {
  quietMs: number;
  maxWaitMs: number;
}

export class BuildScheduler {
  private readonly run: (triggers: Trigger[]) => Promise<void>;
  private readonly opts: SchedulerOptions;
  private pending: Trigger[] = [];
  private firstPendingAt: number | undefined;
  private lastPendingAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(run: (triggers: Trigger[]) => Promise<void>, opts: SchedulerOptions) {
    this.run = run;
    this.opts = opts;
  }

  /** A change happened: a build will cover it. */
  notify(reason: string, entry?: TriggerEntry): void {
    if (this.stopped) return;
    const now = Date.now();
    this.pending.push({ reason, at: now, ...(entry ? { entry } : {}) });
    this.firstPendingAt ??= now;
    this.lastPendingAt = now;
    this.arm();
  }

  get isBuilding(): boolean {
    return this.running !== undefined;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** The changes waiting for the next build. */
  get pendingTriggers(): readonly Trigger[] {
    return this.pending;
  }

  /** Resolves when nothing is pending and no build runs. */
  idle(): Promise<void> {
    if (!this.running && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** No new builds; resolves when the running one (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private arm(): void {
    if (this.running || this.stopped || this.firstPendingAt === undefined) return;
    clearTimeout(this.timer);
    const due = Math.min(this.lastPendingAt + this.opts.quietMs, this.firstPendingAt + this.opts.maxWaitMs);
    this.timer = setTimeout(() => this.start(), Math.max(0, due - Date.now()));
  }

  private start(): void {
    if (this.running || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.firstPendingAt = undefined;
    this.running = this.run(batch)
      .catch(() => {
        // run() records its own failures; the scheduler only sequences.
      })
      .finally(() => {
        this.running = undefined;
        if (this.pending.length > 0 && !this.stopped) {
          // What arrived during the build: one more build, once that burst is quiet (or has
          // waited its maximum, counted from its first change, which may be now).
          this.arm();
        } else {
          for (const w of this.waiters.splice(0)) w();
        }
      });
  }
}
