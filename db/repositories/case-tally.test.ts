/**
 * CaseTally (case-tally-sql.ts): kept by triggers as cases are filed, change status or type and are deleted, always
 * equal to a fresh count; the BDB's plain list totals come from it — on SQLite and PostgreSQL.
 */
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDb, type Db } from '../client';
import type { Principal } from '../../domain/auth/principal';
import { testBackends } from '../test-backends.fixture';
import { caseTallyBackfillSql, caseTallyTriggerSql } from './case-tally-sql';
import { createCasesRepository } from './cases.repository';

const bdb: Principal = { kind: 'user', id: 'bdb-user', name: 'bdb', username: null, org: { id: 'bdb', name: 'bdb' }, roles: ['bdb-coordinator'] };

/** The tally a fresh count gives: "type|status|cases", sorted. */
async function expected(db: Db): Promise<string[]> {
  const groups = await db.case.groupBy({ by: ['type', 'status'], _count: { _all: true } });
  return groups.map((g) => `${g.type}|${g.status}|${g._count._all}`).sort();
}
const actual = async (db: Db) => (await db.caseTally.findMany()).map((t) => `${t.type}|${t.status}|${t.cases}`).sort();

const backends = testBackends('case_tally');
after(() => Promise.all(backends.map((b) => b.tearDown())));

for (const backend of backends) {
  describe(`the case tally on ${backend.name}`, { skip: backend.skip }, () => {
    let db: Db;
    before(async () => {
      db = createDb(await backend.fresh('main'));
    });
    after(() => db.$disconnect());

    test('the triggers keep the count of each type and status; the BDB list totals read it', async () => {
      const fresh = async (step: string) => assert.deepEqual(await actual(db), await expected(db), step);
      await fresh('the seeded cases, backfilled by the migration or counted as seeded');
      const row = (id: string, type: string) => ({ id, type, status: 'in-progress', title: id, applicantOrgId: 'amr', payload: {}, workflowId: `wf-${id}` });
      await db.case.createMany({ data: [row('T-1', 'restricted-share'), row('T-2', 'restricted-share'), row('T-3', 'problem-data')] });
      await fresh('three filed at once');
      await db.case.update({ where: { id: 'T-1' }, data: { status: 'granted' } });
      await db.case.update({ where: { id: 'T-1' }, data: { status: 'granted' } }); // a replayed batch: no change
      await fresh('one granted, twice');
      await db.case.update({ where: { id: 'T-3' }, data: { type: 'it-project', status: 'accepted' } });
      await fresh('type and status at once');
      await db.case.delete({ where: { id: 'T-2' } });
      await fresh('one deleted');
      assert.ok(!(await actual(db)).some((t) => t.endsWith('|0')), 'no tally at 0 is kept');

      const repo = createCasesRepository(db);
      const totalOf = async (f: { type?: string; status?: string }) => (await repo.list(bdb, f, { limit: 1, after: null })).total;
      assert.equal(await totalOf({}), await db.case.count());
      assert.equal(await totalOf({ type: 'restricted-share' }), await db.case.count({ where: { type: 'restricted-share' } }));
      assert.equal(await totalOf({ status: 'granted' }), await db.case.count({ where: { status: 'granted' } }));
      assert.equal(await totalOf({ type: 'it-project', status: 'accepted' }), 1);
      assert.equal(await totalOf({ type: 'conditional-open', status: 'revoked' }), 0);
    });

    test('the migration holds the triggers and the backfill case-tally-sql.ts writes', () => {
      const migration = fs.readFileSync(backend.migrationFile('20261202100000_case_tally'), 'utf8');
      assert.ok(migration.includes(caseTallyTriggerSql(backend.name === 'SQLite' ? 'sqlite' : 'postgres')), 'the triggers differ from caseTallyTriggerSql');
      assert.ok(migration.includes(caseTallyBackfillSql()), 'the backfill differs from caseTallyBackfillSql');
    });
  });
}
