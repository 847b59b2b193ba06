/**
 * SQLite statements compiled once per SQL text. Prisma's better-sqlite3
 * adapter (6.19) compiles every statement it runs again
 * (`client.prepare(sql).bind(args)`); under load that compile was ~3.5 % of
 * the API's and the worker's CPU (issue #11). The adapter gets a connection
 * whose `prepare` hands out a kept statement; `bind` on it returns the
 * statement with its arguments for one execution instead of binding the kept
 * statement for good, which better-sqlite3 would refuse to rebind.
 */
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';

/** Distinct SQL texts kept per connection; the least recently used goes first. */
export const STATEMENT_CACHE_SIZE = 500;

type Params = unknown[];

/** What of a better-sqlite3 statement the adapter uses, with its arguments given per call. */
function withArgs(stmt: BetterSqlite3.Statement, params: Params) {
  return {
    get reader() {
      return stmt.reader;
    },
    columns: () => stmt.columns(),
    run: () => stmt.run(...params),
    all: () => stmt.raw(false).all(...params),
    get: () => stmt.raw(false).get(...params),
    raw: (toggle = true) => ({
      all: () => stmt.raw(toggle).all(...params),
      get: () => stmt.raw(toggle).get(...params),
      run: () => stmt.run(...params),
    }),
  };
}

function kept(stmt: BetterSqlite3.Statement) {
  return { ...withArgs(stmt, []), bind: (...params: Params) => withArgs(stmt, params) };
}

/** The connection with `prepare` served from a bounded cache; everything else passes through. */
export function cachingStatements(db: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): BetterSqlite3.Database {
  const cache = new Map<string, ReturnType<typeof kept>>();
  const prepare = (sql: string) => {
    let s = cache.get(sql);
    if (s) {
      cache.delete(sql); // re-inserted below: Map order is recency
    } else {
      s = kept(db.prepare(sql));
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, s);
    return s;
  };
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare;
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Prisma's better-sqlite3 adapter factory, its connections caching their statements. */
export class PrismaBetterSQLite3WithStatementCache extends PrismaBetterSQLite3 {
  override async connect(): ReturnType<PrismaBetterSQLite3['connect']> {
    const adapter = await super.connect();
    const holder = adapter as unknown as { client?: BetterSqlite3.Database };
    // The adapter keeps its connection in `client` (6.19); fail loudly if an upgrade moves it.
    if (typeof holder.client?.prepare !== 'function') throw new Error('better-sqlite3 adapter: connection not found in `client`; review db/sqlite-statement-cache.ts');
    holder.client = cachingStatements(holder.client);
    return adapter;
  }
}
