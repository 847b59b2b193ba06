/**
 * The IT project review over HTTP (PROCEDURES §7, Art. 8, 9, 11; API.md "IT
 * project review: the opinion"): who files, every refusal at filing, the review
 * decisions and the numbered opinion present in the decision's answer, 抄送 to
 * the investment and finance authorities (listed, read, someone else's 404),
 * what a recipient may see, withdrawal, and completion → acceptance check →
 * fail → re-report → accepted.
 */
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { as, assertError, caseOf, type Client, decide, type Json, openTask, waitFor } from './client';
import { createDb, type Db } from '../../db/client';
import { toShanghaiDate } from '../../domain/calendar';

let amr: Client; // the owner: an agency
let water: Client; // a public service unit
let haishu: Client; // a district BDB
let reviewer: Client;
let ndrc: Client;
let finance: Client;
let psb: Client;
let acme: Client;
let citizen: Client;
let db: Db;

/** Catalog entries amr registers for its projects, collected today (Art. 26), and one whose cycle has lapsed. */
const FRESH = [`NB-AMR-IT${crypto.randomInt(1e6)}A`, `NB-AMR-IT${crypto.randomInt(1e6)}B`];
const STALE = `NB-AMR-IT${crypto.randomInt(1e6)}S`;

before(async () => {
  [amr, water, haishu, reviewer, ndrc, finance, psb, acme, citizen] = await Promise.all([
    as('amr.applicant'),
    as('water.provider'),
    as('haishu.bdb'),
    as('bdb.reviewer'),
    as('ndrc.opinion'),
    as('finance.opinion'),
    as('psb.provider'),
    as('acme.applicant'),
    as('citizen.zhang'),
  ]);
  assert.ok(process.env.DATABASE_URL, 'DATABASE_URL is set by npm test');
  db = createDb(process.env.DATABASE_URL);
  const base = { system: '项目测试系统', dataItems: ['字段'], storageFormat: '数据库', shareClass: 'unconditional', openClass: 'none', provisionMethod: '接口', sharePeriodDays: 365, providerId: 'amr' };
  for (const [code, lastUpdatedAt] of [[FRESH[0]!, new Date()], [FRESH[1]!, new Date()], [STALE, new Date('2026-01-01T00:00:00+08:00')]] as const) {
    await db.resource.create({ data: { ...base, code, name: `项目数据 ${code}`, updateCycle: 'daily', lastUpdatedAt } });
  }
});
after(async () => {
  await db?.$disconnect();
});

const project = (over: Record<string, unknown> = {}) => ({
  projectName: `智慧市场监管平台 ${crypto.randomUUID().slice(0, 6)}`,
  investmentWan: 1280.5,
  content: '建设市场主体信用监管、移动执法和数据分析模块',
  buildsOwnCloudOrDataCenter: false,
  dataCatalog: [
    { name: '企业信用评价', dataItems: ['统一社会信用代码', '信用等级'], shareClass: 'unconditional', openClass: 'conditional' },
    { name: '移动执法记录', dataItems: ['检查编号', '检查结果'], shareClass: 'restricted', openClass: 'none' },
  ],
  sharingPlan: '通过市公共数据平台按目录共享',
  plannedCompletion: '2027-06-30',
  ...over,
});
const file = (c: Client, payload: Record<string, unknown>) => c.post('/cases', { type: 'it-project', payload });
async function filed(c: Client = amr, over: Record<string, unknown> = {}): Promise<string> {
  const r = await file(c, project(over));
  assert.equal(r.status, 201, r.text);
  assert.match(r.body.id, /^IT-/);
  return r.body.id as string;
}
const review = async (id: string) => (await openTask(reviewer, id, 'bdb-review')).id as string;
const OPINION_NUMBER = /^甬数审〔(\d{4})〕(\d+)号$/;

