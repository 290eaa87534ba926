/**
 * Runs `work` over `items` with at most `limit` pending at once (file work: enough in flight to
 * keep the disk busy, few enough not to run out of file descriptors). Rejects with the first
 * failure. (The S3 target's eachLimited also stops starting work after one and gathers them.)
 */
export async function eachLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
