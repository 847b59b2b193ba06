/**
 * The tamper-evident audit log on a throwaway SQLite and, when the server
 * binaries exist, a throwaway PostgreSQL. The attacks are those of someone who
 * can write the database (and, to get past the triggers, drop them) but does
 * not hold the audit key.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createDb, type Db } from '../client';
import { prepareDatabase } from '../../scripts/prepare-database';
import { findPostgresBin, startThrowawayPostgres, type Postgres } from '../../scripts/lib/postgres';
import { canonicalJson } from '../../domain/audit/canonical-json';
import { GENESIS, legacyEntryHash } from './audit-chain';
import { createAuditRepository, type AuditRepository } from './audit.repository';
import { freePort } from '../../scripts/lib/free-port';

const auditKey = crypto.randomBytes(32);
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

interface Backend {
  name: string;
  skip: string | false;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  /** A database of its own, migrated, with an empty log. */
  fresh(): Promise<string>;
  /** What someone with DDL rights does first. */
  dropTriggers(db: Db): Promise<void>;
}


function sqliteBackend(): Backend {
  let dir = '';
  let template = '';
  let n = 0;
  return {
    name: 'SQLite',
    skip: false,
    async setUp() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-audit-'));
      template = path.join(dir, 'template.db');
      await prepareDatabase(`file:${template}`, { seed: false });
    },
    async tearDown() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async fresh() {
      const file = path.join(dir, `case-${++n}.db`);
      fs.copyFileSync(template, file);
      return `file:${file}`;
    },
    async dropTriggers(db) {
      for (const t of ['AuditEntry_no_update', 'AuditEntry_no_delete', 'AuditHead_no_delete', 'AuditHead_forward_only']) await db.$executeRawUnsafe(`DROP TRIGGER "${t}"`);
    },
  };
}

