import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@cus/testing/wait';
import { ROOT } from './config.ts';
import { freePort } from '@cus/testing/free-port';

// Under ./scripts/start the rebuild service runs under scripts/lib/supervise.sh: killed, it is
// started again and the log says so; stopping the supervisor stops the service with it.

let work: string;
let port: number;
let shell: ChildProcess;
const logFile = () => path.join(work, 'rebuild.log');

async function healthPid(): Promise<number | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    return ((await res.json()) as { pid?: number }).pid;
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-supervise-'));
  port = await freePort();
  const script = [
    'set -euo pipefail',
    'log() { printf "[cus] %s\\n" "$*" >&2; }',
    'pids=()',
    `source ${JSON.stringify(path.join(ROOT, 'scripts/lib/supervise.sh'))}`,
    `supervise "rebuild service" ${JSON.stringify(logFile())} ${JSON.stringify(process.execPath)} scripts/publisher/src/rebuild/main.ts`,
    'trap \'kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null; exit 0\' TERM',
    'wait',
  ].join('\n');
  shell = spawn('bash', ['-c', script], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      REBUILD_SECRET: 'secret-of-the-supervisor-test',
      REBUILD_PORT: String(port),
      REBUILD_ON_START: 'false',
      REBUILD_RECONCILE_MS: '0',
      // No CMS: nothing is built; the service runs all the same.
      STRAPI_URL: 'http://127.0.0.1:9',
      STRAPI_TOKEN: 'x',
      DEPLOY_DIR: path.join(work, 'deploy'),
    },
  });
});

afterAll(() => {
  if (shell?.exitCode === null) shell.kill('SIGKILL');
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the supervised rebuild service', () => {
  it('is started again when it dies, says so in its log, and stops with its supervisor', async () => {
    const first = await waitFor('the service', healthPid, 30_000);
    process.kill(first, 'SIGKILL');
    await waitFor('the supervisor to log the exit', () => /\[supervisor\] .* rebuild service exited with code 137; restarting in 1 s/.test(fs.readFileSync(logFile(), 'utf8')), 30_000);
    const second = await waitFor('the restarted service', async () => {
      const pid = await healthPid();
      return pid !== undefined && pid !== first ? pid : undefined;
    }, 30_000);
    expect(alive(second)).toBe(true);
    // Both runs wrote to the same log.
    expect(fs.readFileSync(logFile(), 'utf8').match(/listening on/g)).toHaveLength(2);

    const exited = new Promise((r) => shell.once('exit', r));
    shell.kill('SIGTERM');
    await exited;
    await waitFor('the service to stop with its supervisor', () => !alive(second), 15_000);
    expect(await healthPid()).toBeUndefined();
  });
});
