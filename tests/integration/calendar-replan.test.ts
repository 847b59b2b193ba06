/**
 * Publishing a corrected year re-plans running timers (PROCEDURES §2): a
 * provider-consent task whose 5-working-day window lies in the current year
 * moves one working day later when an extra holiday is published inside it,
 * and moves back when the original schedule is published again.
 *
 * The window depends on today's date, so the test works it out from the
 * task itself; in a `finally` it puts the year back as it was (re-publishing
 * a published year, or withdrawing its publication with DELETE).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { as, caseOf, type Client, decide, fileCase, type Json, namesShanghaiTime, openTask, rsPayload, waitFor } from './client';

interface Named {
  date: string;
  name: string;
}

describe('calendar publication re-plans running cases', () => {
  let amr: Client;
  let reviewer: Client;
  let psb: Client;
  let admin: Client;
  before(async () => {
    [amr, reviewer, psb, admin] = await Promise.all([as('amr.applicant'), as('bdb.reviewer'), as('psb.provider'), as('admin')]);
  });

  test('an extra holiday inside a consent window moves its deadline one working day later, with a re-planned history entry', async () => {
    const id = await fileCase(amr, rsPayload());
    const review = await openTask(reviewer, id, 'bdb-review');
    await decide(reviewer, review.id, { decision: 'approve' });
    const consent = await openTask(psb, id, 'provider-consent');

    const window = await psb.get(`/calendar/deadline?from=${encodeURIComponent(consent.createdAt)}&workingDays=5`);
    assert.equal(window.status, 200, window.text);
    assert.equal(consent.dueAt, window.body.deadline);
    const counted: string[] = window.body.workingDaysCounted;

    const year = Number(counted[0]!.slice(0, 4));
    const original = await psb.get(`/calendar/years/${year}`);
    assert.equal(original.status, 200, original.text);
    const strip = (xs: Named[]) => xs.map(({ date, name }) => ({ date, name }));
    const restore = { holidays: strip(original.body.holidays), workdays: strip(original.body.workdays) };
    const adjusted = new Set(restore.workdays.map((d) => d.date));
    const extra = counted.find((d) => d.startsWith(`${year}-`) && !adjusted.has(d));
    assert.ok(extra, 'five counted working days include an ordinary weekday');

    // With `extra` a holiday, the 5th working day is today's 6th.
    const later = await psb.get(`/calendar/deadline?from=${encodeURIComponent(consent.createdAt)}&workingDays=6`);
    assert.equal(later.status, 200, later.text);
    const movedTo: string = later.body.deadline;
    assert.notEqual(movedTo, consent.dueAt);

    const dueOf = async (): Promise<Json> => (await caseOf(psb, id)).tasks.find((x: Json) => x.id === consent.id);
    const replanned = async (): Promise<Json[]> => (await caseOf(psb, id)).history.filter((h: Json) => h.action === 're-planned');

    try {
      const put = await admin.put(`/calendar/years/${year}`, { holidays: [...restore.holidays, { date: extra, name: '集成测试临时假日' }], workdays: restore.workdays });
      assert.equal(put.status, 200, put.text);
      assert.equal(put.body.source, 'published');
      assert.ok(put.body.replanned >= 1, `no running case was signalled: ${put.text}`);

      const moved = await waitFor(`the consent deadline to move to ${movedTo}`, async () => {
        const task = await dueOf();
        return task.dueAt === movedTo ? task : null;
      });
      assert.equal(moved.status, 'open');
      assert.equal(moved.provisional, later.body.provisional);
      // The inbox shows the new deadline too.
      const inbox = await openTask(psb, id, 'provider-consent');
      assert.equal(inbox.dueAt, movedTo);
      const entries = await replanned();
      assert.equal(entries.length, 1);
      assert.equal(entries[0].step, 'provider-consent');
      assert.equal(entries[0].article, '第17条');
      // The comment names the old and the new deadline, in Shanghai time.
      assert.ok(namesShanghaiTime(entries[0].comment, consent.dueAt), entries[0].comment);
      assert.ok(namesShanghaiTime(entries[0].comment, movedTo), entries[0].comment);
      assert.deepEqual((await caseOf(amr, id)).deadlines.map((d: Json) => d.dueAt), [movedTo]);
    } finally {
      // Put the year back as it was: re-publish what was published, or withdraw our publication.
      const back = original.body.source === 'published' ? await admin.put(`/calendar/years/${year}`, restore) : await admin.del(`/calendar/years/${year}`);
      assert.equal(back.status, 200, back.text);
      assert.equal(back.body.source, original.body.source);
    }

    // Restoring the schedule re-plans it back.
    await waitFor(`the consent deadline to move back to ${consent.dueAt}`, async () => (await dueOf()).dueAt === consent.dueAt);
    assert.equal((await replanned()).length, 2);
    const check = await psb.get(`/calendar/deadline?from=${encodeURIComponent(consent.createdAt)}&workingDays=5`);
    assert.deepEqual(check.body.workingDaysCounted, counted, 'the restored year counts as before');

    // Tidy up: the case is not needed any more.
    assert.equal((await amr.post(`/cases/${id}/withdraw`, {})).status, 200);
  });
});