function postgresBackend(): Backend {
  let pg: Postgres | undefined;
  let n = 0;
  const admin = () => new Client({ connectionString: pg!.url.replace(/\/yongshu$/, '/postgres') });
  return {
    name: 'PostgreSQL',
    skip: findPostgresBin() ? false : 'no PostgreSQL server binaries on this machine (apt-get install postgresql, or set PG_BIN); CI installs them',
    async setUp() {
      pg = await startThrowawayPostgres(await freePort());
      await prepareDatabase(pg.url, { seed: false }); // the template every case copies
    },
    async tearDown() {
      pg?.stop();
    },
    async fresh() {
      const name = `audit_case_${++n}`;
      const c = admin();
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name} TEMPLATE yongshu`);
      } finally {
        await c.end();
      }
      return pg!.url.replace(/\/yongshu$/, `/${name}`);
    },
    async dropTriggers(db) {
      await db.$executeRawUnsafe('DROP TRIGGER "AuditEntry_no_update_delete" ON "AuditEntry"');
      await db.$executeRawUnsafe('DROP TRIGGER "AuditHead_no_delete" ON "AuditHead"');
      await db.$executeRawUnsafe('DROP TRIGGER "AuditHead_forward_only" ON "AuditHead"');
    },
  };
}

/** One appender process (audit-appender.fixture.ts); resolves with its exit code and error output. */
function runAppender(url: string, actor: string, count: number, barrier: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'audit-appender.fixture.ts'), url, auditKey.toString('hex'), actor, String(count), barrier], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

/** The database's refusal: PostgreSQL puts the trigger's text in the message, the SQLite adapter in meta. */
const refusedWith = (pattern: RegExp) => (e: unknown) => {
  const err = e as { message?: string; meta?: unknown };
  assert.match(`${err.message} ${JSON.stringify(err.meta)}`, pattern);
  return true;
};

const entry = (i: number, actor = 'A') => ({ actor, actorOrg: '宁波市大数据发展管理局', action: 'case-view', target: `case:${i}`, detail: { i } });

async function appendMany(repo: AuditRepository, count: number, actor = 'A') {
  for (let i = 1; i <= count; i++) await repo.append(entry(i, actor));
}

for (const backend of [sqliteBackend(), postgresBackend()]) {
  describe(`audit log on ${backend.name}`, { skip: backend.skip }, () => {
    const open: Db[] = [];
    before(() => backend.setUp());
    after(async () => {
      await Promise.all(open.map((d) => d.$disconnect()));
      await backend.tearDown();
    });
    const freshDbAt = async (url: string) => {
      const db = createDb(url);
      open.push(db);
      return db;
    };
    const freshDb = async () => freshDbAt(await backend.fresh());

    test('an empty log without a head verifies', async () => {
      const db = await freshDb();
      assert.deepEqual(await createAuditRepository(db, { auditKey }).verify(), { ok: true, entries: 0 });
    });

    test('three processes appending at once (on their own and inside other transactions) keep one unbroken chain numbered without gaps', async () => {
      const url = await backend.fresh();
      const barrier = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-audit-barrier-'));
      const actors = ['A', 'B', 'C'];
      const exits = actors.map((actor) => runAppender(url, actor, 20, barrier));
      while (actors.some((a) => !fs.existsSync(path.join(barrier, `ready-${a}`)))) await new Promise((r) => setTimeout(r, 20));
      fs.writeFileSync(path.join(barrier, 'go'), '');
      for (const r of await Promise.all(exits)) assert.equal(r.code, 0, r.stderr);
      fs.rmSync(barrier, { recursive: true, force: true });

      const db = await freshDbAt(url);
      const seqs = (await db.auditEntry.findMany({ orderBy: { seq: 'asc' }, select: { seq: true } })).map((e) => e.seq);
      assert.deepEqual(seqs, Array.from({ length: 60 }, (_, i) => i + 1));
      assert.equal(await db.signInAttempt.count(), 30); // each transaction's own write committed with its entry
      assert.deepEqual(await createAuditRepository(db, { auditKey }).verify(), { ok: true, entries: 60 });
      assert.equal((await db.auditHead.findUniqueOrThrow({ where: { id: 'head' } })).seq, 60);
    });

    test('the database refuses UPDATE and DELETE of entries, and deleting or moving back the head', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      await appendMany(repo, 3);
      await assert.rejects(db.auditEntry.update({ where: { seq: 2 }, data: { target: 'case:forged' } }), refusedWith(/append-only: UPDATE refused/));
      await assert.rejects(db.auditEntry.deleteMany({ where: { seq: { gte: 2 } } }), refusedWith(/append-only: DELETE refused/));
      await assert.rejects(db.auditHead.update({ where: { id: 'head' }, data: { seq: 1 } }), refusedWith(/audit head may only move forward/));
      await assert.rejects(db.auditHead.update({ where: { id: 'head' }, data: { hash: GENESIS } }), refusedWith(/audit head may only move forward/));
      await assert.rejects(db.auditHead.deleteMany({}), refusedWith(/audit head may not be deleted|DELETE refused on AuditHead/));
      assert.equal(await db.auditEntry.count(), 3);
      assert.deepEqual(await repo.verify(), { ok: true, entries: 3 });
    });

    test('an altered entry is found, named, and reported as altered', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      await appendMany(repo, 6);
      await backend.dropTriggers(db);
      await db.auditEntry.update({ where: { seq: 4 }, data: { target: 'case:forged' } });
      const r = await repo.verify();
      assert.equal(r.ok, false);
      assert.equal(r.entries, 6);
      assert.equal(r.firstBadEntry, 4);
      assert.equal(r.damage?.kind, 'entry-altered');
      assert.match(r.damage!.message, /第 4 条/);
    });

    test('deleting the last entries is found: the head still names the old end', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      await appendMany(repo, 8);
      await backend.dropTriggers(db);
      await db.auditEntry.deleteMany({ where: { seq: { gte: 6 } } });
      const r = await repo.verify();
      assert.deepEqual([r.ok, r.entries, r.firstBadEntry, r.damage?.kind], [false, 5, 6, 'tail-truncated']);
      assert.match(r.damage!.message, /第 6–8 条/);
    });

    test('deleting the whole log is found', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      await appendMany(repo, 2);
      await backend.dropTriggers(db);
      await db.auditEntry.deleteMany({});
      const r = await repo.verify();
      assert.deepEqual([r.ok, r.firstBadEntry, r.damage?.kind], [false, 1, 'tail-truncated']);
    });

    test('deleting an entry in the middle is found as a gap in the numbering', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      await appendMany(repo, 6);
      await backend.dropTriggers(db);
      await db.auditEntry.delete({ where: { seq: 3 } });
      const r = await repo.verify();
      assert.deepEqual([r.ok, r.firstBadEntry, r.damage?.kind], [false, 3, 'entries-missing']);
    });

    test('a chain rewritten without the key (plain SHA-256, relinked, head updated) is found at the first rewritten entry', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      await appendMany(repo, 6);
      await backend.dropTriggers(db);
      const rows = await db.auditEntry.findMany({ orderBy: { seq: 'asc' } });
      let prev = rows[2]!.hash;
      for (const e of rows.slice(3)) {
        const target = e.seq === 4 ? 'case:forged' : e.target;
        const hash = sha256(canonicalJson({ seq: e.seq, key: e.key, at: e.at.toISOString(), actor: e.actor, actorOrg: e.actorOrg, action: e.action, target, detail: e.detail, prevHash: prev }));
        await db.auditEntry.update({ where: { seq: e.seq }, data: { target, prevHash: prev, hash } });
        prev = hash;
      }
      await db.auditHead.update({ where: { id: 'head' }, data: { hash: prev, mac: sha256(`head:6:${prev}`) } });
      const r = await repo.verify();
      assert.deepEqual([r.ok, r.firstBadEntry, r.damage?.kind], [false, 4, 'entry-altered']);
    });

    test('a log rewritten in the old unkeyed scheme is found: by the head, or as unsigned entries after signed ones', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      await appendMany(repo, 4);
      await backend.dropTriggers(db);
      // Everything relabelled scheme 1 and recomputed with the old algorithm, the head pointed at the new end.
      const rows = await db.auditEntry.findMany({ orderBy: { seq: 'asc' } });
      let prev = GENESIS;
      for (const e of rows) {
        const fields = { ...e, target: e.seq === 2 ? 'case:forged' : e.target, prevHash: prev };
        const hash = legacyEntryHash(fields);
        await db.auditEntry.update({ where: { seq: e.seq }, data: { scheme: 1, target: fields.target, prevHash: prev, hash } });
        prev = hash;
      }
      await db.auditHead.update({ where: { id: 'head' }, data: { hash: prev } });
      let r = await repo.verify();
      assert.deepEqual([r.ok, r.firstBadEntry, r.damage?.kind], [false, 4, 'head-mismatch']);

      // An unkeyed entry slipped in after signed ones.
      const db2 = await freshDb();
      const repo2 = createAuditRepository(db2, { auditKey });
      await appendMany(repo2, 3);
      const last = await db2.auditEntry.findFirstOrThrow({ orderBy: { seq: 'desc' } });
      const forged = { seq: 4, key: null, at: new Date(), actor: 'X', actorOrg: null, action: 'sign-in', target: 'user:x', detail: {}, prevHash: last.hash };
      await db2.auditEntry.create({ data: { ...forged, scheme: 1, hash: legacyEntryHash(forged) } });
      r = await repo2.verify();
      assert.deepEqual([r.ok, r.firstBadEntry, r.damage?.kind], [false, 4, 'unsigned-after-signed']);
    });

    test('the head moved back together with the deleted tail is found: its signature does not match', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      await appendMany(repo, 7);
      await backend.dropTriggers(db);
      await db.auditEntry.deleteMany({ where: { seq: { gte: 6 } } });
      const fifth = await db.auditEntry.findUniqueOrThrow({ where: { seq: 5 } });
      // The old MAC kept, or one computed without the key: neither signs (5, hash of entry 5).
      await db.auditHead.update({ where: { id: 'head' }, data: { seq: 5, hash: fifth.hash } });
      let r = await repo.verify();
      assert.deepEqual([r.ok, r.firstBadEntry, r.damage?.kind], [false, 5, 'head-mismatch']);
      await db.auditHead.update({ where: { id: 'head' }, data: { mac: crypto.createHmac('sha256', crypto.randomBytes(32)).update(`head:5:${fifth.hash}`).digest('hex') } });
      r = await repo.verify();
      assert.deepEqual([r.ok, r.damage?.kind], [false, 'head-mismatch']);
      assert.match(r.damage!.message, /签名无效/);
    });

    test('a deleted head is reported, and stays reported after the next append rebuilds it', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      await appendMany(repo, 3);
      await backend.dropTriggers(db);
      await db.auditEntry.deleteMany({ where: { seq: 3 } });
      await db.auditHead.deleteMany({});
      let r = await repo.verify();
      assert.deepEqual([r.ok, r.firstBadEntry, r.damage?.kind], [false, 2, 'head-mismatch']);
      await repo.append(entry(9)); // the system keeps working...
      r = await repo.verify(); // ...and the chain itself says the head was rebuilt
      assert.deepEqual([r.ok, r.firstBadEntry, r.damage?.kind], [false, 3, 'head-mismatch']);
      const rebuilt = await db.auditEntry.findUniqueOrThrow({ where: { seq: 3 } });
      assert.equal(rebuilt.action, 'audit-head-rebuilt');
      assert.equal((await db.auditEntry.findUniqueOrThrow({ where: { seq: 4 } })).target, 'case:9');
    });

    test('entries written before the keyed chain (scheme 1) are accepted as its beginning', async () => {
      const db = await freshDb();
      let prev = GENESIS;
      for (let i = 1; i <= 3; i++) {
        const fields = { seq: i, key: null, at: new Date(Date.UTC(2026, 10, i)), actor: '旧', actorOrg: null, action: 'sign-in', target: `user:${i}`, detail: {}, prevHash: prev };
        prev = legacyEntryHash(fields);
        await db.auditEntry.create({ data: { ...fields, scheme: 1, hash: prev } });
      }
      const repo = createAuditRepository(db, { auditKey });
      await appendMany(repo, 2);
      const schemes = (await db.auditEntry.findMany({ orderBy: { seq: 'asc' } })).map((e) => `${e.seq}:${e.scheme}`);
      assert.deepEqual(schemes, ['1:1', '2:1', '3:1', '4:2', '5:2']);
      assert.deepEqual(await repo.verify(), { ok: true, entries: 5 });
    });

    test('details with keys out of order and nested objects verify (PostgreSQL JSONB reorders keys)', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      await repo.append({ actor: 'A', action: 'decision', target: 'task:1', detail: { zeta: 1, decision: 'refuse', a: { y: [2, { z: true, b: null }], aa: '理由' }, reason: '不符合第十七条' } });
      await repo.append({ actor: 'A', action: 'decision-refused', target: 'task:1', detail: { reason: 'x', decision: 'approve' } });
      await repo.append({ actor: 'A', action: 'case-withdraw', target: 'case:1' });
      assert.deepEqual(await repo.verify(), { ok: true, entries: 3 });
      const stored = await db.auditEntry.findUniqueOrThrow({ where: { seq: 1 } });
      assert.deepEqual(stored.detail, { zeta: 1, decision: 'refuse', a: { y: [2, { z: true, b: null }], aa: '理由' }, reason: '不符合第十七条' });
      // PostgreSQL hands the keys back in another order than written: the hash may not depend on it.
      if (backend.name === 'PostgreSQL') assert.notDeepEqual(Object.keys(stored.detail as object), ['zeta', 'decision', 'a', 'reason']);
    });

    test('appendWithin: the entry commits with the fact it records, or not at all; with a key, a retry appends nothing', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      const project = (id: string) =>
        db.$transaction(async (tx) => {
          await tx.signInAttempt.create({ data: { id, username: 'u', address: '127.0.0.1', at: new Date(), ok: true } });
          await repo.appendWithin(tx, { actor: 'W', action: 'decision', target: 'task:7', detail: { decision: 'approve' }, key: 'decision:task:7' });
        });
      await project('fact-1');
      await project('fact-2'); // the activity retried after its transaction committed
      assert.equal(await db.signInAttempt.count(), 2);
      assert.equal(await db.auditEntry.count({ where: { key: 'decision:task:7' } }), 1);

      // A transaction that fails after the append leaves neither the fact nor the entry, and the head where it was.
      await assert.rejects(
        db.$transaction(async (tx) => {
          await tx.signInAttempt.create({ data: { id: 'fact-3', username: 'u', address: '127.0.0.1', at: new Date(), ok: true } });
          await repo.appendWithin(tx, { actor: 'W', action: 'decision', target: 'task:8', key: 'decision:task:8' });
          throw new Error('projection failed');
        }),
        /projection failed/,
      );
      assert.equal(await db.signInAttempt.count(), 2);
      assert.equal(await db.auditEntry.count(), 1);
      await repo.append(entry(1));
      assert.deepEqual(await repo.verify(), { ok: true, entries: 2 });
    });

    test('verification reads the log in batches: 2 100 entries, 500 at a time, and finds damage beyond the first batch', async () => {
      const db = await freshDb();
      const repo = createAuditRepository(db, { auditKey });
      await db.$transaction(
        async (tx) => {
          for (let i = 1; i <= 2100; i++) await repo.appendWithin(tx, entry(i));
        },
        { timeout: 300_000 },
      );
      const takes: (number | undefined)[] = [];
      const spied = new Proxy(db, {
        get(target, prop) {
          const value = Reflect.get(target, prop) as unknown;
          if (prop !== 'auditEntry') return typeof value === 'function' ? value.bind(target) : value;
          const delegate = value as Db['auditEntry'];
          return new Proxy(delegate, {
            get(d, p) {
              const v = Reflect.get(d, p) as unknown;
              if (p === 'findMany') return (args: { take?: number }) => (takes.push(args.take), delegate.findMany(args as never));
              return typeof v === 'function' ? v.bind(d) : v;
            },
          });
        },
      });
      const batched = createAuditRepository(spied, { auditKey, verifyBatch: 500 });
      assert.deepEqual(await batched.verify(), { ok: true, entries: 2100 });
      assert.deepEqual(takes, [500, 500, 500, 500, 500]);

      await backend.dropTriggers(db);
      await db.auditEntry.update({ where: { seq: 1777 }, data: { actor: 'B' } });
      const r = await batched.verify();
      assert.deepEqual([r.ok, r.entries, r.firstBadEntry, r.damage?.kind], [false, 2100, 1777, 'entry-altered']);
    });

    test('a log signed with another key does not verify', async () => {
      const db = await freshDb();
      await appendMany(createAuditRepository(db, { auditKey: crypto.randomBytes(32) }), 2);
      const r = await createAuditRepository(db, { auditKey }).verify();
      assert.deepEqual([r.ok, r.firstBadEntry, r.damage?.kind], [false, 1, 'entry-altered']);
    });
  });
}
