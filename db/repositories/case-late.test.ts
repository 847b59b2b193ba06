/**
 * CaseLateParty (case-late-sql.ts): kept by triggers as tasks are marked overdue, closed, cleared, moved and
 * deleted, always equal to a fresh count of the late tasks; and GET /cases?overdue=true through it — the cases
 * with a marked task and those with a task past its deadline not yet marked, merged in list order, each once,
 * paged and counted — on SQLite and PostgreSQL.
 */
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDb, type Db } from '../client';
import type { Principal } from '../../domain/auth/principal';
import type { CaseCursor } from '../../domain/paging';
import { testBackends } from '../test-backends.fixture';
import { caseLateBackfillSql, caseLateTriggerSql } from './case-late-sql';
import { createCasesRepository } from './cases.repository';

const user = (org: string, roles: string[]): Principal => ({ kind: 'user', id: `${org}-user`, name: org, username: null, org: { id: org, name: org }, roles: roles as Principal['roles'] });
const bdb = user('bdb', ['bdb-coordinator']);
const amr = user('amr', ['applicant', 'provider-reviewer']);
const water = user('water', ['provider-reviewer']);
const psb = user('psb', ['provider-reviewer', 'applicant']);

const t0 = Date.parse('2026-11-02T00:00:00Z');
const at = (s: number) => new Date(t0 + s * 1000);
const DAY = 86_400_000;

/** The rows CaseLateParty must hold: for each open task marked overdue, +1 for the city (''), its organisation and the applicant. */
async function expectedRows(db: Db): Promise<string[]> {
  const tasks = await db.task.findMany({ where: { status: 'open', overdueSince: { not: null } }, include: { case: { select: { applicantOrgId: true, createdAt: true } } } });
  const rows = new Map<string, number>();
  for (const t of tasks) {
    for (const org of ['', t.assigneeOrgId, t.case.applicantOrgId]) {
      const key = `${t.caseId}|${org}|${t.case.createdAt.toISOString()}`;
      rows.set(key, (rows.get(key) ?? 0) + 1);
    }
  }
  return [...rows].map(([k, n]) => `${k}|${n}`).sort();
}
const actualRows = async (db: Db) => (await db.caseLateParty.findMany()).map((r) => `${r.caseId}|${r.orgId}|${r.caseCreatedAt.toISOString()}|${r.lateTasks}`).sort();

async function addCase(db: Db, id: string, applicantOrgId: string, s: number) {
  await db.case.create({ data: { id, type: 'restricted-share', status: 'in-progress', title: `受限共享：${id}`, applicantOrgId, payload: {}, workflowId: `wf-${id}`, createdAt: at(s) } });
}
async function addTask(db: Db, caseId: string, org: string, o: { dueAt?: Date | null; overdueSince?: Date | null; step?: string } = {}) {
  const step = o.step ?? 'provider-consent';
  await db.task.create({
    data: { id: `${caseId}:${step}:${org}`, caseId, step, assigneeOrgId: org, assigneeRole: 'provider-reviewer', status: 'open', decisions: [], dueAt: o.dueAt ?? null, overdueSince: o.overdueSince ?? null, createdAt: at(0) },
  });
  return `${caseId}:${step}:${org}`;
}

async function allPages(db: Db, p: Principal, limit: number) {
  const repo = createCasesRepository(db);
  const seen: string[] = [];
  let after: CaseCursor | null = null;
  for (let page = 1; page < 100; page++) {
    const r = await repo.list(p, { overdue: true }, { limit, after });
    seen.push(...r.items.map((c) => c.id));
    if (!r.next) break;
    after = r.next;
  }
  return seen;
}

const backends = testBackends('case_late');
after(() => Promise.all(backends.map((b) => b.tearDown())));

