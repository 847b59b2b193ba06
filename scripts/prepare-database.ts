/**
 * Brings the database to the committed schema (SQLite: `prisma migrate deploy`;
 * PostgreSQL: db/migrate-postgres.ts), switches SQLite to WAL (the API and the worker write concurrently), and seeds
 * the demo data on demo deployments. Safe to run at every start.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createDb, isPostgresUrl } from '../db/client';
import { migratePostgres } from '../db/migrate-postgres';
import { OPEN_OPTIMIZE } from '../db/planner-statistics';
import { prismaBin, prismaCliEnv } from './lib/prisma-cli';
import { seedDemoData } from '../prisma/seed';
import { refreshSupervisionCalendar } from '../db/repositories/supervision-rollup';
import { loadEnv, projectRoot } from '../config/env';

export async function prepareDatabase(databaseUrl: string, opts: { seed: boolean }): Promise<void> {
  const postgres = isPostgresUrl(databaseUrl);
  const file = databaseUrl.replace(/^file:/, '');
  if (!postgres) fs.mkdirSync(path.dirname(path.resolve(projectRoot, file)), { recursive: true });
  if (postgres) {
    const applied = await migratePostgres(databaseUrl, path.join(projectRoot, 'prisma', 'postgres', 'migrations'));
    if (applied.length) console.log(`[database] applied ${applied.join(', ')}`);
  } else {
    const r = spawnSync(prismaBin, ['migrate', 'deploy'], {
      cwd: projectRoot,
      env: prismaCliEnv(databaseUrl),
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`prisma migrate deploy failed:\n${r.stdout}\n${r.stderr}`);
  }
  if (!postgres) {
    const sqlite = new Database(path.resolve(projectRoot, file));
    sqlite.pragma('journal_mode = WAL');
    // Planner statistics at every start; the API refreshes them as tables grow (db/planner-statistics.ts).
    sqlite.pragma(OPEN_OPTIMIZE.replace(/^PRAGMA /, ''));
    sqlite.close();
  }
  {
    // The supervision rollup's calendar (a release may bring new bundled holidays), and on first run its backfill.
    const db = createDb(databaseUrl);
    try {
      const rebuilt = await refreshSupervisionCalendar(db);
      if (rebuilt !== null) console.log(`[database] supervision rollup rebuilt from ${rebuilt}`);
    } finally {
      await db.$disconnect();
    }
  }
  if (opts.seed) {
    const db = createDb(databaseUrl);
    try {
      const { created } = await seedDemoData(db);
      if (created > 0) console.log(`[database] seeded ${created} demo rows`);
    } finally {
      await db.$disconnect();
    }
  }
}

if (require.main === module) {
  const env = loadEnv();
  prepareDatabase(env.DATABASE_URL, { seed: env.DEMO_MODE }).then(
    () => console.log(`[database] ready: ${env.DATABASE_URL}`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
