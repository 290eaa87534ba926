import type { BaseFigures, PublishReport } from '@cus/publisher/incremental';
import { incrementalConfigFromEnv } from '@cus/publisher/config';
import { startRebuildService } from '@cus/publisher/service';

// The rebuild service in incremental mode, set up from the environment exactly as
// scripts/publisher/src/rebuild/main.ts does for ./scripts/start, run by the bench as a child
// process (so its memory, and that of the astro build it starts, is measured on its own). One
// addition for the bench, over IPC: { type: 'reconcile' } runs the publisher's reconcile (the
// periodic one: every key and every file of the live release checked; with deep: every output
// rendered, as on a code change) and answers with its report as data; { type: 'search-base' }
// answers with the figures of the search base index once the publisher has made one;
// { type: 'idle' } answers once the publisher is idle with a full run's memory returned (the
// collection it makes after a quiet spell), when its resident memory is what an idle one holds;
// { type: 'reserves' } answers once the copies of the live release a fresh deploy folder makes
// ahead (until it has DEPLOY_KEEP releases to recycle) are ready.

export type BenchRequest = { type: 'reconcile'; deep?: boolean } | { type: 'search-base' } | { type: 'idle' } | { type: 'reserves' };
export type BenchReply =
  | { type: 'ready'; url: string }
  | { type: 'reconciled'; ms: number; report: PublishReport }
  | { type: 'reconcile-failed'; error: string }
  | { type: 'search-base'; base: BaseFigures | null }
  | { type: 'idle'; waitedMs: number }
  | { type: 'reserves'; waitedMs: number };

const send = (reply: BenchReply) => process.send?.(reply);

process.on('uncaughtException', (err) => console.error(`[rebuild] uncaught error, still serving: ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => console.error(`[rebuild] unhandled rejection, still serving: ${(err as Error)?.stack ?? err}`));

const config = await incrementalConfigFromEnv();
if (config.mode.kind !== 'incremental') throw new Error('The bench measures the incremental publisher: run it with DEPLOY_TARGET=local.');
const { publisher } = config.mode.incremental;
const service = await startRebuildService(config);

process.on('message', (message: BenchRequest) => {
  if (message?.type === 'search-base') {
    void searchBase().then((base) => send({ type: 'search-base', base }));
    return;
  }
  if (message?.type === 'reserves') {
    const started = Date.now();
    void Promise.resolve(publisher.reservesReady?.()).then(() => send({ type: 'reserves', waitedMs: Date.now() - started }));
    return;
  }
  if (message?.type === 'idle') {
    const started = Date.now();
    void Promise.resolve(publisher.memoryReleased?.()).then(() => send({ type: 'idle', waitedMs: Date.now() - started }));
    return;
  }
  if (message?.type !== 'reconcile') return;
  const started = Date.now();
  publisher.reconcile({ deep: message.deep === true }).then(
    (report) => send({ type: 'reconciled', ms: Date.now() - started, report }),
    (err: unknown) => send({ type: 'reconcile-failed', error: (err as Error)?.message ?? String(err) }),
  );
});
/** The publisher's base index, once one is made (it is made in the background after the first release; null: search is off). */
async function searchBase(): Promise<BaseFigures | null> {
  const search = publisher.search;
  if (!search) return null;
  for (;;) {
    await search.settled();
    if (search.newestBase) return search.newestBase;
    // None made yet and none being made: the first is started after a publish; look again shortly.
    await new Promise((r) => setTimeout(r, 200));
  }
}

const stop = async () => {
  await service.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.on('disconnect', () => void stop());
send({ type: 'ready', url: service.url });
