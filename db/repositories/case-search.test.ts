/**
 * The case search (GET /cases?q=) and the capped counts of the case list, on
 * SQLite and (where its server binaries are installed) PostgreSQL: the terms
 * written with a case and after a retitle, the migration's backfill equal to
 * the application's terms, the matches of a search equal to the LIKE
 * definition, every row once across cursors while cases are added, and
 * `total` exact up to CASE_TOTAL_CAP, capped past it.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDb, type Db } from '../client';
import { testBackends } from '../test-backends.fixture';
import type { Principal } from '../../domain/auth/principal';
import { caseSearchTerms } from '../../domain/cases/search-terms';
import { CASE_TOTAL_CAP, SEARCH_TOTAL_CAP } from '../../domain/cases/case-total';
import type { CaseCursor } from '../../domain/paging';
import { createCaseStartRepository } from './case-start.repository';
import { createCasesRepository } from './cases.repository';
import { createPlanAhead } from '../../activities/deadline.activities';
import { createProjectionActivities } from '../../activities/projection.activities';

const user = (org: string, roles: string[]): Principal => ({ kind: 'user', id: `${org}-user`, name: org, username: null, org: { id: org, name: org }, roles: roles as Principal['roles'] });
const bdb = user('bdb', ['bdb-coordinator']);
const amr = user('amr', ['applicant', 'provider-reviewer']);
const water = user('water', ['provider-reviewer']);

const ORG_NAMES: Record<string, string> = { psb: '宁波市公安局', amr: '宁波市市场监督管理局', water: '宁波市水务环境集团' };

/** Cases written as the bench writes them (rows and their terms, no workflow), `createdAt` one second apart from `start`. */
async function addCases(db: Db, cases: { id: string; title: string; applicantOrgId: string; at: Date }[]) {
  await db.case.createMany({
    data: cases.map((c) => ({ id: c.id, type: 'restricted-share', status: 'in-progress', title: c.title, applicantOrgId: c.applicantOrgId, payload: {}, workflowId: `wf-${c.id}`, createdAt: c.at })),
  });
  await db.caseSearchTerm.createMany({
    data: cases.flatMap((c) => caseSearchTerms({ id: c.id, title: c.title, applicantOrgName: ORG_NAMES[c.applicantOrgId] ?? null }).map((term) => ({ term, createdAt: c.at, caseId: c.id }))),
  });
}

/** Every page of a list, following the cursors; `between` runs after each page. */
async function allPages(db: Db, p: Principal, f: Parameters<ReturnType<typeof createCasesRepository>['list']>[1], limit: number, between?: (page: number) => Promise<void>) {
  const repo = createCasesRepository(db);
  const seen: string[] = [];
  let after: CaseCursor | null = null;
  for (let page = 1; page < 1000; page++) {
    const r = await repo.list(p, f, { limit, after });
    seen.push(...r.items.map((c) => c.id));
    if (!r.next) break;
    after = r.next;
    await between?.(page);
  }
  return seen;
}

const backends = testBackends('search');
after(() => Promise.all(backends.map((b) => b.tearDown())));

