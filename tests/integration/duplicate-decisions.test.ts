/**
 * Duplicate decisions (issue #12): however many times one task is decided at
 * once — with or without an Idempotency-Key — one decision takes effect, the
 * audit log has one entry for it, and every other caller gets a clear answer
 * (409, or the first answer replayed for the same key).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { as, auditEntries, caseOf, fileCase, openTask, type Client, type Json } from './client';

describe('duplicate decisions', () => {
  let amr: Client;
  let reviewer: Client;
  let admin: Client;
  before(async () => {
    [amr, reviewer, admin] = await Promise.all([as('amr.applicant'), as('bdb.reviewer'), as('admin')]);
  });

  test('50 parallel decisions without a key: one 200, 49 × 409, one audit entry', async () => {
    const id = await fileCase(amr);
    const task = await openTask(reviewer, id, 'bdb-review');
    const answers = await Promise.all(Array.from({ length: 50 }, () => reviewer.post(`/tasks/${task.id}/decision`, { decision: 'approve' })));
    const byStatus = new Map<number, number>();
    for (const r of answers) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(byStatus), { 200: 1, 409: 49 }, answers.filter((r) => r.status !== 200 && r.status !== 409).map((r) => r.text).join('\n'));
    for (const r of answers.filter((x) => x.status === 409)) assert.equal(r.body.error.code, 'conflict');
    assert.equal((await auditEntries(admin, `task:${task.id}`, 'decision')).length, 1);
    const c = await caseOf(amr, id);
    assert.equal(c.history.filter((h: Json) => h.action === 'decided' && h.step === 'bdb-review').length, 1);
  });

  test('20 parallel retries with one key: all get the one answer, one audit entry', async () => {
    const id = await fileCase(amr);
    const task = await openTask(reviewer, id, 'bdb-review');
    const key = `dup-${crypto.randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => reviewer.post(`/tasks/${task.id}/decision`, { decision: 'approve' }, { headers: { 'Idempotency-Key': key } })),
    );
    for (const r of answers) assert.equal(r.status, 200, r.text);
    assert.equal(new Set(answers.map((r) => r.body.case.id)).size, 1);
    assert.equal((await auditEntries(admin, `task:${task.id}`, 'decision')).length, 1);
    // A different request on the decided task is refused, and nothing more is audited.
    const other = await reviewer.post(`/tasks/${task.id}/decision`, { decision: 'approve' });
    assert.equal(other.status, 409, other.text);
    assert.equal((await auditEntries(admin, `task:${task.id}`, 'decision')).length, 1);
  });

  test('filing, decisions and withdrawal are audited by the workflow once each', async () => {
    const id = await fileCase(amr);
    const task = await openTask(reviewer, id, 'bdb-review');
    await reviewer.post(`/tasks/${task.id}/decision`, { decision: 'return', comment: '请补充使用场景' });
    const amend = await openTask(amr, id, 'applicant-amend');
    const w = await amr.post(`/cases/${id}/withdraw`, { reason: '不再需要' });
    assert.equal(w.status, 200, w.text);
    const again = await amr.post(`/cases/${id}/withdraw`, { reason: '不再需要' });
    assert.equal(again.status, 409, again.text);
    assert.equal((await auditEntries(admin, `case:${id}`, 'case-file')).length, 1);
    assert.equal((await auditEntries(admin, `task:${task.id}`, 'decision')).length, 1);
    assert.equal((await auditEntries(admin, `case:${id}`, 'case-withdraw')).length, 1);
    assert.equal((await caseOf(amr, id)).status, 'withdrawn');
    assert.ok(amend.id);
    const verify = await admin.get('/admin/audit/verify');
    assert.equal(verify.body.ok, true, verify.text);
  });
});
