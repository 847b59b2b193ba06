/**
 * Least privilege on reads (PROCEDURES §1: nobody but the addressee may see a task)
 * and API keys that act with the roles their organisation's kind allows (Art. 28).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, as, assertError, caseOf, type Client, decide, type Json, openTask, rsPayload } from './client';

let amr: Client; // applicant (市市场监督管理局, agency)
let reviewer: Client; // bdb.reviewer
let coordinator: Client; // bdb.coordinator
let psb: Client; // provider of NB-PSB-0001
let water: Client; // provider of NB-WATER-0001
let admin: Client;

before(async () => {
  [amr, reviewer, coordinator, psb, water, admin] = await Promise.all([
    as('amr.applicant'),
    as('bdb.reviewer'),
    as('bdb.coordinator'),
    as('psb.provider'),
    as('water.provider'),
    as('admin'),
  ]);
});

// Texts each party wrote, so a test can tell exactly what reached whom.
const MARK = {
  bdbApproval: '材料齐全（审核意见-甲）',
  psbComment: '涉及公民身份信息（公安意见-乙）',
  psbBasis: '《中华人民共和国居民身份证法》第十九条（公安依据-丙）',
  waterComment: '同意用于企业开办核验（水务意见-丁）',
  coordinationBasis: '《宁波市公共数据管理办法》第十七条（协调依据-戊）',
};
const mentions = (view: Json, text: string) => JSON.stringify(view).includes(text);

describe('case detail is scoped to what each party needs', () => {
  let id: string;
  let psbTask: Json;
  let waterTask: Json;

  before(async () => {
    const filed = await amr.post('/cases', {
      type: 'restricted-share',
      payload: rsPayload({ resources: ['NB-PSB-0001', 'NB-WATER-0001'], dataItems: ['姓名', '用水地址'] }),
    });
    assert.equal(filed.status, 201, filed.text);
    id = filed.body.id;
    const review = await openTask(reviewer, id, 'bdb-review');
    await decide(reviewer, review.id, { decision: 'approve', comment: MARK.bdbApproval });
    [psbTask, waterTask] = await Promise.all([openTask(psb, id, 'provider-consent'), openTask(water, id, 'provider-consent')]);

    const afterPsb = await decide(psb, psbTask.id, { decision: 'disagree', comment: MARK.psbComment, legalBasis: MARK.psbBasis });
    // The answer to a decision is the case as its decider may see it.
    assert.equal(mentions(afterPsb, MARK.bdbApproval), false, 'psb’s answer shows the BDB’s review comment');
    assert.deepEqual(afterPsb.tasks.map((t: Json) => t.id), [psbTask.id]);

    const afterWater = await decide(water, waterTask.id, { decision: 'agree', comment: MARK.waterComment });
    assert.equal(mentions(afterWater, MARK.psbBasis), false, 'water’s answer shows psb’s legal basis');
    // psb's refusal opened the BDB's coordination task: water is not told of it, not even as a current step.
    await openTask(coordinator, id, 'bdb-coordination');
    assert.deepEqual((await caseOf(water, id)).currentSteps, []);
    const listed = await water.get(`/cases?q=${encodeURIComponent(id)}`);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.items.map((c: Json) => [c.id, c.currentSteps]), [[id, []]]);
    assert.ok((await caseOf(amr, id)).currentSteps.includes('bdb-coordination'));

    const coordination = await openTask(coordinator, id, 'bdb-coordination');
    const done = await decide(coordinator, coordination.id, { decision: 'uphold-refusal', legalBasis: MARK.coordinationBasis });
    assert.equal(done.status, 'granted', 'water’s resource is granted, psb’s refused');
  });

  test('water sees its own task, outcome and grant — not psb’s task, decision, legal basis or outcome note', async () => {
    const c = await caseOf(water, id);
    assert.deepEqual(c.tasks.map((t: Json) => t.id), [waterTask.id]);
    for (const t of [...c.tasks, ...c.openTasks]) assert.equal(t.assignee.org.id, 'water');
    for (const d of c.deadlines) assert.equal(d.org.id, 'water');
    assert.deepEqual(c.outcome.resources.map((r: Json) => [r.code, r.outcome]), [['NB-WATER-0001', 'granted']]);
    assert.deepEqual(c.outcome.grants.map((g: Json) => g.resourceCode), ['NB-WATER-0001']);

    // Its own decision is in its history; nobody else's is.
    const decided = c.history.filter((h: Json) => h.action === 'decided');
    assert.deepEqual(decided.map((h: Json) => [h.step, h.decision]), [['provider-consent', 'agree']]);
    assert.match(decided[0].comment, /水务意见-丁/);
    for (const text of [MARK.psbComment, MARK.psbBasis, MARK.coordinationBasis, MARK.bdbApproval]) assert.equal(mentions(c, text), false, `water sees “${text}”`);
    assert.equal(c.history.some((h: Json) => h.decision === 'disagree' || h.decision === 'uphold-refusal'), false);

    // What it needs to decide, and how the case ended, it still sees.
    assert.deepEqual(c.payload.resources, ['NB-PSB-0001', 'NB-WATER-0001']);
    assert.equal(c.status, 'granted');
    assert.ok(c.history.some((h: Json) => h.action === 'filed'));
    assert.ok(c.history.some((h: Json) => h.action === 'case-granted'));
    assert.equal(c.canWithdraw, false);
  });

  test('psb sees its own task, decision, legal basis and outcome — not water’s', async () => {
    const c = await caseOf(psb, id);
    assert.deepEqual(c.tasks.map((t: Json) => t.id), [psbTask.id]);
    assert.deepEqual(c.outcome.resources.map((r: Json) => [r.code, r.outcome]), [['NB-PSB-0001', 'refused']]);
    // The coordination's ruling on psb's own resource is psb's to know.
    assert.equal(c.outcome.resources[0].note, MARK.coordinationBasis);
    assert.deepEqual(c.outcome.grants, []);

    const decided = c.history.filter((h: Json) => h.action === 'decided');
    assert.deepEqual(decided.map((h: Json) => [h.step, h.decision]), [['provider-consent', 'disagree']]);
    assert.ok(mentions(c, MARK.psbBasis));
    for (const text of [MARK.waterComment, MARK.bdbApproval]) assert.equal(mentions(c, text), false, `psb sees “${text}”`);
    assert.equal(mentions(c.outcome, 'NB-WATER-0001'), false);
    assert.equal(c.history.some((h: Json) => h.decision === 'agree'), false);
  });

  test('the applicant and the BDB see every task, decision, legal basis and outcome', async () => {
    for (const [who, client] of [
      ['amr.applicant', amr],
      ['bdb.reviewer', reviewer],
    ] as const) {
      const c = await caseOf(client, id);
      const orgs = new Set(c.tasks.map((t: Json) => t.assignee.org.id));
      assert.deepEqual([...orgs].sort(), ['bdb', 'psb', 'water'], who);
      assert.deepEqual(c.outcome.resources.map((r: Json) => r.code).sort(), ['NB-PSB-0001', 'NB-WATER-0001'], who);
      for (const text of Object.values(MARK)) assert.ok(mentions(c, text), `${who} misses “${text}”`);
      assert.equal(c.history.filter((h: Json) => h.action === 'decided').length, 4, who);
    }
  });

  test('an organisation with no part in the case gets 404, and it is not in its list', async () => {
    const ndrc = await as('ndrc.opinion');
    assertError(await ndrc.get(`/cases/${id}`), 404, 'not_found');
    const list = await ndrc.get('/cases');
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.items.some((x: Json) => x.id === id), false);
    // The leadership office holds no task on this case, so it is not a party either.
    assertError(await (await as('leader.office')).get(`/cases/${id}`), 404, 'not_found');
  });

  test('a provider’s inbox and notifications hold only its own tasks', async () => {
    const done = await water.get('/tasks?status=done');
    assert.equal(done.status, 200, done.text);
    for (const t of done.body.items) assert.equal(t.assignee.org.id, 'water');
    assert.ok(done.body.items.some((t: Json) => t.id === waterTask.id));
    assert.equal(done.body.items.some((t: Json) => t.id === psbTask.id), false);
    const notes = await water.get('/notifications');
    assert.equal(notes.status, 200, notes.text);
    for (const n of notes.body.items) assert.notEqual(n.taskId, psbTask.id);
  });
});

describe('API keys act with the roles their organisation’s kind allows', () => {
  const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });
  const issue = async (orgId: string, name: string): Promise<{ id: string; key: string; prefix: string }> => {
    const r = await admin.post('/admin/api-keys', { orgId, name });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };

  test('a company’s key may not file a restricted-share request; an agency’s may; the BDB’s reads only', async () => {
    const company = await issue('acme', '企业系统对接');
    const me = await anonymous().get('/me', bearer(company.key));
    assert.equal(me.status, 200, me.text);
    assert.deepEqual(me.body.roles, ['public-applicant']);
    assertError(await anonymous().post('/cases', { type: 'restricted-share', payload: rsPayload() }, bearer(company.key)), 403, 'forbidden');

    const agency = await issue('amr', '登记系统对接');
    assert.deepEqual((await anonymous().get('/me', bearer(agency.key))).body.roles, ['applicant']);
    const filed = await anonymous().post('/cases', { type: 'restricted-share', payload: rsPayload() }, bearer(agency.key));
    assert.equal(filed.status, 201, filed.text);
    const c = await caseOf(amr, filed.body.id);
    assert.equal(c.applicant.org.id, 'amr');

    const bdb = await issue('bdb', '监管平台对接');
    assert.deepEqual((await anonymous().get('/me', bearer(bdb.key))).body.roles, []);
    assert.equal((await anonymous().get(`/cases/${filed.body.id}`, bearer(bdb.key))).status, 200);
    assertError(await anonymous().post('/cases', { type: 'restricted-share', payload: rsPayload() }, bearer(bdb.key)), 403, 'forbidden');
    assertError(await anonymous().get('/admin/api-keys', bearer(bdb.key)), 403, 'forbidden');
  });

  test('the list shows each key’s prefix, organisation and last use; a revoked key gets 401 at once; both acts are audited', async () => {
    const k = await issue('water', '供水营业系统');
    let list = await admin.get('/admin/api-keys');
    assert.equal(list.status, 200, list.text);
    let row = list.body.items.find((x: Json) => x.id === k.id);
    assert.deepEqual(
      { orgId: row.orgId, orgName: row.orgName, name: row.name, prefix: row.prefix, lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt, createdBy: row.createdBy, roles: row.roles },
      { orgId: 'water', orgName: '宁波市水务环境集团', name: '供水营业系统', prefix: k.prefix, lastUsedAt: null, revokedAt: null, createdBy: '系统管理员', roles: ['applicant'] },
    );
    assert.match(row.createdAt, /\+08:00$/);
    assert.ok(k.key.startsWith(k.prefix));
    assert.equal(JSON.stringify(list.body).includes(k.key), false, 'the list never shows a key');

    assert.equal((await anonymous().get('/me', bearer(k.key))).status, 200);
    list = await admin.get('/admin/api-keys');
    row = list.body.items.find((x: Json) => x.id === k.id);
    assert.match(row.lastUsedAt, /\+08:00$/);

    const revoked = await admin.del(`/admin/api-keys/${k.id}`);
    assert.equal(revoked.status, 204, revoked.text);
    assertError(await anonymous().get('/me', bearer(k.key)), 401, 'unauthenticated');
    assertError(await anonymous().post('/cases', { type: 'restricted-share', payload: rsPayload() }, bearer(k.key)), 401, 'unauthenticated');
    // Revoking again changes nothing: 204, the first revocation's time stays, one audit entry.
    list = await admin.get('/admin/api-keys');
    const revokedAt = list.body.items.find((x: Json) => x.id === k.id).revokedAt;
    assert.match(revokedAt, /\+08:00$/);
    assert.equal((await admin.del(`/admin/api-keys/${k.id}`)).status, 204);
    list = await admin.get('/admin/api-keys');
    assert.equal(list.body.items.find((x: Json) => x.id === k.id).revokedAt, revokedAt);

    const log = await admin.get(`/admin/audit?target=${encodeURIComponent('org:water')}`);
    assert.equal(log.status, 200, log.text);
    const ofKey = log.body.items.filter((e: Json) => e.detail?.keyId === k.id).map((e: Json) => `${e.actor}:${e.action}`);
    assert.deepEqual(ofKey.sort(), ['系统管理员:api-key-issue', '系统管理员:api-key-revoke']);
  });

  test('revoking an unknown key → 404; only administrators list or revoke keys', async () => {
    assertError(await admin.del('/admin/api-keys/no-such-key'), 404, 'not_found');
    const k = await issue('psb', '治安系统对接');
    assertError(await psb.get('/admin/api-keys'), 403, 'forbidden');
    assertError(await psb.del(`/admin/api-keys/${k.id}`), 403, 'forbidden');
    assertError(await anonymous().del(`/admin/api-keys/${k.id}`, bearer(k.key)), 403, 'forbidden');
    assertError(await anonymous().get('/admin/api-keys'), 401, 'unauthenticated');
    assert.equal((await anonymous().get('/me', bearer(k.key))).status, 200, 'the key still works');
  });
});