describe('IT project: filing', () => {
  test('an agency, a public service unit and a district BDB file; citizens, companies and recipients may not (403)', async () => {
    for (const c of [amr, water, haishu]) await filed(c);
    for (const c of [acme, citizen, ndrc]) assertError(await file(c, project()), 403, 'forbidden');
  });

  test('its own cloud or data centre is refused citing Art. 8; no catalog entry citing Art. 11', async () => {
    const cloud = await file(amr, project({ buildsOwnCloudOrDataCenter: true }));
    assertError(cloud, 422, 'rule_refused', { fields: ['buildsOwnCloudOrDataCenter'], article: '第8条' });
    assert.match(cloud.body.error.message, /市大数据中心/);
    assertError(await file(amr, project({ dataCatalog: [] })), 422, 'rule_refused', { fields: ['dataCatalog'], article: '第11条' });
  });

  test('a planned completion before today (Shanghai) is a validation error on the field; today is fine', async () => {
    assertError(await file(amr, project({ plannedCompletion: '2020-01-01' })), 422, 'validation_failed', { fields: ['plannedCompletion'] });
    await filed(amr, { plannedCompletion: toShanghaiDate(new Date()) });
  });

  test('every bad field is named', async () => {
    const r = await file(amr, { projectName: '', investmentWan: 12.345, content: 'x', buildsOwnCloudOrDataCenter: 'no', dataCatalog: [{ name: 'a', dataItems: [], shareClass: 'open', openClass: 'none' }], sharingPlan: 'y', plannedCompletion: '2027-02-30' });
    assertError(r, 422, 'validation_failed', { fieldsInclude: ['projectName', 'investmentWan', 'buildsOwnCloudOrDataCenter', 'dataCatalog.0.dataItems', 'dataCatalog.0.shareClass', 'plannedCompletion'] });
    assertError(await file(amr, project({ investmentWan: 0 })), 422, 'validation_failed', { fields: ['investmentWan'] });
    assertError(await file(amr, project({ investmentWan: 10_000_000.01 })), 422, 'validation_failed', { fields: ['investmentWan'] });
  });
});

