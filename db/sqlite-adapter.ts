/**
 * Prisma's better-sqlite3 adapter (6.19) over one connection per process,
 * with three things it lacks:
 *
 * 1. **Nothing runs inside another caller's transaction.** The adapter lets one
 *    interactive transaction at a time hold the connection (its mutex), but a
 *    statement outside any transaction runs at once on that same connection —
 *    inside whatever transaction is open there. A write that answered success
 *    was lost when that transaction rolled back, and a read could see what was
 *    then undone. Now, while a transaction is open, a plain SELECT from outside
 *    it goes to a second, read-only connection (WAL: it sees what is committed
 *    and never waits), and any other statement waits until the connection has
 *    left the transaction (`db/sqlite-adapter.test.ts` shows the loss). The
 *    open/closed state is read from the connection itself after every
 *    statement (`inTransaction`), so BEGIN, COMMIT and ROLLBACK however issued
 *    move it. PostgreSQL's adapter gives each caller its own connection.
 * 2. **Waiting for another process's write lock never stops the process.**
 *    SQLite's busy handler sleeps in the calling thread: while the worker held
 *    the write lock, a write in the API stood its whole event loop still (2–3 ms
 *    on average under load, up to the busy timeout behind a long transaction).
 *    The connection now answers SQLITE_BUSY at once and the statement is run
 *    again after an asynchronous pause, for as long as the configured `timeout`
 *    allowed before. A statement that answered SQLITE_BUSY did nothing, so
 *    running it again is safe — within its transaction only: a statement whose
 *    transaction ended while it waited (Prisma's timeout rolled it back) is
 *    not run again, or it would commit on its own. A transaction whose
 *    snapshot went stale gets SQLITE_BUSY_SNAPSHOT, which is not retried.
 * 3. **Statements compiled once per SQL text.** The adapter prepares every
 *    statement again (`client.prepare(sql).bind(args)`): ~3.5 % of the API's
 *    and the worker's CPU under load (issue #11). `prepare` now hands out a
 *    kept statement; `bind` on it gives the arguments to one execution instead
 *    of binding the kept statement for good (better-sqlite3 never rebinds).
 */
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';

/** Distinct SQL texts kept per connection; the least recently used goes first. */
export const STATEMENT_CACHE_SIZE = 500;

type Params = unknown[];

/** What of a better-sqlite3 statement the adapter uses, with its arguments given per call; `after` runs after each execution. */
function withArgs(stmt: BetterSqlite3.Statement, params: Params, after: () => void) {
  const run = <R>(execute: () => R): R => {
    try {
      return execute();
    } finally {
      after();
    }
  };
  return {
    get reader() {
      return stmt.reader;
    },
    columns: () => stmt.columns(),
    run: () => run(() => stmt.run(...params)),
    all: () => run(() => stmt.raw(false).all(...params)),
    get: () => run(() => stmt.raw(false).get(...params)),
    raw: (toggle = true) => ({
      all: () => run(() => stmt.raw(toggle).all(...params)),
      get: () => run(() => stmt.raw(toggle).get(...params)),
      run: () => run(() => stmt.run(...params)),
    }),
  };
}

