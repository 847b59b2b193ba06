/**
 * The two databases a repository test runs on: SQLite in a temporary directory, and PostgreSQL on a throwaway
 * cluster where its server binaries are installed (CI installs them). Each `fresh` database is migrated and seeded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { prepareDatabase } from '../scripts/prepare-database';
import { findPostgresBin, startThrowawayPostgres, type Postgres } from '../scripts/lib/postgres';
import { freePort } from '../scripts/lib/free-port';

export interface Backend {
  name: string;
  skip: string | false;
  /** A fresh, migrated, seeded database. */
  fresh(name: string): Promise<string>;
  tearDown(): Promise<void>;
  /** The file of `migration` (its directory name) in this dialect. */
  migrationFile(migration: string): string;
}

function sqliteBackend(prefix: string): Backend {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `yongshu-${prefix}-`));
  return {
    name: 'SQLite',
    skip: false,
    migrationFile: (m) => path.join(__dirname, `../prisma/migrations/${m}/migration.sql`),
    async fresh(name) {
      const url = `file:${path.join(dir, `${name}.db`)}`;
      await prepareDatabase(url, { seed: true });
      return url;
    },
    async tearDown() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(prefix: string): Backend {
  let pg: Postgres | undefined;
  return {
    name: 'PostgreSQL',
    skip: findPostgresBin() ? false : 'no PostgreSQL server binaries on this machine (apt-get install postgresql, or set PG_BIN); CI installs them',
    migrationFile: (m) => path.join(__dirname, `../prisma/postgres/migrations/${m}/migration.sql`),
    async fresh(name) {
      pg ??= await startThrowawayPostgres(await freePort());
      const admin = new Client({ connectionString: pg.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${prefix.replace(/\W/g, '_')}_${name}`);
      await admin.end();
      const url = pg.url.replace(/\/[^/]+$/, `/${prefix.replace(/\W/g, '_')}_${name}`);
      await prepareDatabase(url, { seed: true });
      return url;
    },
    async tearDown() {
      pg?.stop();
    },
  };
}

/** Both backends, named after the test (`prefix`: a temporary directory's and the PostgreSQL databases' prefix). */
export const testBackends = (prefix: string): Backend[] => [sqliteBackend(prefix), postgresBackend(prefix)];
