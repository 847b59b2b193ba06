/**
 * Claims on a throwaway SQLite database: of many people claiming one task at
 * once exactly one wins, with one history entry and one audit entry; a retry
 * of a committed request writes nothing more; a transfer or release made on a
 * stale view of the claim changes nothing; an urge leaves its notification.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../client';
import { toJson } from '../json';
import { prepareDatabase } from '../../scripts/prepare-database';
import { createAuditRepository } from './audit.repository';
import { createTaskClaimsRepository, type InboxActor } from './task-claims.repository';

const auditKey = crypto.randomBytes(32);
let dir: string;
let db: Db;
let claims: ReturnType<typeof createTaskClaimsRepository>;

const person = (n: number): InboxActor => ({ id: `u${n}`, name: `审核员${n}`, orgId: 'bdb', orgName: '宁波市大数据发展管理局' });
const change = (taskId: string, actor: InboxActor, requestId: string = crypto.randomUUID()) => ({ taskId, requestId, actor, comment: null });

async function openTask(id: string): Promise<void> {
  await db.task.create({
    data: { id, caseId: 'RS-CLAIM-1', step: 'bdb-review', assigneeOrgId: 'bdb', assigneeRole: 'bdb-reviewer', status: 'open', decisions: toJson(['approve']), createdAt: new Date() },
  });
}
const row = (id: string) => db.task.findUniqueOrThrow({ where: { id } });
const historyOf = (id: string, action: string) => db.historyEntry.findMany({ where: { taskId: id, action } });
const auditOf = (id: string, action: string) => db.auditEntry.findMany({ where: { target: `task:${id}`, action } });

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-task-claims-'));
  const url = `file:${path.join(dir, 'claims.db')}`;
  await prepareDatabase(url, { seed: true });
  db = createDb(url);
  claims = createTaskClaimsRepository(db, { auditKey });
  await db.case.create({ data: { id: 'RS-CLAIM-1', type: 'restricted-share', status: 'in-progress', title: '测试', applicantOrgId: 'amr', payload: toJson({}), workflowId: 'wf-RS-CLAIM-1' } });
});

after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('task claims', () => {
  test('ten people claim one task at once: one wins; one history entry, one audit entry, the chain verifies', async () => {
    await openTask('t-race');
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => claims.claim(change('t-race', person(n)))));
    const winners = results.map((r, n) => (r.ok ? n : -1)).filter((n) => n >= 0);
    assert.equal(winners.length, 1);
    const winner = person(winners[0] as number);
    for (const r of results) if (!r.ok) assert.equal(r.task?.claimedById, winner.id);
    const t = await row('t-race');
    assert.equal(t.claimedById, winner.id);
    assert.equal(t.claimedByName, winner.name);
    assert.ok(t.claimedAt);
    assert.equal((await historyOf('t-race', 'claimed')).length, 1);
    assert.equal((await auditOf('t-race', 'task-claimed')).length, 1);
    assert.equal((await createAuditRepository(db, { auditKey }).verify()).ok, true);
  });

  test('a retry of a committed request writes nothing more', async () => {
    await openTask('t-retry');
    const c = change('t-retry', person(1), 'req-1');
    assert.equal((await claims.claim(c)).ok, true);
    assert.equal((await claims.claim(c)).ok, true);
    assert.equal((await historyOf('t-retry', 'claimed')).length, 1);
    assert.equal((await auditOf('t-retry', 'task-claimed')).length, 1);
  });

  test('a transfer or release on a stale view of the claim changes nothing', async () => {
    await openTask('t-stale');
    assert.equal((await claims.claim(change('t-stale', person(1)))).ok, true);
    // Someone who saw it unclaimed hands it on: refused, the claim stays.
    const stale = await claims.transfer(change('t-stale', person(2)), null, { id: 'u3', name: '审核员3' });
    assert.equal(stale.ok, false);
    assert.equal((await row('t-stale')).claimedById, 'u1');
    assert.equal((await claims.unclaim(change('t-stale', person(2)), 'u2')).ok, false);
    assert.equal((await historyOf('t-stale', 'transferred')).length, 0);
    // As seen: handed to u3, then released by u3.
    assert.equal((await claims.transfer(change('t-stale', person(1)), 'u1', { id: 'u3', name: '审核员3' })).ok, true);
    assert.equal((await row('t-stale')).claimedById, 'u3');
    assert.equal((await claims.unclaim(change('t-stale', person(3)), 'u3')).ok, true);
    const t = await row('t-stale');
    assert.equal(t.claimedById, null);
    assert.equal(t.claimedAt, null);
  });

  test('a closed task is neither claimed nor urged', async () => {
    await openTask('t-closed');
    await db.task.update({ where: { id: 't-closed' }, data: { status: 'done' } });
    assert.equal((await claims.claim(change('t-closed', person(1)))).ok, false);
    assert.equal((await claims.urge(change('t-closed', person(9)), { message: '请办理' })).ok, false);
    assert.equal(await db.notification.count({ where: { taskId: 't-closed' } }), 0);
  });

  test('an urge notifies the task’s organisation and role, with a history entry', async () => {
    await openTask('t-urge');
    assert.equal((await claims.urge({ ...change('t-urge', person(9)), comment: '请今日办结' }, { message: '催办：请今日办结' })).ok, true);
    const notes = await db.notification.findMany({ where: { taskId: 't-urge' } });
    assert.deepEqual(notes.map((n) => [n.orgId, n.role, n.kind, n.message]), [['bdb', 'bdb-reviewer', 'urge', '催办：请今日办结']]);
    const [h] = await historyOf('t-urge', 'urged');
    assert.equal(h?.comment, '请今日办结');
    assert.match(h?.key ?? '', /^RS-CLAIM-1-inbox-/);
  });
});