/** The connection with `prepare` served from a bounded cache; `afterStatement` runs after each execution (and `exec`). */
export function cachingStatements(db: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE, afterStatement: () => void = () => undefined): BetterSqlite3.Database {
  const kept = (stmt: BetterSqlite3.Statement) => ({ ...withArgs(stmt, [], afterStatement), bind: (...params: Params) => withArgs(stmt, params, afterStatement) });
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
  const exec = (sql: string) => {
    try {
      return db.exec(sql);
    } finally {
      afterStatement();
    }
  };
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare;
      if (prop === 'exec') return exec;
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Whether the connection is inside a transaction, and a wait for it to leave. */
export function transactionGate(inTransaction: () => boolean) {
  let open: { done: Promise<void>; end: () => void; n: number } | null = null;
  let opened = 0;
  return {
    /** After every statement: follow the connection into and out of a transaction. */
    sync(): void {
      const now = inTransaction();
      if (now && !open) {
        let end!: () => void;
        const done = new Promise<void>((resolve) => (end = resolve));
        open = { done, end, n: ++opened };
      } else if (!now && open) {
        open.end();
        open = null;
      }
    },
    isOpen: (): boolean => open !== null,
    /** Which transaction is open (a number per BEGIN), or null. */
    current: (): number | null => open?.n ?? null,
    /** Resolves when the open transaction ends (check `isOpen` again: another may begin before the waiter runs). */
    closed: (): Promise<void> => open?.done ?? Promise.resolve(),
  };
}

/** better-sqlite3's default busy timeout, for a configuration that sets none. */
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

const isBusy = (e: unknown): boolean => (e as { cause?: { originalCode?: unknown } } | null)?.cause?.originalCode === 'SQLITE_BUSY';

/**
 * Runs `attempt` again while SQLite answers SQLITE_BUSY, pausing between tries without blocking, until `waitMs`
 * has passed — and only while `stillWanted()` holds after a pause (a transaction's statement must not run once
 * its transaction ended meanwhile: it would run outside it and commit on its own).
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, waitMs: number, stillWanted: () => boolean = () => true): Promise<T> {
  const until = Date.now() + waitMs;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isBusy(e) || Date.now() >= until) throw e;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** n, 20)));
      if (!stillWanted()) throw e;
    }
  }
}

type QueryMethod = 'queryRaw' | 'executeRaw' | 'executeScript';
type SqlQueryable = { queryRaw(query: unknown): Promise<unknown>; dispose(): Promise<void> };

/** A statement that only reads: Prisma's reads and raw SELECTs (a WITH may hide a write, so it is not one). */
export const isPlainSelect = (sql: string): boolean => /^\s*select\b/i.test(sql);
const OUTSIDE_TRANSACTION: readonly QueryMethod[] = ['queryRaw', 'executeRaw', 'executeScript'];

/** Runs `work` with SQLite's own (blocking) busy wait switched on for its synchronous part, where the adapter runs the SQL. */
function blockingWhileBusy<T>(raw: BetterSqlite3.Database, waitMs: number, work: () => Promise<T>): Promise<T> {
  raw.pragma(`busy_timeout = ${Math.trunc(waitMs)}`);
  try {
    return work();
  } finally {
    raw.pragma('busy_timeout = 0');
  }
}

/** Prisma's better-sqlite3 adapter factory, its connections as described above. */
export class PrismaBetterSQLite3Serialised extends PrismaBetterSQLite3 {
  private readonly busyWaitMs: number;

  constructor(...args: ConstructorParameters<typeof PrismaBetterSQLite3>) {
    super(...args);
    this.busyWaitMs = args[0].timeout ?? DEFAULT_BUSY_TIMEOUT_MS;
  }

  override async connect(): ReturnType<PrismaBetterSQLite3['connect']> {
    const adapter = await super.connect();
    const holder = adapter as unknown as { client?: BetterSqlite3.Database };
    // The adapter keeps its connection in `client` (6.19); fail loudly if an upgrade moves it.
    const raw = holder.client;
    if (typeof raw?.prepare !== 'function') throw new Error('better-sqlite3 adapter: connection not found in `client`; review db/sqlite-adapter.ts');
    raw.pragma('busy_timeout = 0'); // the waits happen in retryWhileBusy, off the event loop
    const waitMs = this.busyWaitMs;
    const gate = transactionGate(() => raw.inTransaction);
    holder.client = cachingStatements(raw, STATEMENT_CACHE_SIZE, gate.sync);
    let reader: Promise<SqlQueryable> | undefined;
    const readOnly = () => (reader ??= this.connectReader());
    // The adapter's own methods run statements outside any transaction (a transaction's come from its own object).
    const methods = adapter as unknown as Record<QueryMethod, (arg: unknown) => Promise<unknown>>;
    for (const name of OUTSIDE_TRANSACTION) {
      const run = methods[name].bind(adapter);
      const outside = async (arg: unknown) => {
        if (name === 'queryRaw' && gate.isOpen() && isPlainSelect((arg as { sql: string }).sql)) return (await readOnly()).queryRaw(arg);
        // Checked again right before running: the statement starts in the same tick as the last check.
        while (gate.isOpen()) await gate.closed();
        // A script may have run some of its statements before one was busy: it waits the old way, blocking.
        return name === 'executeScript' ? blockingWhileBusy(raw, waitMs, () => run(arg)) : run(arg);
      };
      methods[name] = name === 'executeScript' ? outside : (arg) => retryWhileBusy(() => outside(arg), waitMs);
    }
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await startTransaction(isolationLevel);
      // Its BEGIN ran inside startTransaction; nobody else can end it before this line (the adapter's mutex).
      const mine = gate.current();
      const statements = tx as unknown as Record<'queryRaw' | 'executeRaw', (arg: unknown) => Promise<unknown>>;
      for (const name of ['queryRaw', 'executeRaw'] as const) {
        const run = statements[name].bind(tx);
        // Prisma may time the transaction out and roll it back while a statement waits for the lock.
        statements[name] = (arg) => retryWhileBusy(() => run(arg), waitMs, () => mine !== null && gate.current() === mine);
      }
      return tx;
    };
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      if (reader) await (await reader).dispose();
    };
    return adapter;
  }

  /** A second connection to the file that only reads (`query_only`), its statements kept too. */
  private async connectReader(): Promise<SqlQueryable> {
    const adapter = await super.connect();
    const holder = adapter as unknown as { client: BetterSqlite3.Database };
    holder.client.pragma('query_only = ON');
    holder.client = cachingStatements(holder.client);
    return adapter as unknown as SqlQueryable;
  }
}
