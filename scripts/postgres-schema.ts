/**
 * The PostgreSQL schema is the SQLite one with another provider: this derives
 * it, so the two never drift (a unit test checks the committed copy).
 *   npx tsx scripts/postgres-schema.ts          rewrite prisma/postgres/schema.prisma
 *   npx tsx scripts/postgres-schema.ts --migration NAME   also write its migration SQL
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
export const SQLITE_SCHEMA = path.join(root, 'prisma', 'schema.prisma');
export const POSTGRES_SCHEMA = path.join(root, 'prisma', 'postgres', 'schema.prisma');

export function derivePostgresSchema(sqlite: string): string {
  return (
    '// GENERATED from ../schema.prisma by scripts/postgres-schema.ts — edit that file, then rerun it.\n' +
    sqlite
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('output     = "../generated/prisma"', 'output     = "../../generated/prisma-postgres"')
  );
}

if (require.main === module) {
  fs.writeFileSync(POSTGRES_SCHEMA, derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8')));
  console.log(`wrote ${path.relative(root, POSTGRES_SCHEMA)}`);
  const i = process.argv.indexOf('--migration');
  if (i > 0) {
    const name = process.argv[i + 1];
    if (!name) throw new Error('--migration needs a name, e.g. 20261201000000_add_x');
    const dir = path.join(root, 'prisma', 'postgres', 'migrations', name);
    const migrations = path.join(root, 'prisma', 'postgres', 'migrations');
    const from = fs.existsSync(migrations) && fs.readdirSync(migrations).some((d) => /^\d/.test(d)) ? ['--from-migrations', migrations] : ['--from-empty'];
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'prisma'), ['migrate', 'diff', ...from, '--to-schema-datamodel', POSTGRES_SCHEMA, '--script'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_QUERY_ENGINE_LIBRARY: '/bin/true' },
    });
    if (r.status !== 0) throw new Error(r.stderr);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), r.stdout);
    console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
  }
}
