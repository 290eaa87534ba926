import path from 'node:path';
import { LocalTarget } from '@cus/publisher/deploy/local';

// `./scripts/rollback`: makes the release before the live one live again (local target).

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const target = new LocalTarget({ dir: path.resolve(root, process.env.DEPLOY_DIR || '.deploy') });
const before = target.current();
try {
  const now = target.rollback();
  console.log(`[cus] live release: ${now} (was ${before ? path.basename(before) : 'none'})`);
  console.log(`[cus] kept releases: ${target.releases().join(', ')}`);
} catch (err) {
  console.error(`[cus] rollback impossible: ${(err as Error).message}`);
  process.exit(1);
}
