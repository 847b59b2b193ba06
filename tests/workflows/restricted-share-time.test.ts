/**
 * The restricted-share workflow's timers on the time-skipping test server:
 * re-planning on a calendar publish, reminders and missed consent deadlines,
 * grant expiry. Tests run in file order and each moves the server clock
 * forward, so expectations are computed with the real calendar, never hard-coded.
 */
import { test, before, after, afterEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import { calendarPublishedSignal } from '../../workflows/kernel/messages';
import {
  ACTORS,
  DEFAULT_ACCESS_DAYS,
  actionsOf,
  calendar,
  caseRowOf,
  cleanupCases,
  correctedYear,
  decide,
  fileCase,
  historyOf,
  openTask,
  opsOfKind,
  sleepPast,
  startHarness,
  state,
  stopHarness,
  waitFor,
  withdraw,
  type Harness,
  atProviderConsent,
} from './harness';

let h: Harness;
before(async () => {
  h = await startHarness('time');
});
afterEach(async () => {
  await cleanupCases(h);
});
after(async () => {
  await stopHarness(h);
});


describe('restricted-share workflow timers', () => {
  test('9. a calendar publish re-plans a running consent deadline, and the timer follows it', async () => {
    const { handle, consent } = await atProviderConsent(h, 'replan');
    const id = handle.workflowId;
    const oldDue = consent.dueAt!;
    const before = calendar(h).addWorkingDays(new Date(consent.createdAt), 5);
    assert.equal(oldDue, before.deadline.toISOString());

    // Publish (a corrected) schedule for the last year the deadline reaches into, with a new day off inside the window.
    const year = consent.yearsConsulted[consent.yearsConsulted.length - 1]!;
    assert.ok(year, 'the task records the years its deadline consulted');
    const dayOff = before.counted.find((d) => d.startsWith(`${year}-`))!;
    h.published.push(correctedYear(calendar(h), year, dayOff));
    const after = calendar(h).addWorkingDays(new Date(consent.createdAt), 5);
    assert.ok(Date.parse(after.deadline.toISOString()) > Date.parse(oldDue), 'a new day off moves the deadline later');

    await handle.signal(calendarPublishedSignal, { year });
    await waitFor(() => opsOfKind(h, id, 'task-deadline').length > 0, 'task-deadline op');

    const moved = opsOfKind(h, id, 'task-deadline');
    assert.deepEqual(moved, [{ op: 'task-deadline', id: consent.id, dueAt: after.deadline.toISOString(), provisional: after.provisional }]);
    const replanned = historyOf(h, id).filter((e) => e.action === 're-planned');
    assert.equal(replanned.length, 1);
    assert.equal(replanned[0]!.article, '第17条');
    assert.deepEqual(replanned[0]!.data, { taskId: consent.id, oldDueAt: oldDue, newDueAt: after.deadline.toISOString() });
    assert.match(replanned[0]!.comment ?? '', new RegExp(`${year}年节假日安排已发布`));
    const task = (await state(handle)).tasks.find((t) => t.id === consent.id)!;
    assert.equal(task.dueAt, after.deadline.toISOString());
    assert.equal(task.remindAt, calendar(h).addWorkingDays(new Date(consent.createdAt), 4).deadline.toISOString());

    // The running timer was re-planned: passing the old deadline does not make the task overdue…
    await sleepPast(h, oldDue);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(opsOfKind(h, id, 'task-overdue').length, 0, 'not overdue at the old deadline');
    assert.equal((await state(handle)).tasks.find((t) => t.id === consent.id)?.overdue, false);
    // …passing the new one does.
    await sleepPast(h, after.deadline.toISOString());
    await waitFor(() => opsOfKind(h, id, 'task-overdue').length > 0, 'overdue at the new deadline');
    assert.deepEqual(opsOfKind(h, id, 'task-overdue'), [{ op: 'task-overdue', id: consent.id, since: after.deadline.toISOString() }]);
  });

  test('6. a missed consent deadline: reminder, overdue, coordination opens; a late answer still settles the case', async () => {
    const { handle, consent } = await atProviderConsent(h, 'overdue');
    const id = handle.workflowId;
    const dueAt = consent.dueAt!;
    const remindAt = consent.remindAt!;
    assert.equal(remindAt, calendar(h).addWorkingDays(new Date(consent.createdAt), 4).deadline.toISOString(), 'reminder one working day before');

    await sleepPast(h, dueAt);
    await waitFor(() => opsOfKind(h, id, 'task-overdue').length > 0 && opsOfKind(h, id, 'task-open').some((o) => o.step === 'bdb-coordination'), 'overdue handling projected');

    const s = await state(handle);
    assert.equal(s.status, 'in-progress');
    const late = s.tasks.find((t) => t.id === consent.id)!;
    assert.equal(late.status, 'open', 'a missed deadline is not consent: the task stays open');
    assert.equal(late.overdue, true);
    assert.deepEqual(opsOfKind(h, id, 'task-overdue'), [{ op: 'task-overdue', id: consent.id, since: dueAt }]);
    const coordination = await openTask(handle, 'bdb-coordination', 'psb');
    assert.equal(coordination.orgId, 'bdb');

    const notes = opsOfKind(h, id, 'notify');
    const reminder = notes.filter((n) => n.kind === 'reminder');
    assert.equal(reminder.length, 1, 'one reminder');
    assert.equal(reminder[0]!.orgId, 'psb');
    assert.equal(reminder[0]!.role, 'provider-reviewer');
    assert.equal(reminder[0]!.taskId, consent.id);
    assert.ok(Date.parse(reminder[0]!.at) >= Date.parse(remindAt) && Date.parse(reminder[0]!.at) < Date.parse(dueAt), `reminder sent at ${reminder[0]!.at}`);
    const overdue = notes.filter((n) => n.kind === 'overdue');
    assert.equal(overdue.length, 1);
    assert.equal(overdue[0]!.orgId, 'psb');
    assert.ok(Date.parse(overdue[0]!.at) >= Date.parse(dueAt));
    const toCoordinator = notes.filter((n) => n.kind === 'coordination');
    assert.equal(toCoordinator.length, 1);
    assert.equal(toCoordinator[0]!.orgId, 'bdb');
    assert.equal(toCoordinator[0]!.role, 'bdb-coordinator');
    const actions = actionsOf(h, id);
    assert.ok(actions.includes('reminder') && actions.includes('overdue'), actions.join(','));
    assert.ok(actions.indexOf('reminder') < actions.indexOf('overdue'));
    assert.equal(historyOf(h, id).find((e) => e.action === 'overdue')?.article, '第17条');

    // the provider answers late: the coordination task is cancelled and the case is granted
    const r = await decide(handle, consent.id, ACTORS.psb, { decision: 'agree' });
    assert.equal(r.status, 'granted');
    const after = await state(handle);
    assert.equal(after.status, 'granted');
    assert.equal(after.tasks.find((t) => t.id === coordination.id)?.status, 'cancelled');
    assert.ok(opsOfKind(h, id, 'task-close').some((c) => c.id === coordination.id && c.status === 'cancelled'));
    assert.equal(after.grants.length, 1);
  });

  test('7. a grant expires on its durable timer: grant-end expired, case expired, workflow completes', async () => {
    const { handle, consent } = await atProviderConsent(h, 'expiry');
    const id = handle.workflowId;
    await decide(handle, consent.id, ACTORS.psb, { decision: 'agree' });
    const grant = opsOfKind(h, id, 'grant-issue')[0]!;
    assert.equal(grant.expiresAt, calendar(h).addNaturalDays(new Date(grant.grantedAt), Math.min(DEFAULT_ACCESS_DAYS, 365)).deadline.toISOString());

    // still active just before expiry
    await h.env.sleep(Date.parse(grant.expiresAt) - (await h.env.currentTimeMs()) - 60 * 60 * 1000);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await state(handle)).grants[0]!.status, 'active');
    assert.equal(opsOfKind(h, id, 'grant-end').length, 0);

    const final = await handle.result(); // lets time skip to the expiry
    assert.equal(final.status, 'expired');
    assert.equal(final.grants[0]!.status, 'expired');
    const ended = opsOfKind(h, id, 'grant-end');
    assert.equal(ended.length, 1);
    assert.equal(ended[0]!.id, grant.id);
    assert.equal(ended[0]!.status, 'expired');
    assert.ok(Date.parse(ended[0]!.at) >= Date.parse(grant.expiresAt));
    assert.ok(actionsOf(h, id).includes('grant-expired'));
    const row = caseRowOf(h, id);
    assert.equal(row.status, 'expired');
    assert.ok(row.closedAt);
    assert.equal((await handle.describe()).status.name, 'COMPLETED');
  });

  test('8d. withdrawing a mixed request does not leave its at-once grant active forever', async () => {
    const handle = await fileCase(h, 'withdraw-mixed', ['NB-AMR-0001', 'NB-PSB-0001']);
    const id = handle.workflowId;
    assert.deepEqual((await state(handle)).grants.map((g) => [g.resourceCode, g.status]), [['NB-AMR-0001', 'active']]);
    const r = await withdraw(handle, ACTORS.applicant, '不再需要');
    assert.equal(r.status, 'withdrawn');
    await handle.result(); // time may skip until any remaining grant ends
    const issued = opsOfKind(h, id, 'grant-issue').map((g) => g.id);
    const ended = opsOfKind(h, id, 'grant-end').map((g) => g.id);
    assert.deepEqual(ended, issued, 'every grant the case issued must end (expired or revoked), or the access outlives the case');
  });
});
