/**
 * A throwaway PostgreSQL cluster for the test suite, from the server binaries
 * on this machine (Debian's postgresql package, or PG_BIN). PostgreSQL will
 * not run as root, so as root it runs as the `postgres` user.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface Postgres {
  url: string;
  stop(): void;
}

export function findPostgresBin(): string | null {
  const candidates = [process.env.PG_BIN, ...(fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`) : [])];
  return candidates.find((d): d is string => !!d && fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl'))) ?? null;
}

export async function startThrowawayPostgres(port: number): Promise<Postgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('no PostgreSQL server binaries (apt-get install postgresql, or set PG_BIN)');
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-pg-'));
  const run = (cmd: string, args: string[]) => {
    const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { encoding: 'utf8' }) : spawnSync(path.join(bin, cmd), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot) spawnSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'yongshu', '-E', 'UTF8', '--locale=C', '--no-sync']);
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const admin = new Client({ connectionString: `postgresql://yongshu@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE yongshu');
    await admin.end();
  } catch (e) {
    stop();
    throw e;
  }
  return { url: `postgresql://yongshu@127.0.0.1:${port}/yongshu`, stop };
}