describe('IT project: review and the opinion', () => {
  test('approve: the answer already carries the numbered opinion; the history names it under Art. 9; ndrc and finance get a copy', async () => {
    const id = await filed();
    const c = await decide(reviewer, await review(id), { decision: 'approve', comment: '同意建设' });
    const opinion = c.outcome.opinion;
    assert.match(opinion.number, OPINION_NUMBER);
    assert.equal(OPINION_NUMBER.exec(opinion.number)![1], toShanghaiDate(new Date(opinion.issuedAt)).slice(0, 4), 'the year of the decision in Asia/Shanghai');
    assert.equal(opinion.decision, 'approve');
    assert.match(opinion.issuedAt, /\+08:00$/);
    assert.deepEqual(opinion.copiedTo.map((o: Json) => o.id).sort(), ['finance', 'ndrc'], 'copied to every organisation holding opinion-recipient');
    const entry = c.history.find((h: Json) => h.action === 'opinion-issued');
    assert.equal(entry.article, '第9条');
    assert.ok(entry.comment.includes(opinion.number));
    assert.equal((await caseOf(amr, id)).outcome.opinion.number, opinion.number, 'GET /cases/{id} right after shows it');
    await openTask(amr, id, 'owner-report-completion');

    for (const recipient of [ndrc, finance]) {
      const item = await waitFor('a cc item', async () => {
        const r = await recipient.get('/tasks?kind=cc&status=open&limit=200');
        assert.equal(r.status, 200, r.text);
        assert.equal(typeof r.body.total, 'number');
        return (r.body.items as Json[]).find((x) => x.caseId === id);
      });
      assert.deepEqual([item.kind, item.caseType, item.step, item.opinionNumber, item.readAt, item.readBy], ['cc', 'it-project', 'opinion-cc', opinion.number, null, null]);
      assert.ok(item.title.includes(opinion.number) && item.title.includes(c.payload.projectName), item.title);
    }
  });

  test('a cc item is read once (idempotent), is nobody else’s, and never shows in the task inbox', async () => {
    const id = await filed();
    await decide(reviewer, await review(id), { decision: 'approve' });
    const item = await waitFor('a cc item', async () => ((await ndrc.get('/tasks?kind=cc&status=open&limit=200')).body.items as Json[]).find((x) => x.caseId === id));
    const ofCase = (await ndrc.get(`/tasks?kind=cc&status=open&caseId=${id}`)).body;
    assert.deepEqual(ofCase.items.map((x: Json) => x.id), [item.id], 'caseId narrows the copies to the case (the opinion page asks so)');
    assertError(await finance.post(`/tasks/${item.id}/read`, {}), 404, 'not_found');
    assertError(await amr.post(`/tasks/${item.id}/read`, {}), 404, 'not_found');
    const first = await ndrc.post(`/tasks/${item.id}/read`, {});
    assert.equal(first.status, 200, first.text);
    assert.ok(first.body.readAt);
    assert.equal(first.body.readBy.name, '孙发改');
    const again = await ndrc.post(`/tasks/${item.id}/read`, {});
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body, 'a second read changes nothing');
    const open = (await ndrc.get('/tasks?kind=cc&status=open&limit=200')).body.items as Json[];
    assert.ok(!open.some((x) => x.id === item.id));
    const done = (await ndrc.get('/tasks?kind=cc&status=done&limit=200')).body.items as Json[];
    assert.ok(done.some((x) => x.id === item.id));
    assert.equal(((await ndrc.get('/tasks?status=open')).body.items as Json[]).length, 0, 'the normal inbox holds no cc item');
    assert.deepEqual((await amr.get('/tasks?kind=cc')).body, { items: [], nextCursor: null, total: 0 }, 'no cc for an organisation without the role');
    const supervision = await reviewer.get('/stats/supervision');
    assert.equal(supervision.status, 200, supervision.text);
    assert.ok(!(supervision.body.items as Json[]).some((x) => x.org.id === 'ndrc' || x.org.id === 'finance'), 'cc items count in no supervision figure');
    const audit = await (await as('admin')).get(`/admin/audit?target=${encodeURIComponent(`case:${id}`)}`);
    assert.ok((audit.body.items as Json[]).filter((e) => e.action === 'opinion-cc-read').length === 1, 'the read is audited once');
  });

  test('a recipient reads the case (payload, outcome, history), with nothing to act on; another agency sees nothing', async () => {
    const id = await filed();
    await decide(reviewer, await review(id), { decision: 'approve-with-conditions', conditions: '须接入市公共数据平台' });
    const seen = await waitFor('ndrc sees the case', async () => {
      const r = await ndrc.get(`/cases/${id}`);
      return r.status === 200 ? r.body : null;
    });
    assert.equal(seen.outcome.opinion.conditions, '须接入市公共数据平台');
    assert.equal(seen.payload.dataCatalog.length, 2);
    assert.ok(seen.history.some((h: Json) => h.action === 'opinion-issued'));
    assert.deepEqual([seen.openTasks, seen.tasks, seen.canWithdraw], [[], [], false]);
    assertError(await psb.get(`/cases/${id}`), 404, 'not_found');
  });

  test('approve-with-conditions needs conditions; return and reject need a reason (422)', async () => {
    const id = await filed();
    const t = await review(id);
    assertError(await reviewer.post(`/tasks/${t}/decision`, { decision: 'approve-with-conditions' }), 422, 'rule_refused', { fields: ['conditions'], article: '第9条' });
    assertError(await reviewer.post(`/tasks/${t}/decision`, { decision: 'return' }), 422, 'rule_refused', { fields: ['comment'] });
    assertError(await reviewer.post(`/tasks/${t}/decision`, { decision: 'reject' }), 422, 'rule_refused', { fields: ['comment'] });
  });

  test('return → a resubmit is checked as at filing → approved; return issues no opinion', async () => {
    const id = await filed();
    await decide(reviewer, await review(id), { decision: 'return', comment: '请补充共享方案' });
    const amend = await openTask(amr, id, 'owner-amend');
    assert.equal((await caseOf(amr, id)).outcome.opinion, null);
    assertError(await amr.post(`/tasks/${amend.id}/decision`, { decision: 'resubmit', payload: project({ buildsOwnCloudOrDataCenter: true }) }), 422, 'rule_refused', { fields: ['payload.buildsOwnCloudOrDataCenter'], article: '第8条' });
    assertError(await amr.post(`/tasks/${amend.id}/decision`, { decision: 'resubmit', payload: project({ dataCatalog: [] }) }), 422, 'rule_refused', { fields: ['payload.dataCatalog'], article: '第11条' });
    assertError(await amr.post(`/tasks/${amend.id}/decision`, { decision: 'resubmit', payload: project({ plannedCompletion: '2020-01-01' }) }), 422, 'validation_failed', { fields: ['payload.plannedCompletion'] });
    const amended = project({ sharingPlan: '按目录通过市公共数据平台共享，并开放企业信用评价' });
    await decide(amr, amend.id, { decision: 'resubmit', payload: amended });
    assert.equal((await caseOf(amr, id)).payload.sharingPlan, amended.sharingPlan);
    const c = await decide(reviewer, await review(id), { decision: 'approve' });
    assert.match(c.outcome.opinion.number, OPINION_NUMBER);
  });

  test('reject: rejected with its opinion, copied to the authorities', async () => {
    const id = await filed();
    const c = await decide(reviewer, await review(id), { decision: 'reject', comment: '与已建系统重复' });
    assert.equal(c.status, 'rejected');
    assert.equal(c.outcome.opinion.decision, 'reject');
    assert.equal(c.outcome.opinion.comment, '与已建系统重复');
    await waitFor('finance has the copy', async () => ((await finance.get('/tasks?kind=cc&limit=200')).body.items as Json[]).some((x) => x.caseId === id));
  });

  test('the owner withdraws in review or amend; not once the opinion is issued (409); withdraw at owner-amend', async () => {
    const inReview = await filed();
    await openTask(reviewer, inReview, 'bdb-review');
    const w = await amr.post(`/cases/${inReview}/withdraw`, { reason: '项目暂缓' });
    assert.equal(w.status, 200, w.text);
    assert.equal(w.body.status, 'withdrawn');

    const inAmend = await filed();
    await decide(reviewer, await review(inAmend), { decision: 'return', comment: '请修改' });
    await decide(amr, (await openTask(amr, inAmend, 'owner-amend')).id, { decision: 'withdraw' });
    assert.equal((await caseOf(amr, inAmend)).status, 'withdrawn');

    const approved = await filed();
    await decide(reviewer, await review(approved), { decision: 'approve' });
    assertError(await amr.post(`/cases/${approved}/withdraw`, {}), 409, 'conflict');
  });
});

