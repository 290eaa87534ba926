import type { ReleaseSwitch, S3ReleaseSync } from './s3-release-sync.ts';

// The long-lived publisher with the S3 target: its local releases synced to the bucket. The
// publisher hands each switch to `afterSwitch` (only the changed files go up). A publish that
// made a release live without handing it over (a publisher that does not call afterSwitch yet)
// is synced by comparing the whole live release with the bucket: correct, O(all files).

/** What this needs of the incremental publisher (incremental/publisher.ts). */
export interface ReleasePublisher<R extends { release: string | null }> {
  target: { current(): string | null };
  publish(...args: never[]): Promise<R>;
  reconcile(...args: never[]): Promise<R>;
  close(): Promise<void>;
}

export interface S3Publishing {
  /** For the publisher's config: called after each switch of the local release. */
  afterSwitch(change: ReleaseSwitch): Promise<unknown>;
  /** The publisher, its publish and reconcile followed by the bucket's sync, its close closing the sync. */
  wrap<R extends { release: string | null }, P extends ReleasePublisher<R>>(publisher: P): P;
}

export function s3Publishing(sync: S3ReleaseSync): S3Publishing {
  let handedOver = 0;
  return {
    afterSwitch(change) {
      handedOver++;
      return sync.afterSwitch(change);
    },
    wrap<R extends { release: string | null }, P extends ReleasePublisher<R>>(publisher: P): P {
      // The wrapped call gets its arguments as they came (what changed; a deep reconcile).
      const synced =
        (run: (...args: never[]) => Promise<R>) =>
        async (...args: never[]): Promise<R> => {
          const before = handedOver;
          const report = await run(...args);
          const live = publisher.target.current();
          if (report.release && handedOver === before && live) await sync.afterSwitch({ releaseDir: live, written: [], removed: [], full: true });
          return report;
        };
      return {
        ...publisher,
        publish: synced((...args) => publisher.publish(...args)) as P['publish'],
        reconcile: synced((...args) => publisher.reconcile(...args)) as P['reconcile'],
        close: async () => {
          await publisher.close();
          await sync.close();
        },
      };
    },
  };
}
