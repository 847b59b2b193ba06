/**
 * The one Prisma client of a process: SQLite (file:…) through the
 * better-sqlite3 driver adapter by default, PostgreSQL (postgresql://…)
 * through the pg adapter. Both clients come from one schema
 * (prisma/postgres/schema.prisma is derived from prisma/schema.prisma),
 * so they have the same API.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma';
import { PrismaClient as PostgresPrismaClient } from '../generated/prisma-postgres';
import { PrismaBetterSQLite3Serialised } from './sqlite-adapter';

export type Db = PrismaClient;

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** Whether a client (or a transaction of one) speaks PostgreSQL: raw SQL differs in parameters, locks and functions. */
export const isPostgres = (db: unknown): boolean => (db as { _activeProvider?: string })._activeProvider === 'postgresql';

export function createDb(databaseUrl: string): Db {
  if (isPostgresUrl(databaseUrl)) {
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
  }
  // busy timeout: the API and the workers write the same file.
  return new PrismaClient({ adapter: new PrismaBetterSQLite3Serialised({ url: databaseUrl, timeout: 10_000 }) });
}
