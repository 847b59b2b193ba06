/**
 * The SQLite connection under Prisma (db/sqlite-adapter.ts): a statement
 * outside a transaction never runs inside another caller's open one (a write
 * that answered success was lost when that transaction rolled back); and the
 * statement cache — one compile per SQL text, each execution with its own
 * arguments, bounded, a failed execution leaves the statement usable. Through
 * a real Prisma client on throwaway databases.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createDb, type Db } from './client';
import { isUniqueViolation } from './errors';
import { PrismaClient } from '../generated/prisma';
import { cachingStatements, PrismaBetterSQLite3Serialised } from './sqlite-adapter';
import { prepareDatabase } from '../scripts/prepare-database';

/** A connection that counts the statements SQLite compiled. */
function counted(file: string) {
  const raw = new Database(file);
  let compiled = 0;
  const prepare = raw.prepare.bind(raw);
  raw.prepare = ((sql: string) => (compiled++, prepare(sql))) as typeof raw.prepare;
  return { raw, compiled: () => compiled };
}

describe('the SQLite connection under Prisma', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-stmt-cache-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('one compile per SQL text; every execution gets its own arguments', () => {
    const { raw, compiled } = counted(path.join(dir, 'a.db'));
    const db = cachingStatements(raw);
    db.prepare('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)').run();
    for (const [id, name] of [[1, '甲'], [2, '乙'], [3, '丙']] as const) db.prepare('INSERT INTO t (id, name) VALUES (?, ?)').bind([id, name]).run();
    const read = (id: number) => db.prepare('SELECT name FROM t WHERE id = ?').bind([id]).raw().all();
    assert.deepEqual([read(2), read(3), read(1)], [[['乙']], [['丙']], [['甲']]]);
    assert.equal(compiled(), 3);
    assert.equal(db.prepare('SELECT name FROM t WHERE id = ?').reader, true);
    assert.deepEqual(db.prepare('SELECT id FROM t ORDER BY id').bind().columns().map((c) => c.name), ['id']);
    raw.close();
  });

  test('bounded: the least recently used text is compiled again', () => {
    const { raw, compiled } = counted(path.join(dir, 'b.db'));
    const db = cachingStatements(raw, 2);
    const one = (n: number) => db.prepare(`SELECT ${n}`).bind().raw().all();
    one(1);
    one(2);
    one(1); // 1 is now the most recent
    one(3); // evicts 2
    assert.equal(compiled(), 3);
    one(1);
    assert.equal(compiled(), 3);
    one(2);
    assert.equal(compiled(), 4);
    raw.close();
  });

  test('a failed execution leaves the statement usable', () => {
    const { raw } = counted(path.join(dir, 'c.db'));
    const db = cachingStatements(raw);
    db.prepare('CREATE TABLE u (k TEXT PRIMARY KEY)').run();
    const insert = (k: string) => db.prepare('INSERT INTO u (k) VALUES (?)').bind([k]).run();
    insert('x');
    assert.throws(() => insert('x'), /UNIQUE/);
    insert('y');
    assert.deepEqual(db.prepare('SELECT k FROM u ORDER BY k').bind().raw().all(), [['x'], ['y']]);
    raw.close();
  });

  describe('outside a transaction, nothing runs inside it (createDb)', () => {
    let db: Db;
    before(async () => {
      const url = `file:${path.join(dir, 'gate.db')}`;
      await prepareDatabase(url, { seed: false });
      db = createDb(url);
    });
    after(() => db.$disconnect());
    const org = (id: string) => ({ id, name: `机构 ${id}`, kind: 'department' });
    const ids = async () => (await db.organisation.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((o) => o.id);

    /** A transaction that writes `id`, holds the connection 150 ms, then rolls back; resolves once it is open (boxed: an async function returning a promise would wait for it). */
    async function failingTransaction(id: string, events: string[]): Promise<{ rolledBack: Promise<string> }> {
      let inside!: () => void;
      const opened = new Promise<void>((resolve) => (inside = resolve));
      const rolledBack = db
        .$transaction(async (tx) => {
          await tx.organisation.create({ data: org(id) });
          inside();
          await new Promise((resolve) => setTimeout(resolve, 150));
          events.push('transaction failing');
          throw new Error('rolled back on purpose');
        })
        .catch((e: unknown) => (e as Error).message);
      await opened;
      return { rolledBack };
    }

    test('a write made while another transaction is open survives that transaction rolling back, and waits for it', async () => {
      const events: string[] = [];
      const { rolledBack } = await failingTransaction('in-tx', events);
      // Was: this ran inside the open transaction at once, answered success, and was rolled back with it.
      await db.organisation.create({ data: org('outside') });
      events.push('outside write answered');
      assert.equal(await rolledBack, 'rolled back on purpose');
      assert.deepEqual(events, ['transaction failing', 'outside write answered']);
      assert.deepEqual(await ids(), ['outside']);
    });

    test('a read outside answers at once from what is committed, never from an open transaction', async () => {
      const events: string[] = [];
      const { rolledBack } = await failingTransaction('never-committed', events);
      assert.deepEqual(await ids(), ['outside']);
      events.push('read answered');
      assert.equal(await rolledBack, 'rolled back on purpose');
      assert.deepEqual(events, ['read answered', 'transaction failing']);
    });

    test('many callers at once: each transaction whole or not at all, every outside write kept', async () => {
      const work = Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? db.organisation.create({ data: org(`w${String(i).padStart(2, '0')}`) }).then(() => 'written')
          : db
              .$transaction(async (tx) => {
                await tx.organisation.create({ data: org(`t${String(i).padStart(2, '0')}`) });
                await new Promise((resolve) => setTimeout(resolve, 5));
                if (i % 4 === 0) throw new Error('undone');
                return 'committed';
              })
              .catch(() => 'undone'),
      );
      const outcomes = await Promise.all(work);
      const expected = outcomes.flatMap((o, i) => (o === 'written' ? [`w${String(i).padStart(2, '0')}`] : o === 'committed' ? [`t${String(i).padStart(2, '0')}`] : []));
      assert.equal(outcomes.filter((o) => o === 'undone').length, 5);
      assert.deepEqual((await ids()).filter((id) => id !== 'outside'), expected.sort());
    });
  });

  describe("another process's write lock: waited for without stopping this one", () => {
    let url: string;
    let file: string;
    let db: Db;
    before(async () => {
      file = path.join(dir, 'busy.db');
      url = `file:${file}`;
      await prepareDatabase(url, { seed: false });
      db = createDb(url);
    });
    after(() => db.$disconnect());
    const org = (id: string) => ({ id, name: `机构 ${id}`, kind: 'department' });

    /** Another connection (as the worker's would be) holds the write lock for `ms`; counts this event loop's turns meanwhile. */
    async function whileLocked<T>(ms: number, work: () => Promise<T>): Promise<{ result: T | Error; turns: number; lockHeld: number }> {
      const other = new Database(file);
      other.exec('BEGIN IMMEDIATE');
      let turns = 0;
      const ticker = setInterval(() => turns++, 5);
      const t0 = performance.now();
      const release = new Promise<number>((resolve) => setTimeout(() => (other.exec('COMMIT'), other.close(), resolve(performance.now() - t0)), ms));
      const result = await work().catch((e: unknown) => e as Error);
      clearInterval(ticker);
      return { result, turns, lockHeld: await release };
    }

    test('a write outside a transaction waits for the lock, and the event loop keeps turning meanwhile', async () => {
      const r = await whileLocked(300, () => db.organisation.create({ data: org('after-lock') }).then(() => performance.now()));
      assert.ok(!(r.result instanceof Error), String(r.result));
      assert.ok(r.turns >= 20, `event loop turned ${r.turns} times in 300 ms`);
      assert.equal(await db.organisation.count({ where: { id: 'after-lock' } }), 1);
    });

    test('a transaction whose first statement writes waits for the lock and commits whole', async () => {
      const r = await whileLocked(300, () =>
        db.$transaction(async (tx) => {
          await tx.organisation.create({ data: org('tx-a') });
          await tx.organisation.create({ data: org('tx-b') });
        }),
      );
      assert.ok(!(r.result instanceof Error), String(r.result));
      assert.ok(r.turns >= 20, `event loop turned ${r.turns} times in 300 ms`);
      assert.equal(await db.organisation.count({ where: { id: { in: ['tx-a', 'tx-b'] } } }), 2);
    });

    test('a transaction that read before another process committed a write fails (stale snapshot), it is not retried', async () => {
      const outcome = await db
        .$transaction(async (tx) => {
          await tx.organisation.count();
          const other = new Database(file);
          other.prepare('INSERT INTO "Organisation" ("id", "name", "kind", "createdAt") VALUES (?, ?, ?, ?)').run('by-other', '另一进程', 'department', Date.now());
          other.close();
          await tx.organisation.create({ data: org('stale') });
          return 'committed';
        })
        .catch((e: unknown) => String((e as Error).message));
      assert.notEqual(outcome, 'committed');
      assert.equal(await db.organisation.count({ where: { id: 'stale' } }), 0);
      assert.equal(await db.organisation.count({ where: { id: 'by-other' } }), 1);
    });

    test('a transaction that times out while its statement waits for the lock writes nothing, then or later', async () => {
      const r = await whileLocked(800, () =>
        db.$transaction(
          async (tx) => {
            await tx.organisation.create({ data: org('timed-out') });
          },
          { timeout: 200 },
        ),
      );
      assert.ok(r.result instanceof Error, 'the transaction should time out while the lock is held');
      await new Promise((resolve) => setTimeout(resolve, 100)); // past the lock's release: a late retry would have run by now
      assert.equal(await db.organisation.count({ where: { id: 'timed-out' } }), 0);
      await db.organisation.create({ data: org('after-timeout') }); // and the connection is usable
    });

    test('the wait is bounded by the configured timeout', async () => {
      const short = new PrismaClient({ adapter: new PrismaBetterSQLite3Serialised({ url, timeout: 200 }) });
      try {
        await short.organisation.count(); // connected before the lock is taken
        const r = await whileLocked(1_000, async () => {
          const t0 = performance.now();
          await short.organisation.create({ data: org('too-late') });
          return performance.now() - t0;
        });
        assert.ok(r.result instanceof Error, 'the write should give up while the lock is held');
        assert.ok(r.turns >= 20, `event loop turned ${r.turns} times`);
      } finally {
        await short.$disconnect();
      }
      assert.equal(await db.organisation.count({ where: { id: 'too-late' } }), 0);
    });
  });

  describe('under Prisma (createDb)', () => {
    let db: Db;
    before(async () => {
      const url = `file:${path.join(dir, 'prisma.db')}`;
      await prepareDatabase(url, { seed: true });
      db = createDb(url);
    });
    after(() => db.$disconnect());

    test('repeated queries of one shape read their own rows, inside and outside transactions', async () => {
      const names = ['amr.applicant', 'bdb.reviewer', 'psb.provider'];
      for (let round = 0; round < 3; round++) {
        const users = await Promise.all(names.map((username) => db.user.findUnique({ where: { username }, select: { username: true } })));
        assert.deepEqual(users.map((u) => u?.username), names);
        const inTx = await db.$transaction(async (tx) => tx.user.findUnique({ where: { username: names[round]! }, select: { username: true } }));
        assert.equal(inTx?.username, names[round]);
      }
    });

    test('a unique violation is reported as one, and the same insert then works with other values', async () => {
      const data = (n: number) => ({ id: `cache-${n}`, name: `缓存测试 ${n}`, kind: 'department' });
      await db.organisation.create({ data: data(1) });
      await assert.rejects(db.organisation.create({ data: data(1) }), (e: unknown) => isUniqueViolation(e));
      await db.organisation.create({ data: data(2) });
      assert.equal(await db.organisation.count({ where: { id: { in: ['cache-1', 'cache-2'] } } }), 2);
    });
  });
});