for (const backend of backends) {
  describe(`the case search and capped counts on ${backend.name}`, { skip: backend.skip }, () => {
    let db: Db;
    const t0 = Date.parse('2026-11-01T00:00:00Z');
    const at = (s: number) => new Date(t0 + s * 1000);

    before(async () => {
      db = createDb(await backend.fresh('main'));
      await addCases(db, [
        { id: 'RS-20261101-AAAA0001', title: '受限共享：不动产登记信息', applicantOrgId: 'amr', at: at(1) },
        { id: 'RS-20261101-AAAA0002', title: '受限共享：人口基础信息', applicantOrgId: 'psb', at: at(2) },
        { id: 'RS-20261101-AAAA0003', title: '受限共享：数据据共共享', applicantOrgId: 'amr', at: at(3) },
        { id: 'RS-20261101-AAAA0004', title: '受限共享：数据共享协议', applicantOrgId: 'water', at: at(4) },
        { id: 'PD-20261101-BBBB0005', title: '问题数据反馈：不动产登记信息数据不准确', applicantOrgId: 'water', at: at(5) },
        { id: 'RS-20261101-AAAA0006', title: 'Open Data 不动产', applicantOrgId: 'amr', at: at(6) },
      ]);
    });
    after(() => db.$disconnect());

    const search = async (q: string, p: Principal = bdb) => (await createCasesRepository(db).list(p, { q }, { limit: 50, after: null })).items.map((c) => c.id.slice(-4));

    test('a three-character word in titles, newest first', async () => {
      assert.deepEqual(await search('不动产'), ['0006', '0005', '0001']);
    });

    test('a two-character word: in titles, or the applicant organisation’s name', async () => {
      assert.deepEqual(await search('人口'), ['0002']);
      assert.deepEqual(await search('公安'), ['0002']);
      assert.deepEqual(await search('水务'), ['0005', '0004']);
    });

    test('a case id, whole or in part, upper or lower case', async () => {
      assert.deepEqual(await search('RS-20261101-AAAA0003'), ['0003']);
      assert.deepEqual(await search('aaaa0003'), ['0003']);
      assert.deepEqual(await search('bbbb'), ['0005']);
    });

    test("a two-character Latin word matches as each database's LIKE does: any case on SQLite, the case typed on PostgreSQL (ids either way)", async () => {
      assert.deepEqual(await search('da'), backend.name === 'SQLite' ? ['0006'] : []);
      assert.deepEqual(await search('Da'), ['0006']);
      assert.deepEqual(await search('pd'), ['0005']);
    });

    test('two bigrams of the word apart are no match: 数据据共共享 holds 数据, 据共 and 共享 but not 数据共享', async () => {
      assert.deepEqual(await search('数据共享'), ['0004']);
    });

    test('every word must match (words apart, in any field)', async () => {
      assert.deepEqual(await search('不动产 水务'), ['0005']);
      assert.deepEqual(await search('不动产 公安'), []);
    });

    test('a one-character word reads the titles (no bigram to look up)', async () => {
      assert.deepEqual(await search('口'), ['0002']);
      assert.deepEqual(await search('产 水'), ['0005']);
    });

    test('a provider finds only what it may see', async () => {
      assert.deepEqual(await search('不动产', water), ['0005']);
      assert.deepEqual(await search('不动产', amr), ['0006', '0001']);
    });

    test('a filed case is found at once, by its title, id and organisation (the terms are written with its row)', async () => {
      const id = `RS-20261102-${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
      await createCaseStartRepository(db).createPending({ id, type: 'restricted-share', title: '受限共享：公积金缴存信息', applicantOrgId: 'amr', applicantUserId: null, payload: {}, workflowId: `wf-${id}`, startInput: {} });
      const terms = (await db.caseSearchTerm.findMany({ where: { caseId: id } })).map((t) => t.term).sort();
      assert.deepEqual(terms, caseSearchTerms({ id, title: '受限共享：公积金缴存信息', applicantOrgName: ORG_NAMES.amr! }).sort());
      assert.deepEqual((await createCasesRepository(db).list(bdb, { q: '公积金' }, { limit: 50, after: null })).items.map((c) => c.id), [id]);
      assert.ok((await createCasesRepository(db).list(bdb, { q: '市场监督' }, { limit: 50, after: null })).items.some((c) => c.id === id));

      // An IT project resubmitted under a new title (the projection's case-status with a title): found by the new one only.
      const project = createProjectionActivities(db, crypto.randomBytes(32), createPlanAhead(async () => [])).project;
      await project([{ op: 'case-status', caseId: id, status: 'in-progress', title: '信息化项目审核：医保定点归集平台' }]);
      await project([{ op: 'case-status', caseId: id, status: 'in-progress', title: '信息化项目审核：医保定点归集平台' }]); // retried: the same rows
      assert.deepEqual((await createCasesRepository(db).list(bdb, { q: '公积金' }, { limit: 50, after: null })).items.map((c) => c.id), []);
      assert.deepEqual((await createCasesRepository(db).list(bdb, { q: '医保定点' }, { limit: 50, after: null })).items.map((c) => c.id), [id]);
      const after = (await db.caseSearchTerm.findMany({ where: { caseId: id } })).map((t) => t.term).sort();
      assert.deepEqual(after, caseSearchTerms({ id, title: '信息化项目审核：医保定点归集平台', applicantOrgName: ORG_NAMES.amr! }).sort());
      await db.caseSearchTerm.deleteMany({ where: { caseId: id } });
      await db.case.delete({ where: { id } });
    });

    test("the migration's backfill writes exactly the application's terms (ASCII folded only, characters beyond the BMP whole)", async () => {
      const odd = [
        { id: 'RS-20261103-CCCC0001', title: 'ÄÖ Straße ABC 𠀀水 x', applicantOrgId: 'psb', at: at(100) },
        { id: 'IT-20261103-CCCC0002', title: '字', applicantOrgId: 'no-such-org', at: at(101) },
      ];
      await addCases(db, odd);
      const expected = new Set((await db.case.findMany({ include: {} })).flatMap((c) => caseSearchTerms({ id: c.id, title: c.title, applicantOrgName: ORG_NAMES[c.applicantOrgId] ?? null }).map((t) => `${c.id} ${t}`)));
      await db.caseSearchTerm.deleteMany({});
      const migration = fs.readFileSync(backend.migrationFile('20261201090000_case_search'), 'utf8');
      const backfill = /^(WITH RECURSIVE[\s\S]*?;|INSERT INTO "CaseSearchTerm"[\s\S]*?;)$/m.exec(migration)?.[1];
      assert.ok(backfill, 'the backfill statement');
      await db.$executeRawUnsafe(backfill);
      const written = new Set((await db.caseSearchTerm.findMany()).map((t) => `${t.caseId} ${t.term}`));
      assert.deepEqual([...written].sort(), [...expected].sort());
      for (const c of odd) await db.caseSearchTerm.deleteMany({ where: { caseId: c.id } });
      await db.case.deleteMany({ where: { id: { in: odd.map((c) => c.id) } } });
    });
  });

  describe(`paging a search while cases are added, and the capped count, on ${backend.name}`, { skip: backend.skip }, () => {
    let db: Db;
    const t0 = Date.parse('2026-10-01T00:00:00Z');
    const at = (s: number) => new Date(t0 + s * 1000);
    before(async () => {
      db = createDb(await backend.fresh('cap'));
      // CASE_TOTAL_CAP cases titled 甬数测试, applied for by amr; every third shares its second with the one before (ties broken by id).
      await addCases(
        db,
        Array.from({ length: CASE_TOTAL_CAP }, (_, i) => ({ id: `RS-20261001-${String(i).padStart(8, '0')}`, title: `受限共享：甬数测试${i}`, applicantOrgId: 'amr', at: at(i - (i % 3 === 2 ? 1 : 0)) })),
      );
      // Late tasks for water: two on each of the first CASE_TOTAL_CAP cases (a case counts once).
      const past = new Date(Date.now() - 86_400_000);
      await db.task.createMany({
        data: Array.from({ length: CASE_TOTAL_CAP }, (_, i) => `RS-20261001-${String(i).padStart(8, '0')}`).flatMap((caseId) =>
          ['provider-consent', 'provider-assess'].map((step) => ({ id: `${caseId}:${step}`, caseId, step, assigneeOrgId: 'water', assigneeRole: 'provider-reviewer', status: 'open', decisions: [], dueAt: past, createdAt: past })),
        ),
      });
    });
    after(() => db.$disconnect());

    const totalOf = async (p: Principal, f: Parameters<ReturnType<typeof createCasesRepository>['list']>[1]) => {
      const r = await createCasesRepository(db).list(p, f, { limit: 5, after: null });
      return { total: r.total, totalCapped: r.totalCapped };
    };

    test('exactly CASE_TOTAL_CAP matches: the exact total, not capped; a search counts up to SEARCH_TOTAL_CAP', async () => {
      assert.deepEqual(await totalOf(bdb, { q: '甬数测试' }), { total: SEARCH_TOTAL_CAP, totalCapped: true });
      // 甬数测试1: cases 1, 10–19 and 100–199.
      assert.deepEqual(await totalOf(bdb, { q: '甬数测试1' }), { total: 111, totalCapped: false });
      assert.deepEqual(await totalOf(amr, {}), { total: CASE_TOTAL_CAP, totalCapped: false });
      assert.deepEqual(await totalOf(bdb, { overdue: true }), { total: CASE_TOTAL_CAP, totalCapped: false });
      assert.deepEqual(await totalOf(water, { overdue: true }), { total: CASE_TOTAL_CAP, totalCapped: false });
      assert.deepEqual(await totalOf(water, {}), { total: CASE_TOTAL_CAP, totalCapped: false });
      assert.deepEqual(await totalOf(bdb, { q: '测试99' }), { total: 11, totalCapped: false }); // 99 and 990–999
    });

    test('one more: total is CASE_TOTAL_CAP and totalCapped is true; lists the BDB counts exactly stay exact', async () => {
      const id = 'RS-20261001-99999999';
      await addCases(db, [{ id, title: '受限共享：甬数测试新', applicantOrgId: 'amr', at: at(5000) }]);
      await db.task.create({ data: { id: `${id}:late`, caseId: id, step: 'provider-consent', assigneeOrgId: 'water', assigneeRole: 'provider-reviewer', status: 'open', decisions: [], overdueSince: new Date(), createdAt: new Date() } });
      try {
        assert.deepEqual(await totalOf(bdb, { q: '甬数测试' }), { total: SEARCH_TOTAL_CAP, totalCapped: true });
        assert.deepEqual(await totalOf(amr, {}), { total: CASE_TOTAL_CAP, totalCapped: true });
        assert.deepEqual(await totalOf(bdb, { overdue: true }), { total: CASE_TOTAL_CAP, totalCapped: true });
        assert.deepEqual(await totalOf(water, { overdue: true }), { total: CASE_TOTAL_CAP, totalCapped: true });
        assert.deepEqual(await totalOf(bdb, {}), { total: CASE_TOTAL_CAP + 1, totalCapped: false });
      } finally {
        await db.task.delete({ where: { id: `${id}:late` } });
        await db.caseSearchTerm.deleteMany({ where: { caseId: id } });
        await db.case.delete({ where: { id } });
      }
    });

    test('overdue=true pages through the cases with a late task, newest first: the provider its own late tasks, the applicant its applications', async () => {
      const late = (await db.case.findMany({ where: { tasks: { some: { status: 'open' } } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } })).map((c) => c.id);
      assert.equal(late.length, CASE_TOTAL_CAP);
      assert.deepEqual(await allPages(db, bdb, { overdue: true }, 97), late);
      assert.deepEqual(await allPages(db, water, { overdue: true }, 200), late);
      assert.deepEqual(await allPages(db, amr, { overdue: true }, 200), late);
      const psb = user('psb', ['provider-reviewer']);
      assert.deepEqual(await allPages(db, psb, { overdue: true }, 200), []);
      assert.deepEqual(await totalOf(psb, { overdue: true }), { total: 0, totalCapped: false });
      assert.deepEqual(await allPages(db, bdb, { overdue: true, q: '测试99' }, 4), late.filter((id) => /^RS-20261001-0000(0099|099\d)$/.test(id)));
    });

    test('following the cursors of a search visits every match once, newest first, while matching cases are added', async () => {
      const expected = (await db.case.findMany({ where: { title: { contains: '测试9' } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } })).map((c) => c.id);
      const added: string[] = [];
      const seen = await allPages(db, bdb, { q: '测试9' }, 7, async (page) => {
        // A new match: at the top (before the cursor: not shown), or far down the list (shown when reached).
        const id = `RS-20261001-A${String(page).padStart(7, '0')}`;
        added.push(id);
        await addCases(db, [{ id, title: `受限共享：甬数测试9新${page}`, applicantOrgId: 'amr', at: page % 2 ? at(9000 + page) : at(5) }]);
      });
      try {
        assert.equal(new Set(seen).size, seen.length, 'no case twice');
        assert.deepEqual(seen.filter((id) => !added.includes(id)), expected);
      } finally {
        await db.caseSearchTerm.deleteMany({ where: { caseId: { in: added } } });
        await db.case.deleteMany({ where: { id: { in: added } } });
      }
    });
  });
}
