/**
 * The query plans the inbox, the overdue view, the case lists and supervision
 * rely on at a city's scale (README "Performance"; `npm run bench:inbox`
 * measures them), on SQLite with the planner statistics the application keeps
 * (db/planner-statistics.ts) over a few thousand tasks of the bench's data.
 * Each read runs through its repository; every statement Prisma or the
 * repository sends is captured and its EXPLAIN QUERY PLAN checked: the
 * intended index, no full scan of Task or Case where an index answers, and no
 * sort of the matching rows where the index gives the order. A change that
 * loses one of them fails here, without timing anything.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../../generated/prisma';
import type { Db } from '../client';
import type { Principal } from '../../domain/auth/principal';
import { seededThrowawayDatabase, type ThrowawayDatabase } from '../../scripts/lib/throwaway-database';
import { loadInbox, SEARCH_WORD, sqliteWriter } from '../../tests/bench/inbox-data';
import { createCasesRepository } from './cases.repository';
import { createSupervisionRepository } from './supervision.repository';
import { resolvePeriod } from '../../domain/supervision/period';

let database: ThrowawayDatabase;
let logged: PrismaClient;
let sqlite: Database.Database;
const statements: { sql: string; params: string }[] = [];

const user = (org: string, roles: string[]): Principal => ({ kind: 'user', id: `${org}-user`, name: org, username: null, org: { id: org, name: org }, roles: roles as Principal['roles'] });
const psb = user('psb', ['provider-reviewer', 'applicant']);
const coordinator = user('bdb', ['bdb-coordinator']);

before(async () => {
  database = await seededThrowawayDatabase('query-plans');
  const file = database.url.replace(/^file:/, '');
  const w = sqliteWriter(file);
  await loadInbox(w, { fromCase: 0, tasksSoFar: 0, taskTarget: 4000, now: new Date() });
  await w.analyze();
  await w.close();
  logged = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: database.url }), log: [{ emit: 'event', level: 'query' }] });
  const onQuery = logged.$on.bind(logged) as unknown as (event: 'query', cb: (e: { query: string; params: string }) => void) => void;
  onQuery('query', (e) => statements.push({ sql: e.query, params: e.params }));
  sqlite = new Database(file, { readonly: true });
});

after(async () => {
  sqlite.close();
  await logged.$disconnect();
  await database.remove();
});

/** The statements a read sends, each with its query plan (one line per step). */
async function plansOf(read: (db: Db) => Promise<unknown>): Promise<{ sql: string; plan: string }[]> {
  statements.length = 0;
  await read(logged as unknown as Db);
  return statements
    .filter((s) => /^\s*SELECT/i.test(s.sql))
    .map((s) => {
      const params = (JSON.parse(s.params) as unknown[]).map((v) => (typeof v === 'boolean' ? Number(v) : v));
      const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...params) as { detail: string }[];
      return { sql: s.sql, plan: rows.map((r) => r.detail).join('\n') };
    });
}

const on = (plans: { sql: string; plan: string }[], pattern: RegExp) => {
  const found = plans.filter((p) => pattern.test(p.sql));
  assert.ok(found.length > 0, `no statement matching ${pattern} in:\n${plans.map((p) => p.sql).join('\n')}`);
  return found;
};
const noFullScan = (p: { sql: string; plan: string }, table: 'Task' | 'Case') =>
  assert.doesNotMatch(p.plan, new RegExp(`SCAN (main\\.)?${table}\\b(?! USING)`), `full scan of ${table}:\n${p.sql}\n${p.plan}`);
const noSort = (p: { sql: string; plan: string }) => assert.doesNotMatch(p.plan, /TEMP B-TREE FOR (ORDER BY|.*TERMS OF ORDER BY)/, `sorts its rows:\n${p.sql}\n${p.plan}`);

