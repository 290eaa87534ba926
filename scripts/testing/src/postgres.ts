import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// By the package's own name, not './free-port.ts': cms type-checks this file without .ts imports.
import { freePort } from '@cus/testing/free-port';

// A private, throwaway PostgreSQL cluster for one test: initdb in a temp folder, a server
// on a free loopback port, one database and password user. The machine's binaries are not
// on PATH; initdb refuses root, so as root everything runs as the `postgres` OS user.
// CUS_PG_BINDIR overrides where the binaries are looked for (set it to a missing folder
// to check the skip path).

export interface PgCluster {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  if (process.env.CUS_PG_BINDIR) candidates.push(process.env.CUS_PG_BINDIR);
  else {
    try {
      candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
    } catch {
      // no pg_config on PATH
    }
    const root = '/usr/lib/postgresql';
    if (fs.existsSync(root)) {
      for (const v of fs.readdirSync(root).sort().reverse()) candidates.push(path.join(root, v, 'bin'));
    }
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

export async function startPostgres(): Promise<PgCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('No PostgreSQL binaries (initdb, pg_ctl) found');
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  fs.chmodSync(dir, 0o777); // the server (as postgres) writes its socket and log here
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, cmd), asRoot ? ['-u', 'postgres', '--', path.join(bin, cmd), ...args] : args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const tail = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '(no log)');

  const port = await freePort();
  const password = crypto.randomBytes(12).toString('hex');
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', data, '-o', opts, '-l', log, '-w', '-t', '60', 'start']);
    const psql = (sql: string) => run('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
    psql(`CREATE ROLE strapi LOGIN PASSWORD '${password}'`);
    psql('CREATE DATABASE strapi OWNER strapi');
  } catch (err) {
    throw new Error(`Starting PostgreSQL failed: ${(err as Error).message}\n--- server log ---\n${tail()}`, { cause: err });
  }

  let stopped = false;
  return {
    url: `postgres://strapi:${password}@127.0.0.1:${port}/strapi`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