describe('IT project: completion and acceptance', () => {
  test('complete names one resource per entry; a failed check blocks accept; fail → re-report → accepted', async () => {
    const id = await filed();
    await decide(reviewer, await review(id), { decision: 'approve' });
    const report = await openTask(amr, id, 'owner-report-completion');
    assert.equal(report.dueAt, null, 'no deadline: the owner is not late before it reports');
    assert.ok((await caseOf(amr, id)).outcome.nextReminderAt.startsWith('2027-06-30T09:00:00'), 'first reminder at the planned completion date, 09:00');
    assertError(await amr.post(`/tasks/${report.id}/decision`, { decision: 'complete', registeredResources: [FRESH[0]] }), 422, 'rule_refused', { fields: ['registeredResources'], article: '第11条' });
    assertError(await amr.post(`/tasks/${report.id}/decision`, { decision: 'complete' }), 422, 'rule_refused', { fields: ['registeredResources'] });

    // One entry points at a lapsed resource, the other at psb's (collected, but not the owner's): the check fails on both.
    await decide(amr, report.id, { decision: 'complete', registeredResources: [STALE, 'NB-PSB-0001'] });
    const acceptance = await openTask(reviewer, id, 'bdb-acceptance');
    const check = (await caseOf(reviewer, id)).outcome.acceptanceCheck;
    assert.equal(check.passed, false);
    assert.deepEqual(check.entries.map((e: Json) => [e.resourceCode, e.inCatalog, e.ownedByOwner, e.collected]), [[STALE, true, true, false], ['NB-PSB-0001', true, false, true]]);
    assertError(await reviewer.post(`/tasks/${acceptance.id}/decision`, { decision: 'accept' }), 422, 'rule_refused', { article: '第11条' });
    assertError(await reviewer.post(`/tasks/${acceptance.id}/decision`, { decision: 'fail' }), 422, 'rule_refused', { fields: ['comment'] });
    await decide(reviewer, acceptance.id, { decision: 'fail', comment: '数据未归集' });
    const failed = (await caseOf(amr, id)).history.find((h: Json) => h.action === 'acceptance-failed');
    assert.ok(failed.comment.includes(STALE) && failed.comment.includes('NB-PSB-0001'), failed.comment);

    const again = await openTask(amr, id, 'owner-report-completion');
    await decide(amr, again.id, { decision: 'complete', registeredResources: FRESH });
    const second = await openTask(reviewer, id, 'bdb-acceptance');
    assert.equal((await caseOf(reviewer, id)).outcome.acceptanceCheck.passed, true);
    const done = await decide(reviewer, second.id, { decision: 'accept' });
    assert.equal(done.status, 'accepted');
    assert.deepEqual(done.outcome.registeredResources, FRESH);
  });
});