describe('query plans at scale (SQLite)', () => {
  test('the inbox reads each role in the order of its index, and counts from the index', async () => {
    const plans = await plansOf((db) => createCasesRepository(db).tasksFor(psb, { status: 'open' }, { limit: 50, after: null }));
    for (const p of on(plans, /FROM `main`\.`Task` WHERE .*ORDER BY/)) {
      assert.match(p.plan, /USING INDEX Task_assigneeOrgId_assigneeRole_status_dueAt_createdAt_id_idx/, p.plan);
      noSort(p);
    }
    for (const p of on(plans, /COUNT\(\*\).*FROM `main`\.`Task`/)) assert.match(p.plan, /COVERING INDEX Task_assigneeOrgId_assigneeRole_status_/, p.plan);
  });

  test('the overdue view reads late tasks in (dueAt, createdAt, id) order and counts them from the supervision rollup', async () => {
    const plans = await plansOf((db) => createCasesRepository(db).overdueTasks({ limit: 50, after: null }));
    const [page] = on(plans, /FROM `main`\.`Task` WHERE .*ORDER BY/);
    assert.match(page!.plan, /USING INDEX Task_status_dueAt_createdAt_id_idx/, page!.plan);
    noSort(page!);
    // The count: SupervisionOpenDue by day of the deadline, and the rest of today from the Task index (as 监督考核 counts it).
    const [count] = on(plans, /FROM "SupervisionOpenDue"/);
    assert.match(count!.plan, /SEARCH SupervisionOpenDue USING PRIMARY KEY \(day<\?\)/, count!.plan);
    noFullScan(count!, 'Task');
  });

  test('cases with a late task: the party\'s range of CaseLateParty in list order, page and count; the unmarked late tasks from their partial index; never a task lookup per case', async () => {
    for (const viewer of [coordinator, psb]) {
      const plans = await plansOf((db) => createCasesRepository(db).list(viewer, { overdue: true }, { limit: 50, after: null }));
      const [unmarked] = on(plans, /SELECT t0\."caseId" AS "id" FROM "Task" t0/);
      assert.match(unmarked!.plan, /SEARCH t0 USING COVERING INDEX Task_open_overdueSince_idx \(overdueSince=\? AND dueAt<\?\)/, unmarked!.plan);
      const [page] = on(plans, /FROM "CaseLateParty" l WHERE .*ORDER BY/);
      const [count] = on(plans, /SELECT \(SELECT COUNT\(\*\) FROM \(SELECT l\."caseId"/);
      for (const p of [page!, count!]) {
        noFullScan(p, 'Case');
        noFullScan(p, 'Task');
        assert.match(p.plan, /SEARCH l USING COVERING INDEX CaseLateParty_orgId_caseCreatedAt_caseId_idx \(orgId=\?\)/, p.plan);
      }
      noSort(page!);
    }
  });

  test("a provider's cases: counted up to the cap over its applications and its tasks' cases (index ranges, no pass over every case); the page's tasks by Task(caseId)", async () => {
    const plans = await plansOf((db) => createCasesRepository(db).list(psb, {}, { limit: 50, after: null }));
    const [count] = on(plans, /SELECT DISTINCT "id" FROM \(/);
    noFullScan(count!, 'Case');
    noFullScan(count!, 'Task');
    assert.match(count!.plan, /SEARCH c USING COVERING INDEX Case_applicantOrgId_\w+ \(applicantOrgId=\?\)/, count!.plan);
    assert.match(count!.plan, /SEARCH t0 USING COVERING INDEX Task_assigneeOrgId_caseId_idx \(assigneeOrgId=\?\)/, count!.plan);
    for (const p of on(plans, /FROM `main`\.`Task` WHERE .*`caseId` IN/)) {
      assert.match(p.plan, /SEARCH main\.Task USING (COVERING )?INDEX Task_caseId\w*_idx \(caseId=\?/, p.plan);
    }
    // The page walks the cases newest first from the index and stops at the page, each case probed in Task(assigneeOrgId, caseId).
    const [page] = on(plans, /FROM "Case" c WHERE .*ORDER BY/);
    assert.match(page!.plan, /SCAN c USING COVERING INDEX Case_createdAt_id_applicantOrgId_idx/, page!.plan);
    assert.match(page!.plan, /SEARCH t USING COVERING INDEX Task_assigneeOrgId_caseId_idx \(assigneeOrgId=\? AND caseId=\?\)/, page!.plan);
    noSort(page!);
  });

  test('the case search walks one bigram of the search index newest first and stops at the page; its count too (no sort, no pass over the cases)', async () => {
    for (const [viewer, q] of [[coordinator, SEARCH_WORD], [coordinator, '公安'], [psb, '公安'], [coordinator, '不动产 登记']] as const) {
      const plans = await plansOf((db) => createCasesRepository(db).list(viewer, { q }, { limit: 50, after: null }));
      const walks = on(plans, /FROM "CaseSearchTerm" s/);
      assert.equal(walks.length, 2, 'the page and the count');
      for (const p of walks) {
        assert.match(p.plan, /SEARCH s USING PRIMARY KEY \(term=\?\)/, p.plan);
        // Each candidate's case by its key, unless the term alone decides (a two-character word, the BDB: the index only).
        if (viewer === coordinator && q === '公安') assert.doesNotMatch(p.plan, /\bc\b|Case/, p.plan);
        else assert.match(p.plan, /CORRELATED SCALAR SUBQUERY \d+\n\s*SEARCH c USING INDEX sqlite_autoindex_Case_1 \(id=\?\)/, p.plan);
        noFullScan(p, 'Case');
        noSort(p);
      }
      // The page's cases by their ids.
      for (const p of on(plans, /FROM `main`\.`Case` WHERE `main`\.`Case`\.`id` IN/)) noFullScan(p, 'Case');
    }
  });

  test('a one-character search walks the cases newest first (no sort)', async () => {
    const plans = await plansOf((db) => createCasesRepository(db).list(coordinator, { q: '动' }, { limit: 50, after: null }));
    for (const p of on(plans, /FROM "Case" c WHERE .*ORDER BY/)) {
      assert.match(p.plan, /SCAN c USING (COVERING )?INDEX Case_createdAt_id_applicantOrgId_idx/, p.plan);
      noSort(p);
    }
  });

  test("supervision reads a period from the rollups' key ranges (whole months by month, the ends by day), and nothing reads every task", async () => {
    const day = (daysAgo: number) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
    // The 15th, 110 days back, to the 10th, 40 days back: a day range at each end around at least one whole month.
    const period = resolvePeriod({ from: day(110).replace(/-\d\d$/, '-15'), to: day(40).replace(/-\d\d$/, '-10') }, new Date());
    assert.ok('start' in period);
    const plans = await plansOf((db) => createSupervisionRepository(db).report(period));
    const [answered] = on(plans, /FROM "SupervisionDay"/);
    assert.equal(answered!.plan.match(/SEARCH SupervisionDay USING PRIMARY KEY \(day>\? AND day<\?\)/g)?.length, 2, answered!.plan);
    assert.match(answered!.plan, /SEARCH SupervisionMonth USING PRIMARY KEY \(month>\? AND month<\?\)/, answered!.plan);
    for (const p of on(plans, /"Task"|`Task`/)) noFullScan(p, 'Task');
    for (const p of on(plans, /"Case"|`Case`/)) noFullScan(p, 'Case');
    const [reports] = on(plans, /FROM "SupervisionReportDay"/);
    assert.match(reports!.plan, /SEARCH SupervisionReportDay USING PRIMARY KEY \(day>\? AND day<\?\)/, reports!.plan);
    assert.match(reports!.plan, /SEARCH SupervisionReportMonth USING PRIMARY KEY \(month>\? AND month<\?\)/, reports!.plan);
    for (const p of on(plans, /"Supervision/)) assert.doesNotMatch(p.plan, /SCAN Supervision/, p.plan);
    // Open overdue: from the rollup up to today and the marked ones after it, less today's not yet due (Task index, one day's rest).
    const [overdue] = on(plans, /FROM "SupervisionOpenDue"/);
    assert.match(overdue!.plan, /SEARCH SupervisionOpenDue USING PRIMARY KEY \(day<\?\)/, overdue!.plan);
    assert.match(overdue!.plan, /SEARCH SupervisionOpenDue USING PRIMARY KEY \(day>\?\)/, overdue!.plan);
    assert.match(overdue!.plan, /SEARCH Task USING COVERING INDEX Task_status_overdueSince_dueAt_assigneeOrgId_idx \(status=\? AND overdueSince=\? AND dueAt>\? AND dueAt<\?\)/, overdue!.plan);
    const [listed] = on(plans, /FROM "HistoryEntry" h/);
    assert.match(listed!.plan, /COVERING INDEX HistoryEntry_action_at_caseId_idx \(action=\? AND at>\? AND at<\?\)/, listed!.plan);
    const [received] = on(plans, /FROM "Organisation" o WHERE EXISTS/);
    assert.match(received!.plan, /COVERING INDEX Task_assigneeOrgId_createdAt_idx/, received!.plan);
  });
});
