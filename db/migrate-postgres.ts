/**
 * Applies the committed PostgreSQL migrations (prisma/postgres/migrations) in
 * order, each in a transaction, recording them in _yongshu_migrations.
 * Prisma 6.19's JS schema engine cannot read PostgreSQL's catalog through the
 * pg adapter ("Column type 'name' could not be deserialized"), so PostgreSQL
 * migrations run here; SQLite keeps `prisma migrate deploy`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export async function migratePostgres(connectionString: string, migrationsDir: string): Promise<string[]> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS _yongshu_migrations (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    // One migrator at a time: several workers may start together.
    await client.query('SELECT pg_advisory_lock(727274)');
    const done = new Map((await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM _yongshu_migrations')).rows.map((r) => [r.name, r.checksum]));
    const applied: string[] = [];
    for (const name of fs.readdirSync(migrationsDir).filter((d) => /^\d/.test(d)).sort()) {
      const sql = fs.readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      const checksum = crypto.createHash('sha256').update(sql).digest('hex');
      const previous = done.get(name);
      if (previous) {
        if (previous !== checksum) throw new Error(`migration ${name} was changed after it was applied; add a new migration instead`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO _yongshu_migrations (name, checksum) VALUES ($1, $2)', [name, checksum]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(e as Error).message}`);
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.end();
  }
}
