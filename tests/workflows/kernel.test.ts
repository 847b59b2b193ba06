/**
 * The procedure kernel's clocks and runs, on the time-skipping server, driven
 * through the restricted-share procedure: a moved deadline is announced again,
 * an overdue clock whose corrected deadline lies ahead is no longer overdue,
 * and continue-as-new carries every counter and outbox key into the next run.
 * Expectations come from the real calendar, never hard-coded.
 */
import { test, before, after, afterEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import { calendarPublishedSignal } from '../../workflows/kernel/messages';
import type { restrictedShareWorkflow } from '../../workflows/restricted-share.workflow';
import {
  ACTORS,
  caseInput,
  calendar,
  caseRowOf,
  cleanupCases,
  correctedYear,
  decide,
  historyOf,
  newId,
  openTask,
  opsOfKind,
  sleepPast,
  startHarness,
  state,
  stopHarness,
  waitFor,
  type Harness,
  type RsHandle,
  atProviderConsent,
  fileCase,
  DEFAULT_ACCESS_DAYS,
} from './harness';
import { PROVIDER_CONSENT_WORKING_DAYS } from '../../domain/procedures/restricted-share.spec';

let h: Harness;
before(async () => {
  h = await startHarness('kernel');
});
afterEach(async () => {
  await cleanupCases(h);
});
after(async () => {
  await stopHarness(h);
});


/** Publishes a corrected schedule with one more day off inside the task's window; returns the deadline it moves to. */
async function addDayOffInWindow(handle: RsHandle, task: { createdAt: string; yearsConsulted: number[] }, workingDays: number) {
  const before = calendar(h).addWorkingDays(new Date(task.createdAt), workingDays);
  const year = task.yearsConsulted[task.yearsConsulted.length - 1]!;
  h.published.push(correctedYear(calendar(h), year, before.counted.find((d) => d.startsWith(`${year}-`))!));
  const moved = calendar(h).addWorkingDays(new Date(task.createdAt), workingDays);
  await handle.signal(calendarPublishedSignal, { year });
  return { dueAt: moved.deadline.toISOString(), remindAt: calendar(h).addWorkingDays(new Date(task.createdAt), workingDays - 1).deadline.toISOString() };
}

describe('procedure kernel', () => {
  test('deadlines planned ahead with each batch: the next tasks and grants open without a planning activity, at the calendar\'s instants; a published calendar makes the case plan again', async () => {
    const handle = await fileCase(h, 'ahead', ['NB-PSB-0001']);
    const callsAtFiling = h.planDeadlineCalls.length;
    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
    const consent = await openTask(handle, 'provider-consent', 'psb');
    const from = new Date(consent.createdAt);
    assert.equal(consent.dueAt, calendar(h).addWorkingDays(from, PROVIDER_CONSENT_WORKING_DAYS).deadline.toISOString());
    assert.equal(consent.remindAt, calendar(h).addWorkingDays(from, PROVIDER_CONSENT_WORKING_DAYS - 1).deadline.toISOString());
    await decide(handle, consent.id, ACTORS.psb, { decision: 'agree' });
    const [grant] = opsOfKind(h, handle.workflowId, 'grant-issue');
    assert.equal(grant?.expiresAt, calendar(h).addNaturalDays(new Date(grant!.grantedAt), DEFAULT_ACCESS_DAYS).deadline.toISOString());
    assert.equal(h.planDeadlineCalls.length, callsAtFiling, 'neither the consent task nor the grant asked planDeadline');

    // After a calendar is published the plans made under the old one are dropped: the grant is planned by its own activity.
    const second = await fileCase(h, 'ahead-published', ['NB-PSB-0001']);
    await decide(second, (await openTask(second, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
    const consent2 = await openTask(second, 'provider-consent', 'psb');
    await second.signal(calendarPublishedSignal, { year: consent2.yearsConsulted[0]! });
    const calls = h.planDeadlineCalls.length;
    await decide(second, consent2.id, ACTORS.psb, { decision: 'agree' });
    // (the open consent task is re-planned too: the signal's own planning, in working days)
    assert.deepEqual(h.planDeadlineCalls.slice(calls).filter((r) => r.naturalDays !== undefined).map((r) => r.naturalDays), [DEFAULT_ACCESS_DAYS]);
  });

  test('a deadline moved after its reminder gets a reminder again, for the new deadline', async () => {
    const { handle, consent } = await atProviderConsent(h, 'remind-again');
    const id = handle.workflowId;
    await sleepPast(h, consent.remindAt!, 60_000);
    await waitFor(() => opsOfKind(h, id, 'notify').some((n) => n.kind === 'reminder'), 'first reminder');
    assert.equal((await state(handle)).tasks.find((t) => t.id === consent.id)?.reminded, true);

    const moved = await addDayOffInWindow(handle, consent, 5);
    await waitFor(() => opsOfKind(h, id, 'task-deadline').length === 1, 're-planned');
    const task = (await state(handle)).tasks.find((t) => t.id === consent.id)!;
    assert.equal(task.dueAt, moved.dueAt);
    assert.equal(task.reminded, false, 'the new deadline is to be announced');

    await sleepPast(h, moved.remindAt, 60_000);
    await waitFor(() => opsOfKind(h, id, 'notify').filter((n) => n.kind === 'reminder').length === 2, 'second reminder');
    const reminders = opsOfKind(h, id, 'notify').filter((n) => n.kind === 'reminder');
    assert.deepEqual(reminders.map((n) => n.id), [`${consent.id}-remind`, `${consent.id}-remind-m1`], 'a new notice, not the first one rewritten');
    assert.ok(reminders[1]!.message.includes('到期'));
  });

  test('an overdue clock whose corrected deadline lies ahead is no longer overdue, and lapses again at the new deadline', async () => {
    const { handle, consent } = await atProviderConsent(h, 'overdue-cleared');
    const id = handle.workflowId;
    await sleepPast(h, consent.dueAt!, 60_000);
    await waitFor(() => opsOfKind(h, id, 'task-overdue').length === 1, 'overdue');

    const moved = await addDayOffInWindow(handle, consent, 5);
    assert.ok(Date.parse(moved.dueAt) > (await h.env.currentTimeMs()), 'the corrected deadline lies ahead');
    await waitFor(() => opsOfKind(h, id, 'task-deadline').length === 1, 're-planned');
    assert.deepEqual(opsOfKind(h, id, 'task-deadline'), [{ op: 'task-deadline', id: consent.id, dueAt: moved.dueAt, provisional: false, overdueCleared: true }]);
    assert.equal((await state(handle)).tasks.find((t) => t.id === consent.id)?.overdue, false);
    assert.match(historyOf(h, id).find((e) => e.action === 're-planned')?.comment ?? '', /不再视为逾期/);

    await sleepPast(h, moved.dueAt, 60_000);
    await waitFor(() => opsOfKind(h, id, 'task-overdue').length === 2, 'overdue again');
    assert.deepEqual(opsOfKind(h, id, 'task-overdue')[1], { op: 'task-overdue', id: consent.id, since: moved.dueAt });
    assert.deepEqual(opsOfKind(h, id, 'notify').filter((n) => n.kind === 'overdue').map((n) => n.id), [`${consent.id}-due`, `${consent.id}-due-m1`]);
  });

  test('continue-as-new: handlers and outbox drained, state and every counter carried, keys never reused', async () => {
    const id = newId('continue');
    const input = { ...caseInput(id, ['NB-PSB-0001', 'NB-WATER-0001'], {}, new Date(await h.env.currentTimeMs()).toISOString()), limits: { continueAsNewAtHistoryLength: 14 } }; // the approve's workflow task starts at event 14: continued as new there
    const handle = await h.env.client.workflow.start<typeof restrictedShareWorkflow>('restrictedShareWorkflow', { taskQueue: h.taskQueue, workflowId: id, args: [input] });
    h.handles.push(handle);
    const firstRun = handle.firstExecutionRunId;
    await waitFor(() => historyOf(h, id).some((e) => e.action === 'filed'), 'filed');

    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
    await waitFor(async () => (await h.env.client.workflow.getHandle(id).describe()).runId !== firstRun, 'a new run');
    await waitFor(() => historyOf(h, id).some((e) => e.action === 'continued-as-new'), 'the continuation is in the history');

    // The new run knows the open tasks, with their deadlines, and takes decisions on them.
    const s = await state(handle);
    assert.equal(s.tasks.length, 3);
    assert.deepEqual(s.tasks.filter((t) => t.status === 'open').map((t) => t.track), ['NB-PSB-0001', 'NB-WATER-0001']);
    await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'agree' });
    await decide(handle, (await openTask(handle, 'provider-consent', 'water')).id, ACTORS.water, { decision: 'disagree', legalBasis: '《城镇供水条例》第二十条' });
    const coordination = await openTask(handle, 'bdb-coordination');
    assert.equal(coordination.id, `${id}-t4`, 'task numbering continues');
    await decide(handle, coordination.id, ACTORS.coordinator, { decision: 'uphold-refusal' });

    const keys = historyOf(h, id).map((e) => e.key);
    assert.equal(new Set(keys).size, keys.length, 'no history key written twice');
    assert.deepEqual(keys, keys.map((_, i) => `${id}-h${i + 1}`), 'history numbering continues across runs');
    assert.deepEqual(opsOfKind(h, id, 'grant-issue').map((g) => [g.id, g.resourceCode]), [[`${id}-g1`, 'NB-PSB-0001']]);
    assert.equal(caseRowOf(h, id).status, 'granted');
    const audits = opsOfKind(h, id, 'audit').map((a) => a.key);
    assert.equal(new Set(audits).size, audits.length, 'no audit key twice');
  });
});
