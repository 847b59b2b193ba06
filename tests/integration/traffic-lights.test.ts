/**
 * Traffic lights and working-day countdowns on the inbox and the case page, and
 * the BDB's overdue view (API.md "Inbox actions"; issue #10 item 3). The expected
 * countdown is computed with the domain calendar over the schedule the server
 * itself answers with, never from a hard-coded date.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { as, assertError, caseOf, type Client, decide, fileCase, type Json, openTask } from './client';
import { createWorkingDayCalendar, toShanghaiDate, trafficLight, type PublishedYear } from '../../domain/calendar';

let amr: Client;
let reviewer: Client;
let coordinator: Client;
let psb: Client;
let admin: Client;

before(async () => {
  [amr, reviewer, coordinator, psb, admin] = await Promise.all([as('amr.applicant'), as('bdb.reviewer'), as('bdb.coordinator'), as('psb.provider'), as('admin')]);
});

/** The server's schedule for `years`, as a domain calendar. */
async function serverCalendar(c: Client, years: number[]) {
  const schedule: PublishedYear[] = [];
  for (const year of years) {
    const r = await c.get(`/calendar/years/${year}`);
    assert.equal(r.status, 200, r.text);
    schedule.push({ year, holidays: r.body.holidays, workdays: r.body.workdays });
  }
  return createWorkingDayCalendar(schedule);
}

describe('a fresh provider-consent task', () => {
  let caseId: string;
  let task: Json;

  before(async () => {
    caseId = await fileCase(amr);
    const review = await openTask(reviewer, caseId, 'bdb-review');
    await decide(reviewer, review.id, { decision: 'approve', comment: '材料齐全' });
    task = await openTask(psb, caseId, 'provider-consent');
  });

  test('is green with 5 working days left in the inbox', async () => {
    const now = new Date();
    const created = new Date(task.createdAt);
    const year = Number(toShanghaiDate(created).slice(0, 4));
    const calendar = await serverCalendar(psb, [year, year + 1]);
    // Art. 17: 5 working days from receipt; the server's deadline is the domain calendar's.
    assert.equal(new Date(task.dueAt).getTime(), calendar.addWorkingDays(created, 5).deadline.getTime());
    assert.deepEqual({ light: task.light, workingDaysLeft: task.workingDaysLeft }, trafficLight({ dueAt: new Date(task.dueAt), markedOverdue: false }, now, calendar));
    if (toShanghaiDate(now) === toShanghaiDate(created)) {
      assert.equal(task.workingDaysLeft, 5);
      assert.equal(task.light, 'green');
    }
  });

  test('the case page shows the same light on the task and on its deadline', async () => {
    const view = await caseOf(psb, caseId);
    const open = view.openTasks.find((t: Json) => t.id === task.id);
    assert.equal(open.light, task.light);
    assert.equal(open.workingDaysLeft, task.workingDaysLeft);
    const deadline = view.deadlines.find((d: Json) => d.step === 'provider-consent');
    assert.deepEqual([deadline.light, deadline.workingDaysLeft], [task.light, task.workingDaysLeft]);
  });

  test('a decided task has no light and no countdown', async () => {
    const review = (await reviewer.get(`/tasks?status=done&caseId=${caseId}`)).body.items.find((t: Json) => t.step === 'bdb-review');
    assert.ok(review, 'the BDB review is in the reviewer’s done list');
    assert.deepEqual([review.light, review.workingDaysLeft], [null, null]);
  });
});

describe('GET /tasks/overdue, the BDB’s overdue view', () => {
  test('is refused to a provider and an applicant', async () => {
    assertError(await psb.get('/tasks/overdue'), 403, 'forbidden');
    assertError(await amr.get('/tasks/overdue'), 403, 'forbidden');
  });

  test('answers the BDB’s roles and an admin with overdue tasks only, most late first, paged', async () => {
    for (const c of [reviewer, coordinator, admin]) {
      const r = await c.get('/tasks/overdue?limit=200');
      assert.equal(r.status, 200, r.text);
      assert.equal(typeof r.body.total, 'number');
      const items = r.body.items as Json[];
      for (const t of items) {
        assert.equal(t.status, 'open');
        assert.equal(t.overdue, true);
        assert.equal(t.light, 'red');
        assert.ok(Number.isInteger(t.workingDaysLate) && t.workingDaysLate >= 0, JSON.stringify(t));
        assert.ok(t.assignee.org.name, 'each row names its organisation');
      }
      const due = items.map((t) => new Date(t.dueAt).getTime());
      assert.deepEqual(due, [...due].sort((a, b) => a - b), 'earliest deadline (most late) first');
    }
  });

  test('pages one row at a time through the same rows', async () => {
    const all = (await reviewer.get('/tasks/overdue?limit=200')).body.items.map((t: Json) => t.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i <= all.length; i++) {
      const r: Json = await reviewer.get(`/tasks/overdue?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(r.status, 200, r.text);
      seen.push(...r.body.items.map((t: Json) => t.id));
      cursor = r.body.nextCursor;
      if (!cursor) break;
    }
    assert.equal(cursor, null);
    // Rows may turn overdue between the two reads; none may be missed or shown twice.
    assert.deepEqual(seen.filter((id) => all.includes(id)), all);
    assert.equal(new Set(seen).size, seen.length);
  });

  test('refuses a cursor it did not issue and a limit out of range with 400', async () => {
    const foreign = (await reviewer.get('/tasks?limit=1')).body.nextCursor;
    if (foreign) assertError(await reviewer.get(`/tasks/overdue?cursor=${foreign}`), 400, 'bad_request', { fields: ['cursor'] });
    assertError(await reviewer.get('/tasks/overdue?cursor=not-a-cursor!'), 400, 'bad_request', { fields: ['cursor'] });
    assertError(await reviewer.get('/tasks/overdue?limit=0'), 400, 'bad_request');
  });
});
