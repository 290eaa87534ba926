import { LocalTarget } from '../deploy/local.ts';
import { incrementalConfigFromEnv, rebuildConfigFromEnv, usesIncrementalPublisher } from './config.ts';
import { startRebuildService } from './service.ts';

// `node --expose-gc scripts/publisher/src/rebuild/main.ts`: runs the rebuild service until
// SIGINT/SIGTERM (with --expose-gc the publisher returns a reconcile's memory once idle).

// The last safety net: nothing a sender sends should reach here, but if something does, the
// service logs it and keeps serving (a supervisor restarts it if it ever exits anyway).
process.on('uncaughtException', (err) => console.error(`[rebuild] ${new Date().toISOString()} uncaught error, still serving: ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => console.error(`[rebuild] ${new Date().toISOString()} unhandled rejection, still serving: ${(err as Error)?.stack ?? err}`));

// The long-lived publisher (incremental/) by default; a full astro build per publish with REBUILD_MODE=build or the S3 target.
const config = usesIncrementalPublisher() ? await incrementalConfigFromEnv() : rebuildConfigFromEnv();
if (config.mode.kind === 'build' && config.mode.publish.target instanceof LocalTarget) {
  // A build cut short by a crash never went live; its folder can go.
  const removed = config.mode.publish.target.removeUnfinished();
  if (removed > 0) console.log(`[rebuild] removed ${removed} unfinished build folder(s)`);
}
const service = await startRebuildService(config);
const stop = async () => {
  await service.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
