/**
 * The conditional open-data application 有条件开放申请 over HTTP (PROCEDURES §5,
 * Art. 21–25, 32), against the real workflow: filing refusals, both assessments,
 * a request-info round, the agreement (text, hash, signatures, PDF), active use.
 */
import crypto from 'node:crypto';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API, as, assertError, caseOf, type Client, decide, type Json, openTask, waitFor } from './client';

let acme: Client; // 宁波某科技有限公司, public-applicant
let zhang: Client; // 张三, public-applicant: an outsider to acme's cases
let amr: Client; // an agency (applicant, provider of NB-AMR-0002)
let reviewer: Client;
let water: Client; // provider of NB-WATER-0001

before(async () => {
  [acme, zhang, amr, reviewer, water] = await Promise.all([as('acme.applicant'), as('citizen.zhang'), as('amr.applicant'), as('bdb.reviewer'), as('water.provider')]);
});

const coPayload = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  resources: ['NB-WATER-0001'],
  purpose: '研究居民用水行为，为节水产品设计提供依据',
  scenario: '节水智能水表算法训练',
  securityMeasures: '数据存放于等保三级机房，专人专岗访问',
  contact: '刘经理 0574-88886666',
  crossBorder: false,
  ...over,
});
const file = (c: Client, payload: Record<string, unknown>) => c.post('/cases', { type: 'conditional-open', payload });
async function filed(payload = coPayload()): Promise<string> {
  const r = await file(acme, payload);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.type, 'conditional-open');
  return r.body.id as string;
}
const actions = (c: Json): string[] => c.history.map((h: Json) => h.action);

async function bothApproved(): Promise<string> {
  const id = await filed();
  await decide(reviewer, (await openTask(reviewer, id, 'bdb-assessment')).id, { decision: 'approve' });
  await decide(water, (await openTask(water, id, 'provider-assessment')).id, { decision: 'approve' });
  return id;
}

describe('conditional open: who files and what is refused at filing', () => {
  test('only public applicants file (403 for an agency)', async () => {
    assertError(await file(amr, coPayload()), 403, 'forbidden');
  });

  test('a not-open resource is refused citing Art. 21, at its field', async () => {
    assertError(await file(acme, coPayload({ resources: ['NB-WATER-0001', 'NB-PSB-0001'] })), 422, 'rule_refused', { fields: ['resources.1'], article: '第21条' });
  });

  test('an unconditional-open resource needs no application: the answer says where to get it', async () => {
    const r = await file(acme, coPayload({ resources: ['NB-AMR-0001'] }));
    assertError(r, 422, 'rule_refused', { fields: ['resources.0'], article: '第25条第2款' });
    assert.match(r.body.error.message, /开放平台/);
  });

  test('cross-border use is refused (Art. 32) unless a security assessment is recorded', async () => {
    assertError(await file(acme, coPayload({ crossBorder: true })), 422, 'rule_refused', { fields: ['crossBorder'], article: '第32条' });
    const ok = await file(acme, coPayload({ crossBorder: true, securityAssessment: '已通过省网信办数据出境安全评估（编号 ZJ-2026-0001）' }));
    assert.equal(ok.status, 201, ok.text);
  });

  test('missing purpose and unknown resources name their fields', async () => {
    assertError(await file(acme, coPayload({ purpose: '' })), 422, 'validation_failed', { fields: ['purpose'] });
    assertError(await file(acme, coPayload({ resources: ['NB-NOPE-0001'] })), 422, 'rule_refused', { fields: ['resources.0'], article: '第22条' });
  });
});

