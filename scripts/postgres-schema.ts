/**
 * The PostgreSQL schema is the SQLite one with another provider: this derives
 * it, so the two never drift (a unit test checks the committed copy).
 * (`npm run db:schemas`; scripts/new-migration.ts also runs it).
 */
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
}
