/**
 * Paging and search on every list (API.md "Lists, paging and search"):
 * following the cursors visits every row once while rows are being added,
 * limits and cursors are checked at the edge, and cases can be found by id,
 * title word, applicant organisation, or because a task on them is overdue.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { as, assertError, caseOf, type Client, decide, fileCase, type Json, openTask, rsPayload } from './client';
import { createDb, type Db } from '../../db/client';

let haishu: Client; // 海曙区大数据发展管理局, an applicant
let reviewer: Client; // bdb.reviewer: every case's first task
let amr: Client; // two roles: applicant and provider-reviewer
let water: Client;
let admin: Client;
let db: Db;

before(async () => {
  [haishu, reviewer, amr, water, admin] = await Promise.all([as('haishu.bdb'), as('bdb.reviewer'), as('amr.applicant'), as('water.provider'), as('admin')]);
  assert.ok(process.env.DATABASE_URL, 'DATABASE_URL is set by npm test');
  db = createDb(process.env.DATABASE_URL);
});
after(async () => {
  await db?.$disconnect();
});

const withQuery = (path: string, extra: string) => `${path}${path.includes('?') ? '&' : '?'}${extra}`;

/**
 * Follows `nextCursor` from the first page to the last, calling `between`
 * after each page that has a next one (to add rows meanwhile).
 */