for (const backend of backends) {
  describe(`cases with a late task on ${backend.name}`, { skip: backend.skip }, () => {
    let db: Db;
    before(async () => {
      db = createDb(await backend.fresh('main'));
    });
    after(() => db.$disconnect());

    test('the triggers keep one row per party of each case with a marked task, whatever happens to its tasks', async () => {
      const fresh = async (step: string) => assert.deepEqual(await actualRows(db), await expectedRows(db), step);
      await addCase(db, 'RS-L-1', 'amr', 1);
      await addCase(db, 'RS-L-2', 'water', 2);
      const past = new Date(Date.now() - DAY);
      const first = await addTask(db, 'RS-L-1', 'water', { dueAt: past });
      await fresh('an unmarked task past its deadline is not in the table (the list reads it from Task)');
      assert.deepEqual(await actualRows(db), []);

      await db.task.update({ where: { id: first }, data: { overdueSince: past } });
      await fresh('marked overdue: the city, its organisation and the applicant');
      assert.equal((await actualRows(db)).length, 3);

      // The applicant's own step, already marked: its organisation is the applicant, counted twice on one row.
      const own = await addTask(db, 'RS-L-1', 'amr', { step: 'applicant-sign', overdueSince: past });
      await fresh('a second late task, of the applicant itself');

      await db.task.update({ where: { id: first }, data: { status: 'done', completedAt: new Date() } });
      await fresh('one late task closed, the other still late');
      await db.task.update({ where: { id: own }, data: { overdueSince: null, dueAt: new Date(Date.now() + DAY) } });
      await fresh('its deadline moved and the mark cleared');
      assert.deepEqual(await actualRows(db), []);

      const moved = await addTask(db, 'RS-L-2', 'psb', { overdueSince: past });
      await db.task.update({ where: { id: moved }, data: { assigneeOrgId: 'amr' } });
      await fresh('a late task moved to another organisation');
      await db.case.update({ where: { id: 'RS-L-2' }, data: { createdAt: at(20) } });
      await fresh("the case's time moved: its rows follow");
      await db.task.update({ where: { id: moved }, data: { status: 'cancelled' } });
      await db.task.update({ where: { id: moved }, data: { status: 'open' } });
      await fresh('cancelled and reopened');
      await db.task.delete({ where: { id: moved } });
      await fresh('a late task deleted');
      assert.deepEqual(await actualRows(db), []);
    });

    test('overdue=true: cases with a marked task and with an unmarked task past its deadline, merged newest first, each once, paged and counted', async () => {
      const past = new Date(Date.now() - DAY);
      const future = new Date(Date.now() + 10 * DAY);
      // Newest last: K-1 … K-7 one second apart.
      const cases: [string, string][] = [['K-1', 'amr'], ['K-2', 'water'], ['K-3', 'amr'], ['K-4', 'psb'], ['K-5', 'amr'], ['K-6', 'water'], ['K-7', 'amr']];
      for (const [i, [id, applicant]] of cases.entries()) await addCase(db, id, applicant, 100 + i);
      await addTask(db, 'K-1', 'water', { dueAt: past, overdueSince: past }); // marked
      await addTask(db, 'K-2', 'amr', { dueAt: past }); // past its deadline, not yet marked
      await addTask(db, 'K-3', 'water', { dueAt: future }); // not late
      await addTask(db, 'K-4', 'water', { dueAt: future, overdueSince: past }); // marked, its deadline moved later: still late
      await addTask(db, 'K-5', 'water', { dueAt: past, overdueSince: past }); // marked and unmarked on one case: listed once
      await addTask(db, 'K-5', 'psb', { dueAt: past });
      await addTask(db, 'K-6', 'psb', { dueAt: past }); // another party's late task on water's application
      await addTask(db, 'K-7', 'psb', { dueAt: past, overdueSince: past, step: 'provider-assess' }); // amr's application, psb's late task
      await addTask(db, 'K-7', 'water', { dueAt: future });

      const everyLate = ['K-7', 'K-6', 'K-5', 'K-4', 'K-2', 'K-1'];
      for (const limit of [1, 2, 10]) assert.deepEqual(await allPages(db, bdb, limit), everyLate, `the city's, ${limit} a page`);
      // A provider: its own late tasks, and every late task of its own applications.
      assert.deepEqual(await allPages(db, water, 2), ['K-6', 'K-5', 'K-4', 'K-2', 'K-1']);
      assert.deepEqual(await allPages(db, amr, 2), ['K-7', 'K-5', 'K-2', 'K-1']);
      assert.deepEqual(await allPages(db, psb, 1), ['K-7', 'K-6', 'K-5', 'K-4']);
      const repo = createCasesRepository(db);
      for (const [p, n] of [[bdb, 6], [water, 5], [amr, 4], [psb, 4]] as const) {
        assert.deepEqual((({ total, totalCapped }) => ({ total, totalCapped }))(await repo.list(p, { overdue: true }, { limit: 1, after: null })), { total: n, totalCapped: false }, p.org.id);
      }
      // With the list's other conditions: the provider's applications only.
      assert.deepEqual((await repo.list(amr, { overdue: true, mine: true }, { limit: 10, after: null })).items.map((c) => c.id), ['K-7', 'K-5', 'K-1']);
    });

    test('the migration holds the triggers and the backfill case-late-sql.ts writes', () => {
      const migration = fs.readFileSync(backend.migrationFile('20261202090000_case_late'), 'utf8');
      assert.ok(migration.includes(caseLateTriggerSql(backend.name === 'SQLite' ? 'sqlite' : 'postgres')), 'the triggers differ from caseLateTriggerSql');
      assert.ok(migration.includes(caseLateBackfillSql()), 'the backfill differs from caseLateBackfillSql');
    });
  });
}
