import type { PublishReport } from '@cus/publisher/incremental';
import { incrementalConfigFromEnv } from '@cus/publisher/config';
import { startRebuildService } from '@cus/publisher/service';

// The rebuild service in incremental mode, set up from the environment exactly as
// scripts/publisher/src/rebuild/main.ts does for ./scripts/start, run by the bench as a child
// process (so its memory, and that of the astro build it starts, is measured on its own). One
// addition for the bench, over IPC: { type: 'reconcile' } runs the publisher's reconcile (the
// periodic one: every key and every file of the live release checked; with deep: every output
// rendered, as on a code change) and answers with its report as data.

export type BenchRequest = { type: 'reconcile'; deep?: boolean };
export type BenchReply =
  | { type: 'ready'; url: string }
  | { type: 'reconciled'; ms: number; report: PublishReport }
  | { type: 'reconcile-failed'; error: string };

const send = (reply: BenchReply) => process.send?.(reply);

process.on('uncaughtException', (err) => console.error(`[rebuild] uncaught error, still serving: ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => console.error(`[rebuild] unhandled rejection, still serving: ${(err as Error)?.stack ?? err}`));

const config = await incrementalConfigFromEnv();
if (config.mode.kind !== 'incremental') throw new Error('The bench measures the incremental publisher: run it with DEPLOY_TARGET=local.');
const { publisher } = config.mode.incremental;
const service = await startRebuildService(config);

process.on('message', (message: BenchRequest) => {
  if (message?.type !== 'reconcile') return;
  const started = Date.now();
  publisher.reconcile({ deep: message.deep === true }).then(
    (report) => send({ type: 'reconciled', ms: Date.now() - started, report }),
    (err: unknown) => send({ type: 'reconcile-failed', error: (err as Error)?.message ?? String(err) }),
  );
});
const stop = async () => {
  await service.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.on('disconnect', () => void stop());
send({ type: 'ready', url: service.url });
