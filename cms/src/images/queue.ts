// A small in-process job queue: at most `concurrency` jobs run at once and at most `max` wait.
// When the waiting line is full, add() waits for room instead of dropping work, so a burst of
// uploads slows down at the door rather than piling up in memory. A job that throws is handed
// to onError and the queue goes on with the next one. Keys are deduplicated while they wait:
// the job reads the current state of its key when it starts, so one run is enough.

export interface JobQueueOptions<K> {
  concurrency: number;
  max: number;
  run: (key: K) => Promise<void>;
  onError: (key: K, error: unknown) => void;
}

export class JobQueue<K> {
  private readonly waiting: K[] = [];
  private readonly waitingKeys = new Set<K>();
  private readonly running = new Map<K, Promise<void>>();
  private readonly roomWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private blocked = 0;
  private stopped = false;

  constructor(private readonly opts: JobQueueOptions<K>) {
    if (!(opts.concurrency >= 1) || !(opts.max >= 1)) throw new Error('JobQueue: concurrency and max must be at least 1');
  }

  /** Jobs not finished yet: waiting, running, and callers of add() still waiting for room. */
  get pending(): number {
    return this.waiting.length + this.running.size + this.blocked;
  }

  get runningCount(): number {
    return this.running.size;
  }

  isWaiting(key: K): boolean {
    return this.waitingKeys.has(key);
  }

  /** Queues a job; resolves once it is in line (not when it is done). */
  async add(key: K): Promise<void> {
    if (this.stopped || this.waitingKeys.has(key)) return;
    while (this.waiting.length >= this.opts.max) {
      this.blocked++;
      try {
        await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
      } finally {
        this.blocked--;
      }
      if (this.stopped) return;
      if (this.waitingKeys.has(key)) return;
    }
    this.waiting.push(key);
    this.waitingKeys.add(key);
    this.pump();
  }

  /** Drops a waiting job (a running one finishes on its own). */
  remove(key: K): void {
    if (!this.waitingKeys.delete(key)) return;
    this.waiting.splice(this.waiting.indexOf(key), 1);
    this.roomWaiters.shift()?.();
    this.settleIdle();
  }

  /** Resolves when the job of `key` that is running now (if any) has ended. */
  async whenDone(key: K): Promise<void> {
    await this.running.get(key);
  }

  /** Resolves when nothing is waiting or running. */
  onIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Takes no new jobs, lets blocked callers go and waits for the running jobs. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    this.waitingKeys.clear();
    for (const wake of this.roomWaiters.splice(0)) wake();
    await Promise.allSettled([...this.running.values()]);
    this.settleIdle();
  }

  private pump() {
    while (!this.stopped && this.running.size < this.opts.concurrency) {
      // A key already running waits for that run to end: one file is never encoded twice at once.
      const index = this.waiting.findIndex((k) => !this.running.has(k));
      if (index < 0) return;
      const [key] = this.waiting.splice(index, 1) as [K];
      this.waitingKeys.delete(key);
      // One place left in line: the first caller waiting for room may take it.
      this.roomWaiters.shift()?.();
      const job = this.execute(key);
      this.running.set(key, job);
      void job.finally(() => {
        this.running.delete(key);
        this.pump();
        this.settleIdle();
      });
    }
  }

  private async execute(key: K): Promise<void> {
    try {
      await this.opts.run(key);
    } catch (error) {
      try {
        this.opts.onError(key, error);
      } catch {
        // a failing error handler must not stop the queue either
      }
    }
  }

  private settleIdle() {
    if (this.pending === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
