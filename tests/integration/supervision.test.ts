/**
 * Supervision (Art. 34–35; API.md "Supervision"; issue #10 item 4): who may see
 * it, how a bad period is refused, the figures' shape and what they count —
 * checked against a task decided in this test, through the tasks behind the
 * figure — and the CSV export for Excel. Other tests decide tasks at the same
 * time, so figures are checked by what must hold, not by exact totals.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, API, as, assertError, type Client, decide, fileCase, type Json, openTask } from './client';
import { createWorkingDayCalendar, toShanghaiDate, type PublishedYear } from '../../domain/calendar';
import { createWorkingDaysToAnswer } from '../../domain/supervision/figures';

let amr: Client;
let reviewer: Client;
let coordinator: Client;
let psb: Client;
let admin: Client;

const FIGURES = ['tasksHandled', 'tasksOnTime', 'onTimeRate', 'avgWorkingDaysToAnswer', 'openOverdue', 'problemReportsReceived', 'problemReportsClosed', 'closureRate', 'problemListEntries'];

before(async () => {
  [amr, reviewer, coordinator, psb, admin] = await Promise.all([as('amr.applicant'), as('bdb.reviewer'), as('bdb.coordinator'), as('psb.provider'), as('admin')]);
});

describe('who may see supervision', () => {
  test('the BDB reviewer, coordinator and admin may; a provider, an applicant and nobody signed in may not', async () => {
    for (const c of [reviewer, coordinator, admin]) assert.equal((await c.get('/stats/supervision')).status, 200, c.username ?? '');
    for (const c of [psb, amr]) {
      assertError(await c.get('/stats/supervision'), 403, 'forbidden');
      assertError(await c.get('/stats/supervision.csv'), 403, 'forbidden');
      assertError(await c.get('/stats/supervision/tasks?org=x&figure=handled'), 403, 'forbidden');
      assertError(await c.get('/stats/supervision/cases?org=x&figure=reports'), 403, 'forbidden');
    }
    assertError(await anonymous().get('/stats/supervision'), 401, 'unauthenticated');
  });
});

describe('a bad period is a 400 naming the field', () => {
  test('dates that are not YYYY-MM-DD, or not real', async () => {
    assertError(await coordinator.get('/stats/supervision?from=2026-13-01'), 400, 'bad_request', { fields: ['from'] });
    assertError(await coordinator.get('/stats/supervision?to=30%2F11%2F2026'), 400, 'bad_request', { fields: ['to'] });
    assertError(await coordinator.get('/stats/supervision?from=2026-02-30&to=2026-03-01'), 400, 'bad_request', { fields: ['from'] });
  });
  test('to before from, and more than 366 days', async () => {
    assertError(await coordinator.get('/stats/supervision?from=2026-11-02&to=2026-11-01'), 400, 'bad_request', { fields: ['to'] });
    assertError(await coordinator.get('/stats/supervision?from=2025-01-01&to=2026-01-02'), 400, 'bad_request', { fields: ['to'] });
    assertError(await coordinator.get('/stats/supervision.csv?from=2026-11-02&to=2026-11-01'), 400, 'bad_request', { fields: ['to'] });
  });
  test('an unknown parameter, organisation or figure', async () => {
    assertError(await coordinator.get('/stats/supervision?month=11'), 400, 'bad_request', { fields: ['month'] });
    assertError(await coordinator.get('/stats/supervision/tasks?org=no-such-org&figure=handled'), 400, 'bad_request', { fields: ['org'] });
    assertError(await coordinator.get(`/stats/supervision/tasks?org=${reviewer.username}&figure=everything`), 400, 'bad_request', { fields: ['figure'] });
    assertError(await coordinator.get('/stats/supervision/cases?org=x&figure=handled'), 400, 'bad_request', { fields: ['figure'] });
    assertError(await coordinator.get('/stats/supervision/cases?org=no-such-org&figure=reports'), 400, 'bad_request', { fields: ['org'] });
  });
});

describe('the figures', () => {
  let caseId: string;
  let answered: Json;
  let bdbOrg: { id: string; name: string };
  let today: string;

  before(async () => {
    caseId = await fileCase(amr);
    const review = await openTask(reviewer, caseId, 'bdb-review');
    await decide(reviewer, review.id, { decision: 'approve', comment: '材料齐全' });
    const done = await reviewer.get(`/tasks?status=done&caseId=${encodeURIComponent(caseId)}`);
    answered = done.body.items.find((t: Json) => t.id === review.id);
    assert.ok(answered?.completedAt, done.text);
    bdbOrg = answered.assignee.org;
    today = toShanghaiDate(new Date(answered.completedAt));
  });

  test('default to the current month, with every figure for each organisation and a total', async () => {
    const r = await coordinator.get('/stats/supervision');
    assert.equal(r.status, 200, r.text);
    assert.match(r.body.from, /^\d{4}-\d{2}-01$/);
    assert.equal(r.body.to.slice(0, 7), r.body.from.slice(0, 7));
    assert.ok(Array.isArray(r.body.items));
    for (const item of r.body.items) {
      assert.deepEqual(Object.keys(item).sort(), ['org', ...FIGURES].sort());
      assert.equal(typeof item.org.name, 'string');
      assert.ok(item.tasksOnTime <= item.tasksHandled);
      assert.equal(item.onTimeRate === null, item.tasksHandled === 0);
    }
    const names = r.body.items.map((i: Json) => i.org.name);
    assert.deepEqual(names, [...names].sort(new Intl.Collator('zh-Hans-CN').compare));
    // Tasks are summed over organisations, within one answer.
    const sum = (k: string) => r.body.items.reduce((n: number, i: Json) => n + i[k], 0);
    assert.equal(r.body.total.tasksHandled, sum('tasksHandled'));
    assert.equal(r.body.total.tasksOnTime, sum('tasksOnTime'));
    assert.equal(r.body.total.openOverdue, sum('openOverdue'));
  });

  test('a task answered in the period counts for its organisation, in working days, and is among the tasks behind the figure', async () => {
    const r = await coordinator.get(`/stats/supervision?from=${today}&to=${today}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.body.from, r.body.to], [today, today]);
    const row = r.body.items.find((i: Json) => i.org.id === bdbOrg.id);
    assert.ok(row, `the BDB is listed: ${r.text}`);
    assert.equal(row.org.name, bdbOrg.name);
    assert.ok(row.tasksHandled >= 1);

    // The known answer: working days from receipt to answer by the server's own calendar.
    const year = Number(today.slice(0, 4));
    const years = await reviewer.get(`/calendar/years/${year}`);
    const calendar = createWorkingDayCalendar([{ year, holidays: years.body.holidays, workdays: years.body.workdays } satisfies PublishedYear]);
    const expected = createWorkingDaysToAnswer(calendar)(new Date(answered.createdAt), new Date(answered.completedAt));

    const find = async (figure: string): Promise<Json | undefined> => {
      let cursor = '';
      for (let pages = 0; pages < 50; pages++) {
        const p = await admin.get(`/stats/supervision/tasks?org=${encodeURIComponent(bdbOrg.id)}&figure=${figure}&from=${today}&to=${today}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(p.status, 200, p.text);
        const hit = p.body.items.find((t: Json) => t.id === answered.id);
        if (hit || !p.body.nextCursor) return hit;
        cursor = p.body.nextCursor;
      }
      return undefined;
    };
    const handled = await find('handled');
    assert.ok(handled, 'listed among the handled tasks');
    assert.equal(handled.caseId, caseId);
    assert.equal(handled.workingDaysToAnswer, expected);
    assert.equal(handled.onTime, true);
    assert.ok(await find('on-time'), 'listed among the tasks answered on time');
    assert.equal(await find('late'), undefined);
    // The cases behind the problem figures answer in the same paged shape.
    const cases = await admin.get(`/stats/supervision/cases?org=${encodeURIComponent(bdbOrg.id)}&figure=problem-list&from=${today}&to=${today}`);
    assert.equal(cases.status, 200, cases.text);
    assert.ok(Array.isArray(cases.body.items));
    assert.equal(cases.body.total, row.problemListEntries);
  });

  test('the CSV: UTF-8 with a BOM, Chinese headers, a line per organisation and the total, as an attachment', async () => {
    // fetch's text() drops a leading BOM: read the bytes.
    const res = await fetch(`${API}/stats/supervision.csv?from=${today}&to=${today}`, { headers: { cookie: coordinator.cookie ?? '' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/i);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="supervision-${today}-${today}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8').decode(bytes).split('\r\n');
    assert.equal(lines[0], '单位,办结任务数,按时办结数,按时办结率,平均办理用时（工作日）,逾期未办任务数,收到问题数据反馈数,已办结问题数据反馈数,问题数据闭环率,列入问题清单数');
    assert.equal(lines.at(-1), '');
    assert.equal(lines.at(-2)?.split(',')[0], '全市合计');
    const bdbLine = lines.find((l) => l.startsWith(`${bdbOrg.name},`));
    assert.ok(bdbLine, lines.join('\n'));
    assert.equal(bdbLine.split(',').length, 10);
    assert.ok(Number(bdbLine.split(',')[1]) >= 1);
  });
});

describe('the problem list (Art. 18 ¶2)', () => {
  test('a case escalated after the provider refused is listed with that provider, and counts for it', async () => {
    const caseId = await fileCase(amr);
    const review = await openTask(reviewer, caseId, 'bdb-review');
    await decide(reviewer, review.id, { decision: 'approve', comment: '材料齐全' });
    const consent = await openTask(psb, caseId, 'provider-consent');
    await decide(psb, consent.id, { decision: 'disagree', legalBasis: '《中华人民共和国居民身份证法》第十九条' });
    const coordination = await openTask(coordinator, caseId, 'bdb-coordination');
    await decide(coordinator, coordination.id, { decision: 'escalate', comment: '协调未果' });
    const psbOrg = consent.assignee.org;

    // Every party that may see the case finds it on the list; the provider is named as disputed.
    for (const c of [coordinator, amr, psb]) {
      const r = await c.get('/cases?problemList=true&limit=200');
      assert.equal(r.status, 200, r.text);
      const listed = r.body.items.find((x: Json) => x.id === caseId);
      assert.deepEqual(listed?.disputedProviders, [psbOrg], c.username ?? '');
      assert.ok(r.body.items.every((x: Json) => Array.isArray(x.disputedProviders)));
    }
    // Without the filter, a case list carries no such field.
    const plain = await coordinator.get('/cases?limit=5');
    assert.ok(plain.body.items.every((x: Json) => x.disputedProviders === undefined));
    assertError(await coordinator.get('/cases?problemList=yes'), 400, 'bad_request', { fields: ['problemList'] });

    const today = toShanghaiDate(new Date());
    const report = await coordinator.get(`/stats/supervision?from=${today}&to=${today}`);
    const row = report.body.items.find((i: Json) => i.org.id === psbOrg.id);
    assert.ok(row?.problemListEntries >= 1, report.text);
    const behind = await coordinator.get(`/stats/supervision/cases?org=${encodeURIComponent(psbOrg.id)}&figure=problem-list&from=${today}&to=${today}&limit=200`);
    assert.equal(behind.status, 200, behind.text);
    assert.equal(behind.body.total, row.problemListEntries);
    assert.deepEqual(behind.body.org, psbOrg);
    assert.ok(behind.body.items.some((c: Json) => c.id === caseId));
  });
});