async function walk(c: Client, path: string, limit: number, between?: (page: number) => Promise<void>): Promise<{ items: Json[]; pages: number; firstTotal: number }> {
  const items: Json[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let firstTotal = -1;
  do {
    const r = await c.get(withQuery(path, `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    assert.equal(r.status, 200, r.text);
    assert.ok(Array.isArray(r.body.items) && r.body.items.length <= limit, `a page holds at most ${limit}`);
    assert.equal(typeof r.body.total, 'number');
    if (firstTotal < 0) firstTotal = r.body.total;
    if (r.body.nextCursor !== null) {
      assert.equal(r.body.items.length, limit, 'only the last page is short');
      assert.match(r.body.nextCursor, /^[A-Za-z0-9_-]+$/, 'the cursor is base64url');
    }
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
    pages++;
    assert.ok(pages < 1000, 'the walk ends');
    if (cursor && between) await between(pages);
  } while (cursor);
  return { items, pages, firstTotal };
}

const ids = (items: Json[], key = 'id'): string[] => items.map((x) => String(x[key]));
function assertOnce(seen: string[], expected: string[], what: string): void {
  assert.equal(new Set(seen).size, seen.length, `${what}: a row came twice`);
  const set = new Set(seen);
  for (const id of expected) assert.ok(set.has(id), `${what}: ${id} was missed`);
}

describe('GET /cases pages newest first', () => {
  test('every case once, in order, while cases are filed between pages', async () => {
    const known = [];
    for (let i = 0; i < 5; i++) known.push(await fileCase(haishu));
    const added: string[] = [];
    const mine = await walk(haishu, '/cases?mine=true', 2, async () => {
      added.push(await fileCase(haishu));
    });
    assert.ok(mine.pages >= 3);
    assert.ok(mine.firstTotal >= known.length);
    assertOnce(ids(mine.items), known, 'mine=true');
    for (const c of mine.items) assert.equal(c.applicant.org.id, 'haishu-bdb');
    // Newest first: the cases filed during the walk are newer than the first page, so none appears.
    for (const id of added) assert.ok(!ids(mine.items).includes(id), `${id}, filed during the walk, showed up`);
    for (let i = 1; i < mine.items.length; i++) assert.ok(mine.items[i - 1].createdAt >= mine.items[i].createdAt, 'newest first');
    // Each row keeps its shape.
    assert.deepEqual(Object.keys(mine.items[0]).sort(), ['applicant', 'createdAt', 'currentSteps', 'id', 'status', 'title', 'type', 'updatedAt', 'workflowId']);

    // The BDB sees every case: the same holds across everyone's.
    const all = await walk(reviewer, '/cases', 7, async (page) => {
      if (page <= 5) await fileCase(haishu);
    });
    assertOnce(ids(all.items), [...known, ...added], 'every case');
  });

  test('limit is 1–200 (default 50); a bad or foreign cursor is a 400', async () => {
    for (const limit of ['0', '201', '-1', '1.5', 'abc', '']) assertError(await reviewer.get(`/cases?limit=${limit}`), 400, 'bad_request', { fields: ['limit'] });
    const max = await reviewer.get('/cases?limit=200');
    assert.equal(max.status, 200, max.text);
    const dflt = await reviewer.get('/cases');
    assert.ok(dflt.body.items.length <= 50);
    if (dflt.body.total > 50) assert.equal(dflt.body.items.length, 50);
    for (const cursor of ['garbage!', 'eyJrIjoiY2FzZSJ9', Buffer.from('{"k":"audit","s":3}').toString('base64url'), Buffer.from('[1,2]').toString('base64url'), 'x'.repeat(700)]) {
      assertError(await reviewer.get(`/cases?cursor=${encodeURIComponent(cursor)}`), 400, 'bad_request', { fields: ['cursor'] });
    }
    // A task cursor is no case cursor, and an open-inbox cursor is no done-inbox cursor.
    const taskPage = await reviewer.get('/tasks?limit=1');
    if (taskPage.body.nextCursor) {
      assertError(await reviewer.get(`/cases?cursor=${taskPage.body.nextCursor}`), 400, 'bad_request', { fields: ['cursor'] });
      assertError(await reviewer.get(`/tasks?status=done&cursor=${taskPage.body.nextCursor}`), 400, 'bad_request', { fields: ['cursor'] });
    }
    assertError(await reviewer.get('/tasks?limit=201'), 400, 'bad_request', { fields: ['limit'] });
    assertError(await reviewer.get('/tasks?limit=0'), 400, 'bad_request', { fields: ['limit'] });
    assertError(await reviewer.get('/tasks?cursor=%7B%7D'), 400, 'bad_request', { fields: ['cursor'] });
    assertError(await admin.get('/admin/audit?limit=0'), 400, 'bad_request', { fields: ['limit'] });
    assertError(await admin.get('/admin/audit?limit=201'), 400, 'bad_request', { fields: ['limit'] });
    assertError(await admin.get('/admin/audit?cursor=bm9wZQ'), 400, 'bad_request', { fields: ['cursor'] });
  });
});

describe('GET /cases searches', () => {
  let byTitle: string;
  let plain: string;
  before(async () => {
    // 行政处罚信息 (NB-AMR-0002) names the case's title.
    byTitle = await fileCase(haishu, rsPayload({ resources: ['NB-AMR-0002'], dataItems: ['处罚决定书文号'] }));
    plain = await fileCase(haishu);
  });

  test('q matches the case id (any case, any part), a title word, and the applicant organisation', async () => {
    const exact = await reviewer.get(`/cases?q=${encodeURIComponent(byTitle)}`);
    assert.deepEqual(ids(exact.body.items), [byTitle]);
    assert.equal(exact.body.total, 1);
    const lower = await reviewer.get(`/cases?q=${encodeURIComponent(byTitle.slice(-8).toLowerCase())}`);
    assert.ok(ids(lower.body.items).includes(byTitle), `lower-case part of ${byTitle}`);

    const word = await walk(reviewer, `/cases?q=${encodeURIComponent('行政处罚')}`, 50);
    assert.ok(ids(word.items).includes(byTitle));
    assert.ok(!ids(word.items).includes(plain));
    for (const c of word.items) assert.match(c.title, /行政处罚/);
    assert.equal(word.firstTotal, word.items.length, 'total counts the matches');

    const org = await walk(reviewer, `/cases?q=${encodeURIComponent('海曙区')}`, 100);
    assert.ok(ids(org.items).includes(byTitle) && ids(org.items).includes(plain));
    for (const c of org.items) assert.ok(c.applicant.org.name.includes('海曙区') || c.title.includes('海曙区'), `${c.id} does not match 海曙区`);

    // Several words: each must match (here the applicant and the title).
    const both = await walk(reviewer, `/cases?q=${encodeURIComponent('海曙区 行政处罚')}`, 100);
    assert.ok(ids(both.items).includes(byTitle) && !ids(both.items).includes(plain));
    // LIKE's wildcards are no wildcards here.
    for (const q of ['%', '_', '%%', '\\']) assert.equal((await reviewer.get(`/cases?q=${encodeURIComponent(q)}`)).body.total, 0, `q=${q}`);
    assert.ok(ids((await reviewer.get(`/cases?q=${encodeURIComponent(`${byTitle.slice(0, 6)}%${byTitle.slice(7)}`)}`)).body.items).includes(byTitle));

    const none = await reviewer.get(`/cases?q=${encodeURIComponent('没有这样的办件-' + Date.now())}`);
    assert.deepEqual(none.body, { items: [], nextCursor: null, total: 0, totalCapped: false });
    assertError(await reviewer.get(`/cases?q=${'长'.repeat(101)}`), 400, 'bad_request', { fields: ['q'] });
  });

  test('search never widens what a caller may see', async () => {
    // Water holds no task on haishu's cases: it finds none of them, even by id.
    const r = await water.get(`/cases?q=${encodeURIComponent(byTitle)}`);
    assert.deepEqual(r.body.items, []);
    assert.equal(r.body.total, 0);
    const mineOnly = await walk(haishu, `/cases?mine=true&q=${encodeURIComponent('受限共享')}`, 200);
    for (const c of mineOnly.items) assert.equal(c.applicant.org.id, 'haishu-bdb');
  });

  test('overdue=true: cases with an open task past its deadline', async () => {
    const late = await fileCase(haishu);
    const review = await openTask(reviewer, late, 'bdb-review');
    // The deadline passes: move it into the past in the projection (the worker's timer is not needed to list it).
    await db.task.update({ where: { id: review.id }, data: { dueAt: new Date(Date.now() - 3_600_000) } });
    try {
      const overdue = await walk(reviewer, '/cases?overdue=true', 50);
      assert.ok(ids(overdue.items).includes(late));
      assert.ok(!ids(overdue.items).includes(plain), 'a case on time is not listed');
      for (const id of ids(overdue.items).slice(0, 10)) {
        const c = await caseOf(reviewer, id);
        assert.ok(c.deadlines.some((d: Json) => d.overdue), `${id} has no overdue task`);
      }
      const combined = await reviewer.get(`/cases?overdue=true&q=${encodeURIComponent(late)}`);
      assert.deepEqual(ids(combined.body.items), [late]);
      const task = (await reviewer.get(`/tasks?caseId=${encodeURIComponent(late)}`)).body.items[0];
      assert.equal(task.overdue, true);
    } finally {
      // Put it back and close the case, so no other test meets an overdue task it did not make.
      await db.task.update({ where: { id: review.id }, data: { dueAt: review.dueAt ? new Date(review.dueAt) : null } });
      const w = await haishu.post(`/cases/${late}/withdraw`, { reason: '测试结束' });
      assert.equal(w.status, 200, w.text);
    }
  });
});

describe('GET /tasks pages the inbox, most urgent first', () => {
  const beforeInOrder = (a: Json, b: Json): boolean => {
    if (a.dueAt === null) return b.dueAt === null && a.createdAt <= b.createdAt;
    if (b.dueAt === null) return true;
    const da = new Date(a.dueAt).getTime();
    const dbt = new Date(b.dueAt).getTime();
    return da < dbt || (da === dbt && a.createdAt <= b.createdAt);
  };

  test('every open task once, in order, while tasks arrive between pages', async () => {
    const cases = [];
    for (let i = 0; i < 4; i++) cases.push(await fileCase(haishu));
    const known = [];
    for (const id of cases) known.push((await openTask(reviewer, id, 'bdb-review')).id as string);
    const inbox = await walk(reviewer, '/tasks', 3, async (page) => {
      if (page > 5) return;
      const id = await fileCase(haishu);
      await openTask(reviewer, id, 'bdb-review');
    });
    assertOnce(ids(inbox.items), known, 'open inbox');
    for (const t of inbox.items) {
      assert.equal(t.status, 'open');
      assert.equal(t.assignee.org.id, 'bdb');
      assert.equal(t.assignee.role, 'bdb-reviewer');
    }
    for (let i = 1; i < inbox.items.length; i++) assert.ok(beforeInOrder(inbox.items[i - 1], inbox.items[i]), `out of order at ${i}: ${inbox.items[i - 1].id} then ${inbox.items[i].id}`);
  });

  test('tasks without a deadline come after those with one, across pages', async () => {
    // Two of the caller's tasks lose their deadline: they move to the end of the inbox.
    const a = await fileCase(haishu);
    const b = await fileCase(haishu);
    const [ta, tb] = [await openTask(reviewer, a, 'bdb-review'), await openTask(reviewer, b, 'bdb-review')];
    await db.task.updateMany({ where: { id: { in: [ta.id, tb.id] } }, data: { dueAt: null } });
    try {
      const inbox = await walk(reviewer, '/tasks', 2);
      assertOnce(ids(inbox.items), [ta.id, tb.id], 'with and without deadlines');
      const firstUndated = inbox.items.findIndex((t: Json) => t.dueAt === null);
      assert.ok(firstUndated >= 0);
      for (const t of inbox.items.slice(firstUndated)) assert.equal(t.dueAt, null, 'a dated task after an undated one');
      assert.deepEqual(ids(inbox.items.slice(-2)).sort(), [ta.id, tb.id].sort(), 'the undated tasks come last');
    } finally {
      for (const t of [ta, tb]) await db.task.update({ where: { id: t.id }, data: { dueAt: t.dueAt ? new Date(t.dueAt) : null } });
    }
    for (const id of [a, b]) assert.equal((await haishu.post(`/cases/${id}/withdraw`, {})).status, 200);
  });

  test('a caller with two roles gets one merged order across both, each task once', async () => {
    // amr.applicant is both applicant and provider-reviewer: provider tasks of NB-AMR-0002 reach it.
    const known = [];
    for (let i = 0; i < 3; i++) {
      const id = await fileCase(haishu, rsPayload({ resources: ['NB-AMR-0002'], dataItems: ['处罚决定书文号'] }));
      const review = await openTask(reviewer, id, 'bdb-review');
      await decide(reviewer, review.id, { decision: 'approve' });
      known.push((await openTask(amr, id, 'provider-consent')).id as string);
    }
    const inbox = await walk(amr, '/tasks', 1);
    assertOnce(ids(inbox.items), known, 'two-role inbox');
    for (const t of inbox.items) assert.equal(t.assignee.org.id, 'amr');
    for (let i = 1; i < inbox.items.length; i++) assert.ok(beforeInOrder(inbox.items[i - 1], inbox.items[i]), `out of order at ${i}`);

    // Decided, they move to the done list, latest first, also paged.
    for (const id of known) await decide(amr, id, { decision: 'agree' });
    const done = await walk(amr, '/tasks?status=done', 2);
    assertOnce(ids(done.items), known, 'done inbox');
    for (let i = 1; i < done.items.length; i++) assert.ok((done.items[i - 1].completedAt ?? '') >= (done.items[i].completedAt ?? ''), 'latest first');
  });

  test('caseId, type (or caseType) and step narrow the inbox', async () => {
    const id = await fileCase(haishu);
    const review = await openTask(reviewer, id, 'bdb-review');
    const one = await reviewer.get(`/tasks?caseId=${encodeURIComponent(id)}`);
    assert.deepEqual(ids(one.body.items), [review.id]);
    assert.equal(one.body.total, 1);
    assert.equal(one.body.nextCursor, null);
    const step = await walk(reviewer, '/tasks?step=bdb-review&type=restricted-share', 50);
    assert.ok(ids(step.items).includes(review.id));
    for (const t of step.items) assert.equal(t.step, 'bdb-review');
    const other = await reviewer.get('/tasks?step=provider-consent');
    assert.deepEqual(other.body.items, [], 'the reviewer holds no provider tasks');
    const legacy = await reviewer.get(`/tasks?caseType=restricted-share&caseId=${encodeURIComponent(id)}`);
    assert.deepEqual(ids(legacy.body.items), [review.id]);
    // Another organisation's case id finds nothing of theirs.
    assert.deepEqual((await water.get(`/tasks?caseId=${encodeURIComponent(id)}`)).body.items, []);
    assertError(await reviewer.get('/tasks?step=nope'), 400, 'bad_request', { fields: ['step'] });
    assertError(await reviewer.get('/tasks?type=nope'), 400, 'bad_request', { fields: ['type'] });
  });
});

describe('GET /admin/audit pages the log, newest first', () => {
  test('every entry once while entries are appended between pages; filters still apply', async () => {
    const id = await fileCase(haishu);
    // Each view of the case by a different user appends an entry (one per viewer and window).
    for (const c of [reviewer, haishu, admin, await as('bdb.coordinator')]) await caseOf(c, id);
    const target = `case:${id}`;
    const first = await admin.get(`/admin/audit?target=${encodeURIComponent(target)}`);
    const known = first.body.items.map((e: Json) => e.seq as number);
    assert.ok(known.length >= 4, `entries for ${target}: ${first.text}`);
    const log = await walk(admin, `/admin/audit?target=${encodeURIComponent(target)}`, 1, async () => {
      await fileCase(haishu); // appends case-file entries elsewhere in the log
    });
    assertOnce(log.items.map((e: Json) => String(e.seq)), known.map(String), 'audit log');
    for (const e of log.items) assert.ok(e.target.includes(target));
    for (let i = 1; i < log.items.length; i++) assert.ok(log.items[i - 1].seq > log.items[i].seq, 'newest first');
    assert.equal(log.firstTotal, known.length);

    const whole = await walk(admin, '/admin/audit', 200, async (page) => {
      if (page < 3) await caseOf(admin, id);
    });
    const seqs = whole.items.map((e: Json) => e.seq as number);
    assert.equal(new Set(seqs).size, seqs.length);
    for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i - 1]! - 1, seqs[i], 'no entry skipped');
  });
});
