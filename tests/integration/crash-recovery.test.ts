/**
 * A crash between claiming an Idempotency-Key and answering (issue #12): an API
 * process of its own, on the stack's database and Temporal, is killed (SIGKILL,
 * through a failpoint) at each dangerous moment; the retry with the same key,
 * sent to the stack's API, takes the dead process's key over once its lease
 * lapses and answers with the real outcome — nothing lost, nothing twice.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { as, auditEntries, caseOf, Client, fileCase, openTask, rsPayload, waitFor, type Json } from './client';
import { freePort } from '../../scripts/lib/free-port';

const root = path.resolve(__dirname, '..', '..');
const children: ChildProcess[] = [];


/** An API process (no web) on the stack's database and Temporal that dies at `failpoint`. */
async function doomedApi(failpoint: string): Promise<{ api: string; exited: Promise<number | null> }> {
  for (const v of ['DATABASE_URL', 'DATA_DIR', 'TEMPORAL_ADDRESS', 'TEMPORAL_TASK_QUEUE']) assert.ok(process.env[v], `${v} is set by npm test`);
  const port = await freePort();
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'server.ts'), '--api-only'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', YONGSHU_FAILPOINTS: failpoint, IDEMPOTENCY_LEASE_SECONDS: '3' },
    stdio: 'ignore',
  });
  children.push(child);
  // tsx runs node as a child: the kill shows as exit code 137 (128 + SIGKILL) of the wrapper, or as the signal itself.
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal === 'SIGKILL' ? 137 : code)));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`the doomed API on ${port}`, async () => (await fetch(`${base}/api/v1/health`).catch(() => null))?.status === 200, 60_000, 300);
  return { api: `${base}/api/v1`, exited };
}

/** Sends a POST to the doomed API with the caller's session; resolves when the process died without answering. */
async function postAndDie(api: string, as: Client, pathName: string, body: unknown, key: string, exited: Promise<number | null>): Promise<void> {
  const sent = fetch(`${api}${pathName}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: as.cookie ?? '', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  }).then(
    (r) => `answered ${r.status}`,
    () => 'no answer',
  );
  assert.equal(await sent, 'no answer');
  assert.equal(await exited, 137, 'the process was killed');
}

const auditCount = async (admin: Client, target: string, action: string) => (await auditEntries(admin, target, action)).length;

describe('crash between claim and answer', () => {
  let amr: Client;
  let reviewer: Client;
  let admin: Client;
  before(async () => {
    [amr, reviewer, admin] = await Promise.all([as('amr.applicant'), as('bdb.reviewer'), as('admin')]);
  });
  after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });

  test('killed after the workflow took the decision: the retry answers 200 with it, audited once', async () => {
    const id = await fileCase(amr);
    const task = await openTask(reviewer, id, 'bdb-review');
    const key = `crash-${crypto.randomUUID()}`;
    const { api, exited } = await doomedApi('decision:after-update');
    await postAndDie(api, reviewer, `/tasks/${task.id}/decision`, { decision: 'approve' }, key, exited);

    const retry = await reviewer.post(`/tasks/${task.id}/decision`, { decision: 'approve' }, { headers: { 'Idempotency-Key': key } });
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.body.case.id, id);
    assert.equal(retry.body.case.tasks.find((t: Json) => t.id === task.id).decision, 'approve');
    assert.equal(await auditCount(admin, `task:${task.id}`, 'decision'), 1);
    // The key is settled now: a further retry is the replayed answer.
    const replay = await reviewer.post(`/tasks/${task.id}/decision`, { decision: 'approve' }, { headers: { 'Idempotency-Key': key } });
    assert.equal(replay.status, 200, replay.text);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
  });

  test('killed before the decision reached Temporal: the retry performs it', async () => {
    const id = await fileCase(amr);
    const task = await openTask(reviewer, id, 'bdb-review');
    const key = `crash-${crypto.randomUUID()}`;
    const { api, exited } = await doomedApi('decision:before-update');
    await postAndDie(api, reviewer, `/tasks/${task.id}/decision`, { decision: 'return', comment: '请补充' }, key, exited);
    assert.equal((await caseOf(amr, id)).tasks.find((t: Json) => t.id === task.id).status, 'open', 'nothing took effect');

    const retry = await reviewer.post(`/tasks/${task.id}/decision`, { decision: 'return', comment: '请补充' }, { headers: { 'Idempotency-Key': key } });
    assert.equal(retry.status, 200, retry.text);
    await openTask(amr, id, 'applicant-amend');
    assert.equal(await auditCount(admin, `task:${task.id}`, 'decision'), 1);
  });

  test('killed between the case row and the workflow start: the retry starts it; no case is lost or doubled', async () => {
    const key = `crash-${crypto.randomUUID()}`;
    const body = { type: 'restricted-share', payload: rsPayload() };
    const { api, exited } = await doomedApi('file:before-start');
    await postAndDie(api, amr, '/cases', body, key, exited);

    const retry = await amr.post('/cases', body, { headers: { 'Idempotency-Key': key } });
    assert.equal(retry.status, 201, retry.text);
    await openTask(reviewer, retry.body.id, 'bdb-review');
    const mine = await amr.get('/cases?mine=true');
    assert.equal((mine.body.items as Json[]).filter((c) => c.id === retry.body.id).length, 1);
    assert.equal(await auditCount(admin, `case:${retry.body.id}`, 'case-file'), 1);
  });

  test('a start nobody retried waits on the stuck-cases view; the admin starts it', async () => {
    const key = `crash-${crypto.randomUUID()}`;
    const before = await admin.get('/admin/stuck-cases');
    assert.equal(before.status, 200, before.text);
    const known = new Set((before.body.items as Json[]).map((s) => s.caseId));
    const { api, exited } = await doomedApi('file:before-start');
    await postAndDie(api, amr, '/cases', { type: 'restricted-share', payload: rsPayload() }, key, exited);

    const listed = await waitFor('the unstarted case on the stuck-cases view', async () => {
      const r = await admin.get('/admin/stuck-cases');
      return (r.body.items as Json[]).find((s) => !known.has(s.caseId) && s.problem === 'start' && s.kind === 'start-pending');
    });
    // The applicant sees the case too: it was saved, not lost.
    assert.equal((await caseOf(amr, listed.caseId)).status, 'in-progress');
    const retry = await admin.post(`/admin/stuck-cases/${listed.caseId}/retry`, {});
    assert.equal(retry.status, 202, retry.text);
    await openTask(reviewer, listed.caseId, 'bdb-review');
    const after = await admin.get('/admin/stuck-cases');
    assert.equal((after.body.items as Json[]).some((s) => s.caseId === listed.caseId), false);
  });
});
