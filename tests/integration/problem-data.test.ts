/**
 * The problem-data closed loop over HTTP (PROCEDURES §6, Art. 27–29; API.md
 * "Problem-data docking"): filing by form, by a business system's key (retried
 * with the same Idempotency-Key: one case) and by the BDB; every refusal; the
 * three resolution modes; confirm, dispute, reopen, the BDB's limit; withdraw.
 */
import crypto from 'node:crypto';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, as, assertError, caseOf, type Client, decide, inboxOn, type Json, openTask } from './client';

let amr: Client; // reporter: an agency using NB-PSB-0001
let psb: Client; // provider of NB-PSB-0001
let water: Client; // an outsider to amr's reports
let reviewer: Client;
let coordinator: Client;
let admin: Client;
let acme: Client; // a company: not a using unit

before(async () => {
  [amr, psb, water, reviewer, coordinator, admin, acme] = await Promise.all([
    as('amr.applicant'),
    as('psb.provider'),
    as('water.provider'),
    as('bdb.reviewer'),
    as('bdb.coordinator'),
    as('admin'),
    as('acme.applicant'),
  ]);
});

const report = (over: Record<string, unknown> = {}) => ({
  resource: 'NB-PSB-0001',
  recordRef: `330203199001011234-${crypto.randomUUID().slice(0, 6)}`,
  field: '住址',
  problemType: 'error',
  description: '住址与不动产登记不一致',
  urgent: false,
  ...over,
});
const file = (c: Client, payload: Record<string, unknown>) => c.post('/cases', { type: 'problem-data', payload });
async function filed(c: Client = amr, over: Record<string, unknown> = {}): Promise<string> {
  const r = await file(c, report(over));
  assert.equal(r.status, 201, r.text);
  assert.match(r.body.id, /^PD-/);
  return r.body.id as string;
}
const bearer = (key: string, more: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${key}`, ...more } });
async function issueKey(orgId: string, name: string): Promise<{ id: string; key: string; prefix: string }> {
  const r = await admin.post('/admin/api-keys', { orgId, name });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

describe('problem data: who reports, and what is refused at filing', () => {
  test('a using unit reports by form; the provider, the reporter and the BDB see it, nobody else', async () => {
    const id = await filed();
    const task = await openTask(psb, id, 'provider-handle');
    assert.equal(task.assignee.org.id, 'psb');
    for (const c of [amr, psb, reviewer]) assert.equal((await caseOf(c, id)).id, id);
    assertError(await water.get(`/cases/${id}`), 404, 'not_found');
    const seenByProvider = await caseOf(psb, id);
    assert.ok(seenByProvider.history.some((h: Json) => h.action === 'filed'));
  });

  test('a company may not report (403); its own data is not reported to the provider itself (422, Art. 27)', async () => {
    assertError(await file(acme, report()), 403, 'forbidden');
    assertError(await file(psb, report()), 422, 'rule_refused', { fields: ['resource'], article: '第27条' });
  });

  test('an unknown resource cites Art. 10; a bad shape names each field', async () => {
    assertError(await file(amr, report({ resource: 'NB-NOPE-9999' })), 422, 'rule_refused', { fields: ['resource'], article: '第10条' });
    const r = await file(amr, { resource: 'NB-PSB-0001', problemType: 'typo', urgent: 'yes' });
    assert.equal(r.status, 422, r.text);
    for (const f of ['recordRef', 'field', 'problemType', 'description', 'urgent']) assert.ok(f in r.body.error.fields, `${f}: ${r.text}`);
  });

  test('the BDB reports from its quality checks (Art. 29) and confirms the answer itself', async () => {
    const id = await filed(reviewer, { problemType: 'omission' });
    await decide(psb, (await openTask(psb, id, 'provider-handle')).id, { decision: 'verified-correct', comment: '该记录按规定不予归集' });
    const confirm = await openTask(reviewer, id, 'reporter-confirm');
    assert.equal(confirm.assignee.role, 'bdb-reviewer');
    const c = await decide(reviewer, confirm.id, { decision: 'accept' });
    assert.equal(c.status, 'closed');
    assert.equal(c.outcome.problem.resolution, 'verified-correct');
    assert.equal(c.outcome.problem.closedBy, 'reporter');
  });
});

describe('problem data: a business system docks with an API key (Art. 28)', () => {
  test('files with its key; a retry with the same Idempotency-Key answers with the same single case; filing is audited', async () => {
    const k = await issueKey('amr', `登记系统-${crypto.randomUUID().slice(0, 6)}`);
    const mine = async () => (await amr.get('/cases?type=problem-data&mine=true&limit=200')).body.items.length as number;
    const before = await mine();
    const idem = crypto.randomUUID();
    const payload = report();
    const first = await anonymous().post('/problem-reports', payload, bearer(k.key, { 'Idempotency-Key': idem }));
    assert.equal(first.status, 201, first.text);
    assert.match(first.body.id, /^PD-/);
    assert.equal(first.body.status, 'in-progress');
    const again = await anonymous().post('/problem-reports', payload, bearer(k.key, { 'Idempotency-Key': idem }));
    assert.equal(again.status, 201, again.text);
    assert.deepEqual(again.body, first.body);
    assert.equal(await mine(), before + 1, 'one case however often the system retries');

    await openTask(psb, first.body.id, 'provider-handle');
    const c = await caseOf(amr, first.body.id);
    assert.equal(c.applicant.org.id, 'amr');
    assert.equal(c.history.find((h: Json) => h.action === 'filed')?.article, '第28条');
    const audit = await admin.get(`/admin/audit?target=${encodeURIComponent(`case:${first.body.id}`)}`);
    assert.ok(audit.body.items.some((e: Json) => e.action === 'case-file' && e.actor.startsWith('接口：')), audit.text);
  });

  test('only keys file here: a signed-in user gets 403, a company’s key 403, a revoked key 401', async () => {
    assertError(await amr.post('/problem-reports', report()), 403, 'forbidden');
    const company = await issueKey('acme', `企业系统-${crypto.randomUUID().slice(0, 6)}`);
    assertError(await anonymous().post('/problem-reports', report(), bearer(company.key)), 403, 'forbidden');
    const k = await issueKey('water', `营业系统-${crypto.randomUUID().slice(0, 6)}`);
    assert.equal((await admin.del(`/admin/api-keys/${k.id}`)).status, 204);
    assertError(await anonymous().post('/problem-reports', report(), bearer(k.key)), 401, 'unauthenticated');
  });

  test('the same payload rules: a bad payload by key is 422 with its fields', async () => {
    const k = await issueKey('water', `营业系统-${crypto.randomUUID().slice(0, 6)}`);
    assertError(await anonymous().post('/problem-reports', report({ problemType: 'typo' }), bearer(k.key)), 422, 'validation_failed', { fields: ['problemType'] });
  });
});

describe('problem data: the loop', () => {
  test('each resolution mode needs its fields (422, Art. 27 ¶4)', async () => {
    const id = await filed();
    const t = await openTask(psb, id, 'provider-handle');
    const send = (body: Record<string, unknown>) => psb.post(`/tasks/${t.id}/decision`, body);
    assertError(await send({ decision: 'corrected', comment: '已更正' }), 422, 'rule_refused', { fields: ['dataVersion'], article: '第27条第4款' });
    assertError(await send({ decision: 'verified-correct' }), 422, 'rule_refused', { fields: ['comment'], article: '第27条第4款' });
    assertError(await send({ decision: 'communicated', comment: '下季度修正' }), 422, 'rule_refused', { fields: ['agreedWith'], article: '第27条第4款' });
    assertError(await send({ decision: 'request-extension', comment: '需核查' }), 422, 'rule_refused', { fields: ['newDueAt'] });
  });

  test('an extension past receipt + 60 natural days is refused (422, Art. 27 ¶3) before the BDB is asked', async () => {
    const id = await filed();
    const t = await openTask(psb, id, 'provider-handle');
    const tooLate = new Date(Date.now() + 62 * 86_400_000).toISOString();
    assertError(await psb.post(`/tasks/${t.id}/decision`, { decision: 'request-extension', newDueAt: tooLate, comment: '需现场核查' }), 422, 'rule_refused', {
      fields: ['newDueAt'],
      article: '第27条第3款',
    });
    assert.equal((await inboxOn(reviewer, id)).length, 0, 'no extension review opened');
    assert.equal((await inboxOn(psb, id)).length, 1, 'the provider still holds the task');
  });

  test('corrected → accepted → closed; the outcome records the mode and the round', async () => {
    const id = await filed();
    await decide(psb, (await openTask(psb, id, 'provider-handle')).id, { decision: 'corrected', comment: '已按不动产登记更正住址', dataVersion: 'v2026.12.01' });
    assertError(await amr.post(`/cases/${id}/withdraw`, {}), 409, 'conflict');
    const c = await decide(amr, (await openTask(amr, id, 'reporter-confirm')).id, { decision: 'accept' });
    assert.equal(c.status, 'closed');
    assert.equal(c.outcome.problem.resolution, 'corrected');
    assert.equal(c.outcome.problem.rounds[0].dataVersion, 'v2026.12.01');
  });

  test('dispute → reopen sends it back to the provider with a new deadline; the BDB may set a limit; others may not', async () => {
    const id = await filed(amr, { urgent: true });
    const first = await openTask(psb, id, 'provider-handle');
    assertError(await amr.post(`/cases/${id}/handling-limit`, { workingDays: 3, reason: '紧急' }), 403, 'forbidden');
    assertError(await coordinator.post(`/cases/${id}/handling-limit`, { workingDays: 0, reason: '紧急' }), 422, 'validation_failed', { fields: ['workingDays'] });
    const limited = await coordinator.post(`/cases/${id}/handling-limit`, { workingDays: 3, reason: '涉及多部门核查' });
    assert.equal(limited.status, 200, limited.text);
    const moved = (await inboxOn(psb, id))[0];
    assert.ok(Date.parse(moved.dueAt) > Date.parse(first.dueAt), 'the deadline moved out');
    assert.ok(limited.body.history.some((h: Json) => h.action === 'deadline-moved'));

    await decide(psb, first.id, { decision: 'communicated', comment: '下季度统一修正', agreedWith: '市场监管局 陈市监' });
    await decide(amr, (await openTask(amr, id, 'reporter-confirm')).id, { decision: 'dispute', comment: '影响企业登记，不能等到下季度' });
    const c = await decide(coordinator, (await openTask(coordinator, id, 'bdb-arbitration')).id, { decision: 'reopen', comment: '请在限期内修正' });
    assert.equal(c.status, 'in-progress');
    const again = await openTask(psb, id, 'provider-handle');
    assert.notEqual(again.id, first.id);
    assert.ok(c.history.some((h: Json) => h.action === 'reopened'));
  });

  test('the reporter withdraws while the provider has not answered', async () => {
    const id = await filed();
    await openTask(psb, id, 'provider-handle');
    assertError(await psb.post(`/cases/${id}/withdraw`, {}), 403, 'forbidden');
    const r = await amr.post(`/cases/${id}/withdraw`, { reason: '已自行核实' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'withdrawn');
  });
});
