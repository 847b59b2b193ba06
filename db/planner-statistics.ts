/**
 * Statistics for SQLite's query planner. Without them SQLite guesses each
 * index's selectivity from its shape and, on a city's data, can pick an index
 * on `status` (every open task) over Task(caseId) for "the open tasks of these
 * cases" (README "Performance"). SQLite's advice for long-running processes:
 * `PRAGMA optimize=0x10002` when the database opens (analyse what needs it),
 * then `PRAGMA optimize` now and then — a no-op unless a table grew enough to
 * matter, and bounded in time when it is not. PostgreSQL's autovacuum keeps
 * its own statistics.
 */
import { isPostgres, type Db } from './client';


/** On opening a SQLite database (scripts/prepare-database.ts): statistics for every table that lacks fresh ones. */
export const OPEN_OPTIMIZE = 'PRAGMA optimize=0x10002';

/** Now and then (the API's maintenance): re-analyse the tables that grew. */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  if (isPostgres(db)) return;
  await db.$executeRawUnsafe('PRAGMA optimize');
}
