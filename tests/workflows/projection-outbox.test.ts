/**
 * No input can wedge a case (issue #12): the Update validators refuse what the
 * databases cannot store, and a batch the database refuses anyway is parked —
 * the case keeps answering, is reported on the stuck-cases view, and writes
 * every waiting batch, in order, when an administrator retries.
 */
import { test, before, after, afterEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import { UNWRITABLE_PROJECTION, type ProjectionOp } from '../../domain/cases/projection';
import { retryProjectionSignal } from '../../workflows/kernel/messages';
import { ACTORS, actionsOf, assertRefused, cleanupCases, decide, fileCase, opsOf, opsOfKind, openTask, startHarness, state, stopHarness, waitFor, withdraw, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness('outbox');
});
afterEach(async () => {
  await cleanupCases(h);
});
after(async () => {
  await stopHarness(h);
});

const refuses = (pred: (op: ProjectionOp) => boolean) => (batch: ProjectionOp[]) =>
  batch.some(pred) ? ApplicationFailure.create({ type: UNWRITABLE_PROJECTION, message: 'the database refused the batch (test)', nonRetryable: true }) : null;

describe('projection outbox', () => {
  test('a lone surrogate, a NUL or a prototype key in a decision is refused by the validator, and the task can still be decided', async () => {
    const handle = await fileCase(h, 'surrogate', ['NB-PSB-0001']);
    const review = await openTask(handle, 'bdb-review');
    const before = opsOf(h, handle.workflowId).length;
    const d1 = await assertRefused(decide(handle, review.id, ACTORS.reviewer, { decision: 'return', comment: 'a\uD800b' }), 'invalid');
    assert.deepEqual(Object.keys(d1?.fields ?? {}), ['decision.comment']);
    await assertRefused(decide(handle, review.id, ACTORS.reviewer, { decision: 'return', comment: 'nul\u0000' }), 'invalid');
    await assertRefused(withdraw(handle, ACTORS.applicant, 'x\uDC00'), 'invalid');
    assert.equal(opsOf(h, handle.workflowId).length, before, 'nothing was projected');
    const r = await decide(handle, review.id, ACTORS.reviewer, { decision: 'approve' });
    assert.equal(r.decision, 'approve');
  });

  test('a refused batch parks the case: reported stuck, later batches wait in order, an admin retry writes them all', async () => {
    const handle = await fileCase(h, 'parked', ['NB-PSB-0001']);
    const id = handle.workflowId;
    const review = await openTask(handle, 'bdb-review');

    h.projectFault = refuses((op) => op.op === 'history' && op.action === 'decided');
    await assertRefused(decide(handle, review.id, ACTORS.reviewer, { decision: 'approve' }, { requestId: 'req-1' }), 'stuck');
    const reports = () => h.stuck.get(id) ?? [];
    assert.equal(reports()[0]?.event, 'report');
    assert.equal((reports()[0] as { kind: string }).kind, 'unwritable-data');

    // The case still answers: the workflow took the decision; the provider's task is open in its state.
    const consent = await openTask(handle, 'provider-consent', 'psb');
    // A later change is parked behind the refused batch (nothing overtakes it) and answered as stuck too.
    await assertRefused(decide(handle, consent.id, ACTORS.psb, { decision: 'agree' }), 'stuck');
    assert.equal(opsOfKind(h, id, 'task-close').length, 0, 'nothing written out of order');
    assert.equal(reports().filter((e) => e.event === 'report').length, 2);

    // The administrator fixed the cause and retries: both batches are written, in order, once.
    h.projectFault = null;
    await handle.signal(retryProjectionSignal, { by: '系统管理员', sanitize: false });
    await waitFor(() => (h.stuck.get(id) ?? []).some((e) => e.event === 'resolve'), 'stuck case resolved');
    const closes = opsOfKind(h, id, 'task-close').map((o) => [o.id, o.decision, o.requestId]);
    assert.deepEqual(closes, [
      [review.id, 'approve', 'req-1'],
      [consent.id, 'agree', undefined],
    ]);
    assert.deepEqual(opsOfKind(h, id, 'audit').map((a) => a.action), ['case-file', 'decision', 'decision']);
    await waitFor(async () => (await state(handle)).status === 'granted', 'granted');
    assert.ok(actionsOf(h, id).includes('case-granted'));
  });

  test('"write it cleaned": a batch refused as written is written with its text made storable', async () => {
    const handle = await fileCase(h, 'sanitize', ['NB-PSB-0001']);
    const id = handle.workflowId;
    const review = await openTask(handle, 'bdb-review');
    // As if the database refused this comment (say, a column limit): only the cleaned retry passes.
    h.projectFault = (batch, opts) => (opts.sanitize ? null : refuses((op) => op.op === 'history' && op.action === 'decided')(batch));
    await assertRefused(decide(handle, review.id, ACTORS.reviewer, { decision: 'return', comment: '请补充' }), 'stuck');
    await handle.signal(retryProjectionSignal, { by: '系统管理员', sanitize: true });
    await waitFor(() => (h.stuck.get(id) ?? []).some((e) => e.event === 'resolve'), 'resolved after a cleaned write');
    assert.ok(actionsOf(h, id).includes('decided'));
    await openTask(handle, 'applicant-amend');
  });

  test('the decision and its audit entry travel in one batch, with the request id', async () => {
    const handle = await fileCase(h, 'audit', ['NB-PSB-0001']);
    const id = handle.workflowId;
    const review = await openTask(handle, 'bdb-review');
    await decide(handle, review.id, ACTORS.reviewer, { decision: 'approve' }, { requestId: 'req-A', updateId: 'u-A' });
    // Another request on the decided task is refused, whatever its Update id.
    await assertRefused(decide(handle, review.id, ACTORS.reviewer, { decision: 'approve' }, { requestId: 'req-B', updateId: 'u-B' }), 'conflict');
    const audits = opsOfKind(h, id, 'audit').filter((a) => a.action === 'decision');
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.key, `${id}-audit-${review.id}`);
    assert.equal(audits[0]!.detail?.requestId, 'req-A');
    const decided = opsOfKind(h, id, 'history').find((e) => e.action === 'decided');
    assert.equal(decided?.taskId, review.id);
  });
});