describe('conditional open: from filing to active', () => {
  test('both assess in parallel (10 working days each); the agreement is signed, countersigned, and the data used', async () => {
    const id = await filed();
    const bdbTask = await openTask(reviewer, id, 'bdb-assessment');
    const waterTask = await openTask(water, id, 'provider-assessment');
    for (const t of [bdbTask, waterTask]) assert.ok(t.dueAt, 'a policy deadline of 10 working days');
    assertError(await acme.get(`/cases/${id}/agreement`), 404, 'not_found');

    await decide(reviewer, bdbTask.id, { decision: 'approve' });
    assertError(await acme.get(`/cases/${id}/agreement`), 404, 'not_found'); // both must approve
    await decide(water, waterTask.id, { decision: 'approve' });

    const sign = await openTask(acme, id, 'applicant-sign');
    const agreement = (await waitFor('the agreement', async () => {
      const r = await acme.get(`/cases/${id}/agreement`);
      return r.status === 200 ? r.body : null;
    })) as Json;
    assert.equal(agreement.sha256, crypto.createHash('sha256').update(agreement.text, 'utf8').digest('hex'));
    assert.match(agreement.text, /数据利用协议/);
    assert.ok(agreement.text.includes('宁波某科技有限公司') && agreement.text.includes('用水户信息'));
    assertError(await zhang.get(`/cases/${id}/agreement`), 404, 'not_found');

    assertError(await acme.post(`/tasks/${sign.id}/decision`, { decision: 'sign', agreementSha256: agreement.sha256 }), 422, 'rule_refused', { fieldsInclude: ['signerName'] });
    assertError(await acme.post(`/tasks/${sign.id}/decision`, { decision: 'sign', signerName: '刘经理', agreementSha256: 'b'.repeat(64) }), 409, 'conflict');
    await decide(acme, sign.id, { decision: 'sign', signerName: '刘经理', agreementSha256: agreement.sha256 });
    const counter = await openTask(reviewer, id, 'bdb-countersign');
    const active = await decide(reviewer, counter.id, { decision: 'sign', signerName: '王审核' });
    assert.equal(active.status, 'active');
    assert.ok(actions(active).includes('agreement-effective'));

    const signed = (await acme.get(`/cases/${id}/agreement`)).body;
    assert.deepEqual(signed.signatures.map((s: Json) => [s.step, s.signerName, s.sha256]), [
      ['applicant-sign', '刘经理', agreement.sha256],
      ['bdb-countersign', '王审核', agreement.sha256],
    ]);
    assert.ok(signed.signatures.every((s: Json) => s.userId && s.at));

    const pdf = await fetch(`${API}/cases/${id}/agreement.pdf`, { headers: { cookie: acme.cookie! } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');

    const c = await caseOf(acme, id);
    assert.equal(c.outcome.grants.length, 1);
    const grant = c.outcome.grants[0];
    assert.equal(grant.status, 'active');
    const use = await acme.post(`/grants/${grant.id}/access`, { purpose: '训练节水模型' });
    assert.equal(use.status, 200, use.text);
  });

  test('request-info pauses the clock, the supplement resumes it; a reject ends the case and cancels the other side', async () => {
    const id = await filed();
    const bdbTask = await openTask(reviewer, id, 'bdb-assessment');
    assertError(await reviewer.post(`/tasks/${bdbTask.id}/decision`, { decision: 'request-info' }), 422, 'rule_refused', { fieldsInclude: ['comment'] });
    await decide(reviewer, bdbTask.id, { decision: 'request-info', comment: '请补充数据安全管理制度' });
    const supplement = await openTask(acme, id, 'applicant-supplement');
    let c = await caseOf(acme, id);
    assert.match(c.history.find((h: Json) => h.action === 'clock-paused')?.comment ?? '', /剩余 \d+ 个工作日/);

    assertError(await acme.post(`/tasks/${supplement.id}/decision`, { decision: 'resubmit', payload: coPayload({ resources: ['NB-WATER-0001', 'NB-AMR-0002'] }) }), 422, 'rule_refused', {
      fieldsInclude: ['payload.resources'],
    });
    assertError(await acme.post(`/tasks/${supplement.id}/decision`, { decision: 'resubmit', payload: coPayload({ securityMeasures: '' }) }), 422, 'validation_failed', { fieldsInclude: ['payload.securityMeasures'] });
    c = await decide(acme, supplement.id, { decision: 'resubmit', payload: coPayload({ securityMeasures: '等保三级机房；已制定数据安全管理制度（附件）' }) });
    assert.ok(actions(c).includes('clock-resumed'));
    assert.equal(c.payload.securityMeasures, '等保三级机房；已制定数据安全管理制度（附件）');

    const again = await openTask(reviewer, id, 'bdb-assessment');
    assert.notEqual(again.id, bdbTask.id);
    const waterTask = await openTask(water, id, 'provider-assessment');
    const rejected = await decide(water, waterTask.id, { decision: 'reject', comment: '含用户地址，暂不具备开放条件' });
    assert.equal(rejected.status, 'rejected');
    assert.equal((await caseOf(reviewer, id)).openTasks.length, 0, "the BDB's assessment is cancelled");
  });

  test('the applicant sees the case in 我的办件 and may withdraw before signing', async () => {
    const id = await bothApproved();
    const mine = await acme.get('/cases?mine=true&type=conditional-open');
    assert.ok(mine.body.items.some((c: Json) => c.id === id));
    const c = await caseOf(acme, id);
    assert.equal(c.canWithdraw, true);
    const r = await acme.post(`/cases/${id}/withdraw`, { reason: '项目调整' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'withdrawn');
  });
});

describe('restricted share on the kernel: non-share data only desensitized', () => {
  test('a plain agree on a non-share resource is refused (422, Art. 16 ¶2, 17 ¶3); the task does not offer it', async () => {
    const psb = await as('psb.provider');
    const r = await amr.post('/cases', {
      type: 'restricted-share',
      payload: { resources: ['NB-PSB-0002'], dataItems: ['变动类型'], businessProcess: '户籍核验', scenario: '企业开办', dutyBasis: '履职需要', method: 'interface', accessDays: 30, desensitized: true, undertaking: true },
    });
    assert.equal(r.status, 201, r.text);
    await decide(reviewer, (await openTask(reviewer, r.body.id, 'bdb-review')).id, { decision: 'approve' });
    const consent = await openTask(psb, r.body.id, 'provider-consent');
    assert.ok(!consent.decisions.includes('agree'));
    assertError(await psb.post(`/tasks/${consent.id}/decision`, { decision: 'agree' }), 422, 'rule_refused', { article: '第16条第2款、第17条第3款', fields: ['decision'] });
    const c = await decide(psb, consent.id, { decision: 'agree-desensitized', desensitization: { fields: ['公民身份号码'], rule: '保留前6位和后4位' } });
    assert.equal(c.status, 'granted');
  });
});
