/**
 * The statement cache under Prisma's better-sqlite3 adapter: one compile per
 * SQL text, each execution with its own arguments, bounded, and a failed
 * execution leaves the kept statement usable — seen through a real Prisma
 * client on a throwaway database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createDb, type Db } from './client';
import { isUniqueViolation } from './errors';
import { cachingStatements } from './sqlite-statement-cache';
import { prepareDatabase } from '../scripts/prepare-database';

/** A connection that counts the statements SQLite compiled. */
function counted(file: string) {
  const raw = new Database(file);
  let compiled = 0;
  const prepare = raw.prepare.bind(raw);
  raw.prepare = ((sql: string) => (compiled++, prepare(sql))) as typeof raw.prepare;
  return { raw, compiled: () => compiled };
}

describe('SQLite statement cache', () => {
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
