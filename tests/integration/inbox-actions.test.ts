/**
 * Inbox actions (API.md "Inbox actions", issue #10 item 2): 签收 with one
 * winner when two clerks of one organisation claim at once, deciding a claimed
 * task, 退回签收, 转办 within the organisation to a holder of the role, 催办 by
 * the BDB's coordinator — each in the case history with actor and reason.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { as, assertError, auditEntries, caseOf, fileCase, openTask, type Client, type Json } from './client';

describe('inbox actions', () => {
  let amr: Client;
  let wang: Client; // bdb.reviewer
  let liu: Client; // bdb.reviewer2
  let coordinator: Client;
  let admin: Client;
  let psb: Client;
  const ids: Record<'wang' | 'liu' | 'coordinator' | 'psb', string> = { wang: '', liu: '', coordinator: '', psb: '' };

  before(async () => {
    [amr, wang, liu, coordinator, admin, psb] = await Promise.all([as('amr.applicant'), as('bdb.reviewer'), as('bdb.reviewer2'), as('bdb.coordinator'), as('admin'), as('psb.provider')]);
    for (const [name, c] of [['wang', wang], ['liu', liu], ['coordinator', coordinator], ['psb', psb]] as const) {
      const me = await c.get('/me');
      assert.equal(me.status, 200, me.text);
      ids[name] = me.body.id;
    }
  });

  /** A fresh bdb-review task, open for both reviewers. */
  const reviewTask = async (): Promise<{ caseId: string; task: Json }> => {
    const caseId = await fileCase(amr);
    return { caseId, task: await openTask(wang, caseId, 'bdb-review') };
  };
  const history = async (caseId: string, action: string): Promise<Json[]> => (await caseOf(admin, caseId)).history.filter((h: Json) => h.action === action);
  const inboxTask = async (c: Client, caseId: string, taskId: string): Promise<Json> => {
    const r = await c.get(`/tasks?status=open&caseId=${encodeURIComponent(caseId)}`);
    assert.equal(r.status, 200, r.text);
    return (r.body.items as Json[]).find((t) => t.id === taskId);
  };

  test('two reviewers claim at once: one 200, one 409 naming the winner; both inboxes show who claimed it', async () => {
    const { caseId, task } = await reviewTask();
    assert.equal(task.claimedBy, null);
    const [a, b] = await Promise.all([wang.post(`/tasks/${task.id}/claim`, {}), liu.post(`/tasks/${task.id}/claim`, {})]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409], `${a.text}\n${b.text}`);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    const winner = won === a ? { id: ids.wang, name: '王审核' } : { id: ids.liu, name: '刘审核' };
    assert.deepEqual(won.body.claimedBy, winner);
    assertError(lost, 409, 'conflict');
    assert.match(lost.body.error.message, new RegExp(winner.name));
    for (const c of [wang, liu]) assert.deepEqual((await inboxTask(c, caseId, task.id)).claimedBy, winner);
    // Claiming it again is no error for the winner; one history entry and one audit entry.
    const again = await (winner.id === ids.wang ? wang : liu).post(`/tasks/${task.id}/claim`, {});
    assert.equal(again.status, 200, again.text);
    const claimed = await history(caseId, 'claimed');
    assert.equal(claimed.length, 1);
    assert.match(claimed[0].actor, new RegExp(winner.name));
    assert.equal(claimed[0].actionLabel, '签收');
    assert.equal((await auditEntries(admin, `task:${task.id}`, 'task-claimed')).length, 1);
  });

  test('a claimed task is decided by its claimer only: others 409; another organisation 404', async () => {
    const { caseId, task } = await reviewTask();
    assert.equal((await wang.post(`/tasks/${task.id}/claim`, {})).status, 200);
    assertError(await liu.post(`/tasks/${task.id}/decision`, { decision: 'approve' }), 409, 'conflict');
    assertError(await psb.post(`/tasks/${task.id}/claim`, {}), 404, 'not_found');
    // An administrator holds no reviewer role: it cannot decide, but it can release the claim.
    assertError(await admin.post(`/tasks/${task.id}/decision`, { decision: 'approve' }), 404, 'not_found');
    const decided = await wang.post(`/tasks/${task.id}/decision`, { decision: 'approve' });
    assert.equal(decided.status, 200, decided.text);
    assert.equal((await caseOf(amr, caseId)).status, 'in-progress');
  });

  test('deciding an unclaimed task claims it for the decider', async () => {
    const { caseId, task } = await reviewTask();
    const r = await liu.post(`/tasks/${task.id}/decision`, { decision: 'return', comment: '请补充使用场景' });
    assert.equal(r.status, 200, r.text);
    const done = (r.body.case.tasks as Json[]).find((t) => t.id === task.id);
    assert.deepEqual(done.claimedBy, { id: ids.liu, name: '刘审核' });
    assert.equal((await history(caseId, 'claimed')).length, 1);
  });

  test('unclaim: the claimer or an administrator; others 409; an unclaimed task 409', async () => {
    const { caseId, task } = await reviewTask();
    assertError(await wang.post(`/tasks/${task.id}/unclaim`, {}), 409, 'conflict');
    assert.equal((await wang.post(`/tasks/${task.id}/claim`, {})).status, 200);
    assertError(await liu.post(`/tasks/${task.id}/unclaim`, {}), 409, 'conflict');
    assertError(await psb.post(`/tasks/${task.id}/unclaim`, {}), 404, 'not_found');
    // A retry of the same request (Idempotency-Key) gets the first answer, not a 409 for a claim already released.
    const key = { headers: { 'Idempotency-Key': `unclaim-${task.id}` } };
    const mine = await wang.post(`/tasks/${task.id}/unclaim`, { reason: '出差' }, key);
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.body.claimedBy, null);
    const retried = await wang.post(`/tasks/${task.id}/unclaim`, { reason: '出差' }, key);
    assert.equal(retried.status, 200, retried.text);
    assert.equal(retried.headers.get('idempotent-replayed'), 'true');
    // Now free: the other reviewer claims it, and an administrator releases that claim.
    assert.equal((await liu.post(`/tasks/${task.id}/claim`, {})).status, 200);
    const byAdmin = await admin.post(`/tasks/${task.id}/unclaim`, { reason: '人员调整' });
    assert.equal(byAdmin.status, 200, byAdmin.text);
    assert.equal(byAdmin.body.claimedBy, null);
    const released = await history(caseId, 'unclaimed');
    assert.equal(released.length, 2);
    assert.match(released[0].comment, /出差/);
    assert.match(released[1].comment, /退回 刘审核 的签收.*人员调整/);
    assert.match(released[1].actor, /系统管理员/);
  });

  test('transfer: to another reviewer of the organisation, with a reason; 422 for another organisation, a missing role, no reason', async () => {
    const { caseId, task } = await reviewTask();
    assert.equal((await wang.post(`/tasks/${task.id}/claim`, {})).status, 200);
    const candidates = await wang.get(`/tasks/${task.id}/transfer-candidates`);
    assert.equal(candidates.status, 200, candidates.text);
    assert.deepEqual(candidates.body.items, [{ id: ids.liu, name: '刘审核' }]);

    assertError(await wang.post(`/tasks/${task.id}/transfer`, { toUserId: ids.psb, reason: '转交' }), 422, 'validation_failed', { fields: ['toUserId'] });
    assertError(await wang.post(`/tasks/${task.id}/transfer`, { toUserId: ids.coordinator, reason: '转交' }), 422, 'validation_failed', { fields: ['toUserId'] });
    assertError(await wang.post(`/tasks/${task.id}/transfer`, { toUserId: ids.wang, reason: '转交' }), 422, 'validation_failed', { fields: ['toUserId'] });
    assertError(await wang.post(`/tasks/${task.id}/transfer`, { toUserId: 'no-such-user', reason: '转交' }), 422, 'validation_failed', { fields: ['toUserId'] });
    assertError(await wang.post(`/tasks/${task.id}/transfer`, { toUserId: ids.liu }), 422, 'validation_failed', { fields: ['reason'] });
    assertError(await wang.post(`/tasks/${task.id}/transfer`, { toUserId: ids.liu, reason: '   ' }), 422, 'validation_failed', { fields: ['reason'] });
    // Someone else's claim is not theirs to hand on.
    assertError(await liu.post(`/tasks/${task.id}/transfer`, { toUserId: ids.liu, reason: '我来办' }), 409, 'conflict');

    const r = await wang.post(`/tasks/${task.id}/transfer`, { toUserId: ids.liu, reason: '本人休假' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.claimedBy, { id: ids.liu, name: '刘审核' });
    // The new claimer decides; the old one may not any more.
    assertError(await wang.post(`/tasks/${task.id}/decision`, { decision: 'approve' }), 409, 'conflict');
    const moved = await history(caseId, 'transferred');
    assert.equal(moved.length, 1);
    assert.match(moved[0].actor, /王审核/);
    assert.match(moved[0].comment, /转办给 刘审核.*本人休假/);
    assert.ok(moved[0].at);
    assert.equal((await auditEntries(admin, `task:${task.id}`, 'task-transferred')).length, 1);
  });

  test('urge: the coordinator notifies the task’s organisation and role, in the history; others 403; a closed task 409', async () => {
    const { caseId, task } = await reviewTask();
    assertError(await wang.post(`/tasks/${task.id}/urge`, { message: '请尽快办理' }), 403, 'forbidden');
    assertError(await amr.post(`/tasks/${task.id}/urge`, { message: '请尽快办理' }), 403, 'forbidden');
    assertError(await coordinator.post(`/tasks/${task.id}/urge`, {}), 422, 'validation_failed', { fields: ['message'] });
    assertError(await coordinator.post('/tasks/no-such-task/urge', { message: '请尽快办理' }), 404, 'not_found');

    const r = await coordinator.post(`/tasks/${task.id}/urge`, { message: '申请单位急需，请今日办结' });
    assert.equal(r.status, 200, r.text);
    const notes = async (c: Client): Promise<Json[]> => ((await c.get('/notifications')).body.items as Json[]).filter((n) => n.taskId === task.id && n.kind === 'urge');
    for (const c of [wang, liu]) {
      const [n] = await notes(c);
      assert.ok(n, `${c.username} sees the urge`);
      assert.match(n.message, /申请单位急需，请今日办结/);
    }
    // Not another organisation's, nor another role's.
    assert.equal((await notes(psb)).length, 0);
    assert.equal((await notes(coordinator)).length, 0);
    const urged = await history(caseId, 'urged');
    assert.equal(urged.length, 1);
    assert.match(urged[0].actor, /李协调/);
    assert.equal(urged[0].comment, '申请单位急需，请今日办结');
    assert.equal((await admin.post(`/tasks/${task.id}/urge`, { message: '再次催办' })).status, 200);

    assert.equal((await wang.post(`/tasks/${task.id}/decision`, { decision: 'approve' })).status, 200);
    assertError(await coordinator.post(`/tasks/${task.id}/urge`, { message: '请尽快办理' }), 409, 'conflict');
    assertError(await wang.post(`/tasks/${task.id}/claim`, {}), 409, 'conflict');
  });
});
