/**
 * The restricted-share request 受限共享申请 over HTTP (PROCEDURES §4, Art. 16–20),
 * against the real workflow. Every test files its own case.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { as, assertError, caseOf, type Client, decide, fileCase, inboxOn, type Json, namesShanghaiTime, openTask, rsPayload, waitFor } from './client';

let amr: Client; // applicant (市市场监督管理局)
let reviewer: Client; // bdb.reviewer
let coordinator: Client; // bdb.coordinator
let psb: Client; // provider of NB-PSB-0001/0002
let water: Client; // provider of NB-WATER-0001, an outsider to psb's cases
let leader: Client; // leadership office
let admin: Client;

before(async () => {
  [amr, reviewer, coordinator, psb, water, leader, admin] = await Promise.all([
    as('amr.applicant'),
    as('bdb.reviewer'),
    as('bdb.coordinator'),
    as('psb.provider'),
    as('water.provider'),
    as('leader.office'),
    as('admin'),
  ]);
});

const file = (payload: Record<string, unknown>) => amr.post('/cases', { type: 'restricted-share', payload });

/** Files NB-PSB-0001 (or `payload`) and returns the case id and its first bdb-review task. */
async function inReview(payload: Record<string, unknown> = rsPayload()): Promise<{ id: string; review: Json }> {
  const id = await fileCase(amr, payload);
  const review = await openTask(reviewer, id, 'bdb-review');
  return { id, review };
}

/** Files and approves; returns the provider-consent task as psb sees it. */
async function atConsent(payload: Record<string, unknown> = rsPayload()): Promise<{ id: string; consent: Json }> {
  const { id, review } = await inReview(payload);
  await decide(reviewer, review.id, { decision: 'approve', comment: '材料齐全' });
  const consent = await openTask(psb, id, 'provider-consent');
  return { id, consent };
}

const actions = (c: Json): string[] => c.history.map((h: Json) => h.action);
const entry = (c: Json, action: string, pred: (h: Json) => boolean = () => true): Json => c.history.find((h: Json) => h.action === action && pred(h));

describe('restricted share: filing', () => {
  test('the 201 comes once the case is in the first assignee\'s inbox: no client has to poll for it', async () => {
    const id = await fileCase(amr);
    // Read at once, no waiting: the workflow's first record (case row, first task, history) is written before the answer.
    const inbox = await inboxOn(reviewer, id);
    assert.deepEqual(inbox.map((t) => t.step), ['bdb-review']);
    const c = await caseOf(amr, id);
    assert.equal(c.status, 'in-progress');
    assert.ok((c.history as Json[]).some((e) => e.action === 'filed'), 'the filing is in the history');
  });
});

describe('restricted share: filing refusals (422 with article and field)', () => {
  test('undertaking false → field undertaking, Art. 20', async () => {
    assertError(await file(rsPayload({ undertaking: false })), 422, 'validation_failed', { fields: ['undertaking'], article: '第20条' });
  });

  test('undertaking missing → field undertaking, Art. 20', async () => {
    const p = rsPayload();
    delete p.undertaking;
    assertError(await file(p), 422, 'validation_failed', { fields: ['undertaking'], article: '第20条' });
  });

  test('exchange without a written justification → field exchangeJustification, Art. 19', async () => {
    const r = await file(rsPayload({ method: 'exchange' }));
    assertError(r, 422, 'rule_refused', { fields: ['exchangeJustification'], article: '第19条' });
    assert.match(r.body.error.message, /第19条/);
  });

  test('exchange with a blank justification → still refused', async () => {
    assertError(await file(rsPayload({ method: 'exchange', exchangeJustification: '   ' })), 422, 'rule_refused', { fields: ['exchangeJustification'], article: '第19条' });
  });

  test('a non-share resource (NB-PSB-0002) without desensitized → Art. 16/17', async () => {
    const r = await file(rsPayload({ resources: ['NB-PSB-0002'], dataItems: ['变动类型'] }));
    assertError(r, 422, 'rule_refused', { fields: ['desensitized', 'resources.0'], article: /第16条/ });
    assert.match(r.body.error.article, /第17条/);
  });

  test('crossBorder true → field crossBorder, Art. 32', async () => {
    const r = await file(rsPayload({ crossBorder: true }));
    assertError(r, 422, 'rule_refused', { fields: ['crossBorder'], article: '第32条' });
    assert.match(r.body.error.message, /第32条/);
  });

  test('an unknown resource code → field resources.0, Art. 10', async () => {
    assertError(await file(rsPayload({ resources: ['NB-NOPE-0001'] })), 422, 'rule_refused', { fields: ['resources.0'], article: '第10条' });
  });

  test('an unknown code among known ones names its index', async () => {
    assertError(await file(rsPayload({ resources: ['NB-PSB-0001', 'NB-NOPE-0002'] })), 422, 'rule_refused', { fields: ['resources.1'] });
  });

  test('the same resource twice → field resources', async () => {
    assertError(await file(rsPayload({ resources: ['NB-PSB-0001', 'NB-PSB-0001'] })), 422, 'rule_refused', { fields: ['resources'] });
  });

  test('an empty payload → every required field named', async () => {
    const r = await file({});
    assertError(r, 422, 'validation_failed', {
      fields: ['accessDays', 'businessProcess', 'dataItems', 'dutyBasis', 'method', 'resources', 'scenario', 'undertaking'],
    });
  });

  test('blank texts, no resources, a bad method, accessDays 0 → each field named', async () => {
    const r = await file(rsPayload({ resources: [], dataItems: [], scenario: '  ', method: 'fax', accessDays: 0 }));
    assertError(r, 422, 'validation_failed', { fields: ['accessDays', 'dataItems', 'method', 'resources', 'scenario'] });
  });

  test('no payload at all → field payload', async () => {
    assertError(await amr.post('/cases', { type: 'restricted-share' }), 422, 'validation_failed', { fields: ['payload'] });
  });

  test('a public applicant (citizen.zhang) may not file → 403', async () => {
    const citizen = await as('citizen.zhang');
    assertError(await citizen.post('/cases', { type: 'restricted-share', payload: rsPayload() }), 403, 'forbidden');
  });

  test('a BDB reviewer (no applicant role) may not file → 403', async () => {
    assertError(await reviewer.post('/cases', { type: 'restricted-share', payload: rsPayload() }), 403, 'forbidden');
  });

  test('the allowed variants are accepted: desensitized non-share, justified exchange, cross-border with a security assessment', async () => {
    for (const p of [
      rsPayload({ resources: ['NB-PSB-0002'], dataItems: ['变动类型'], desensitized: true }),
      rsPayload({ method: 'exchange', exchangeJustification: '业务系统须在本地落地比对，已书面论证' }),
      rsPayload({ crossBorder: true, securityAssessment: '已通过国家网信部门数据出境安全评估（编号 TEST-001）' }),
    ]) {
      const r = await file(p);
      assert.equal(r.status, 201, `${JSON.stringify(p)} → ${r.status} ${r.text}`);
    }
  });

  test('a district BDB (haishu.bdb) may file for its district', async () => {
    const haishu = await as('haishu.bdb');
    const r = await haishu.post('/cases', { type: 'restricted-share', payload: rsPayload() });
    assert.equal(r.status, 201, r.text);
  });
});

describe('restricted share: unconditional resource (Art. 17 ¶1)', () => {
  test('NB-AMR-0001 is granted at once, with a grant and its history; no review task', async () => {
    const payload = rsPayload({ resources: ['NB-AMR-0001'], dataItems: ['统一社会信用代码', '企业名称'], accessDays: 30 });
    const id = await fileCase(await as('psb.provider'), payload);
    const c = await waitFor('the unconditional case to be granted', async () => {
      const x = await caseOf(psb, id);
      return x.status === 'granted' && x.outcome?.grants.length === 1 ? x : null;
    });
    assert.equal(c.type, 'restricted-share');
    assert.deepEqual(c.openTasks, []);
    assert.deepEqual(c.deadlines, []);
    assert.equal(c.applicant.org.id, 'psb');
    const g = c.outcome.grants[0];
    assert.equal(g.resourceCode, 'NB-AMR-0001');
    assert.equal(g.resourceName, '企业登记信息');
    assert.equal(g.status, 'active');
    assert.equal(g.method, 'interface');
    assert.deepEqual(g.scope, ['统一社会信用代码', '企业名称']);
    // Expiry: 30 natural days (the period asked for, within the share period of 365).
    const exp = await psb.get(`/calendar/deadline?from=${encodeURIComponent(g.grantedAt)}&naturalDays=30`);
    assert.equal(g.expiresAt, exp.body.deadline);
    assert.equal(c.outcome.resources[0].outcome, 'granted');
    assert.equal(c.outcome.problemList, false);
    assert.deepEqual(actions(c).filter((a) => a !== 'task-opened'), ['filed', 'granted', 'case-granted']);
    assert.equal(entry(c, 'granted').article, '第17条第1款');
    assert.equal(entry(c, 'filed').article, '第17条');
    for (const h of c.history) assert.match(h.at, /\+08:00$/);
    // No review was opened for it.
    assert.deepEqual(c.tasks, []);
    assert.deepEqual(await inboxOn(reviewer, id), []);
    // Ended: it cannot be withdrawn.
    assertError(await psb.post(`/cases/${id}/withdraw`, {}), 409, 'conflict');
  });
});

describe('restricted share: review, consent and grant', () => {
  test('the full happy path for NB-PSB-0001', async () => {
    const payload = rsPayload();
    const id = await fileCase(amr, payload);

    // Right after filing: the BDB reviewer gets the first task.
    const review = await openTask(reviewer, id, 'bdb-review');
    assert.equal(review.caseType, 'restricted-share');
    assert.deepEqual(review.assignee.org.id, 'bdb');
    assert.equal(review.assignee.role, 'bdb-reviewer');
    assert.deepEqual(review.decisions, ['approve', 'return', 'reject']);
    assert.equal(review.dueAt, null);
    assert.equal(review.overdue, false);

    const filed = await caseOf(amr, id);
    assert.equal(filed.status, 'in-progress');
    assert.equal(filed.applicant.org.id, 'amr');
    assert.equal(filed.applicant.user.displayName, '陈市监');
    assert.deepEqual(filed.payload, { ...payload, desensitized: false, crossBorder: false });
    assert.deepEqual(filed.openTasks.map((t: Json) => t.step), ['bdb-review']);
    assert.equal(filed.canWithdraw, true);
    // Not yet asked, the provider does not see the case.
    assertError(await psb.get(`/cases/${id}`), 404, 'not_found');

    const approved = await decide(reviewer, review.id, { decision: 'approve', comment: '材料齐全' });
    assert.equal(approved.status, 'in-progress');
    assert.deepEqual(approved.openTasks.map((t: Json) => [t.step, t.assignee.org.id]), [['provider-consent', 'psb']]);

    // The provider sees the consent task in its inbox, due 5 working days from receipt (Art. 17).
    const consent = await openTask(psb, id, 'provider-consent');
    assert.equal(consent.assignee.role, 'provider-reviewer');
    assert.deepEqual(consent.decisions, ['agree', 'agree-desensitized', 'disagree']);
    assert.equal(typeof consent.provisional, 'boolean');
    const due = await psb.get(`/calendar/deadline?from=${encodeURIComponent(consent.createdAt)}&workingDays=5`);
    assert.equal(due.status, 200, due.text);
    assert.equal(consent.dueAt, due.body.deadline);
    assert.equal(consent.provisional, due.body.provisional);
    assert.equal(consent.overdue, false);
    const mid = await caseOf(psb, id);
    assert.deepEqual(mid.deadlines, [
      { step: 'provider-consent', org: { id: 'psb', name: '宁波市公安局' }, dueAt: consent.dueAt, provisional: consent.provisional, overdue: false, light: consent.light, workingDaysLeft: consent.workingDaysLeft },
    ]);
    assert.ok(entry(mid, 'deadline-set'), 'the deadline is in the history');

    // Agree: the answer comes once the workflow took it, so the case is already granted.
    const granted = await decide(psb, consent.id, { decision: 'agree', comment: '同意共享' });
    assert.equal(granted.status, 'granted');
    assert.deepEqual(granted.openTasks, []);
    assert.equal(granted.canWithdraw, false);
    assert.equal(granted.outcome.resources.length, 1);
    assert.equal(granted.outcome.resources[0].code, 'NB-PSB-0001');
    assert.equal(granted.outcome.resources[0].outcome, 'granted');
    assert.deepEqual(granted.outcome.resources[0].provider, { id: 'psb', name: '宁波市公安局' });
    assert.equal(granted.outcome.grants.length, 1);
    const g = granted.outcome.grants[0];
    assert.equal(g.resourceCode, 'NB-PSB-0001');
    assert.equal(g.status, 'active');
    assert.deepEqual(g.scope, payload.dataItems);
    assert.equal(g.method, 'interface');
    const exp = await amr.get(`/calendar/deadline?from=${encodeURIComponent(g.grantedAt)}&naturalDays=180`);
    assert.equal(g.expiresAt, exp.body.deadline);

    // History: every step, with actor, time and article — all of it for the applicant;
    // the provider reads its own part, without the BDB's review decision.
    assert.equal(entry(granted, 'decided', (h) => h.step === 'bdb-review'), undefined);
    const whole = await caseOf(amr, id);
    const reviewDecision = entry(whole, 'decided', (h) => h.step === 'bdb-review');
    assert.equal(reviewDecision.decision, 'approve');
    assert.equal(reviewDecision.article, '第17条');
    assert.match(reviewDecision.actor, /王审核/);
    assert.equal(reviewDecision.comment, '材料齐全');
    const consentDecision = entry(granted, 'decided', (h) => h.step === 'provider-consent');
    assert.equal(consentDecision.decision, 'agree');
    assert.equal(consentDecision.article, '第17条');
    assert.match(consentDecision.actor, /周公安/);
    assert.equal(entry(granted, 'granted').article, '第17条');
    assert.equal(entry(granted, 'case-granted').article, '第17条');
    assert.ok(actions(granted).indexOf('filed') < actions(granted).indexOf('case-granted'));
    for (const h of granted.history) {
      assert.match(h.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      assert.equal(typeof h.actor, 'string');
      assert.equal(typeof h.actionLabel, 'string');
    }

    // The applicant sees the same; deciding again → 409.
    assert.equal((await caseOf(amr, id)).status, 'granted');
    assertError(await psb.post(`/tasks/${consent.id}/decision`, { decision: 'agree' }), 409, 'conflict');
    assertError(await reviewer.post(`/tasks/${review.id}/decision`, { decision: 'approve' }), 409, 'conflict');
    // Done tasks move to the done inbox with their decision.
    const done = (await inboxOn(psb, id, 'done')).find((t) => t.id === consent.id);
    assert.equal(done?.decision, 'agree');
    assert.equal(done?.status, 'done');
    assert.deepEqual(await inboxOn(psb, id), []);
    // Listed among the applicant's granted cases.
    const mine = await amr.get('/cases?mine=true&status=granted&type=restricted-share');
    assert.ok(mine.body.items.some((x: Json) => x.id === id));
  });

  test('history comments state deadlines in Shanghai time, as the fields do', async () => {
    const { id, consent } = await atConsent();
    const c = await caseOf(psb, id);
    const set = entry(c, 'deadline-set');
    assert.ok(set, 'the deadline is in the history');
    // A UTC instant such as 2026-12-04T16:00:00.000Z reads as the wrong day in Ningbo.
    assert.ok(namesShanghaiTime(set.comment, consent.dueAt), `the history says "${set.comment}" for a deadline of ${consent.dueAt}`);
    assert.doesNotMatch(set.comment, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/);
  });

  test('two different decisions sent at once: one takes effect, the other → 409', async () => {
    const { id, consent } = await atConsent();
    const [a, b] = await Promise.all([
      psb.post(`/tasks/${consent.id}/decision`, { decision: 'agree' }),
      psb.post(`/tasks/${consent.id}/decision`, { decision: 'disagree', legalBasis: '《居民身份证法》第十九条' }),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 409], `${a.status} ${a.text} / ${b.status} ${b.text}`);
    const loser = a.status === 409 ? a : b;
    assertError(loser, 409, 'conflict');
    const c = await caseOf(psb, id);
    assert.equal(c.history.filter((h: Json) => h.action === 'decided' && h.step === 'provider-consent').length, 1);
    const winner = a.status === 200 ? 'agree' : 'disagree';
    assert.equal(c.tasks.find((t: Json) => t.id === consent.id).decision, winner);
  });

  test('a decision the step does not offer → 422 naming decision; the task stays open', async () => {
    const { id, consent } = await atConsent();
    assertError(await psb.post(`/tasks/${consent.id}/decision`, { decision: 'approve' }), 422, 'rule_refused', { fields: ['decision'] });
    assertError(await psb.post(`/tasks/${consent.id}/decision`, {}), 422, 'validation_failed', { fields: ['decision'] });
    assertError(await psb.post(`/tasks/${consent.id}/decision`, { decision: 'agree', signature: 'x' }), 422, 'validation_failed', { fields: ['signature'] });
    assert.deepEqual((await inboxOn(psb, id)).map((t) => t.id), [consent.id]);
  });

  test('agree-desensitized needs the fields and rule; then the resource is granted desensitized', async () => {
    const { consent } = await atConsent(rsPayload({ resources: ['NB-PSB-0002'], dataItems: ['变动类型', '变动日期'], desensitized: true }));
    const bare = await psb.post(`/tasks/${consent.id}/decision`, { decision: 'agree-desensitized' });
    assertError(bare, 422, 'rule_refused', { fields: ['desensitization'], article: '第17条' });
    const c = await decide(psb, consent.id, { decision: 'agree-desensitized', desensitization: { fields: ['公民身份号码'], rule: '保留前6位与后4位' } });
    assert.equal(c.status, 'granted');
    assert.equal(c.outcome.resources[0].outcome, 'granted-desensitized');
    assert.match(c.outcome.resources[0].note, /公民身份号码/);
    assert.equal(c.outcome.grants.length, 1);
  });

  test('reject needs a comment; with one the case ends rejected', async () => {
    const { id, review } = await inReview();
    assertError(await reviewer.post(`/tasks/${review.id}/decision`, { decision: 'reject' }), 422, 'rule_refused', { fields: ['comment'], article: '第17条' });
    const c = await decide(reviewer, review.id, { decision: 'reject', comment: '履职依据不足' });
    assert.equal(c.status, 'rejected');
    assert.deepEqual(c.openTasks, []);
    assert.equal(c.outcome.resources[0].outcome, 'refused');
    assert.deepEqual(c.outcome.grants, []);
    assert.ok(entry(c, 'case-rejected'));
    assertError(await amr.post(`/cases/${id}/withdraw`, {}), 409, 'conflict');
  });

  test('two providers are asked in parallel; each resource has its own outcome', async () => {
    const { id, review } = await inReview(rsPayload({ resources: ['NB-PSB-0001', 'NB-WATER-0001'], dataItems: ['姓名', '用水地址'] }));
    const c1 = await decide(reviewer, review.id, { decision: 'approve' });
    assert.deepEqual(c1.openTasks.map((t: Json) => t.assignee.org.id).sort(), ['psb', 'water']);
    const p = await openTask(psb, id, 'provider-consent');
    const w = await openTask(water, id, 'provider-consent');
    // psb sees only its own task, water only its own.
    assert.deepEqual((await inboxOn(psb, id)).map((t) => t.id), [p.id]);
    assert.deepEqual((await inboxOn(water, id)).map((t) => t.id), [w.id]);

    const c2 = await decide(psb, p.id, { decision: 'agree' });
    assert.equal(c2.status, 'in-progress');
    const c3 = await decide(water, w.id, { decision: 'disagree', legalBasis: '《城市供水条例》第二十九条' });
    assert.equal(c3.status, 'in-progress');
    const coord = await openTask(coordinator, id, 'bdb-coordination');
    const c4 = await decide(coordinator, coord.id, { decision: 'uphold-refusal', comment: '提供单位依据充分' });
    assert.equal(c4.status, 'granted');
    const outcome = Object.fromEntries(c4.outcome.resources.map((r: Json) => [r.code, r.outcome]));
    assert.deepEqual(outcome, { 'NB-PSB-0001': 'granted', 'NB-WATER-0001': 'refused' });
    assert.deepEqual(c4.outcome.grants.map((g: Json) => g.resourceCode), ['NB-PSB-0001']);
  });
});

describe('restricted share: disagreement, coordination and escalation (Art. 17, 18)', () => {
  test('disagree needs a legal basis; coordination escalates to the leadership office, which requires sharing', async () => {
    const { id, consent } = await atConsent();

    const noBasis = await psb.post(`/tasks/${consent.id}/decision`, { decision: 'disagree', comment: '不同意' });
    assertError(noBasis, 422, 'rule_refused', { fields: ['legalBasis'], article: '第17条' });
    assert.deepEqual((await inboxOn(psb, id)).map((t) => t.id), [consent.id], 'the refused decision leaves the task open');

    const disagreed = await decide(psb, consent.id, { decision: 'disagree', legalBasis: '《中华人民共和国居民身份证法》第十九条' });
    assert.equal(disagreed.status, 'in-progress');
    assert.match(entry(disagreed, 'decided', (h) => h.decision === 'disagree').comment, /居民身份证法/);

    const coord = await openTask(coordinator, id, 'bdb-coordination');
    assert.equal(coord.assignee.org.id, 'bdb');
    assert.equal(coord.assignee.role, 'bdb-coordinator');
    assert.deepEqual(coord.decisions, ['uphold-refusal', 'require-sharing', 'require-desensitized-sharing', 'escalate']);
    // The reviewer (same organisation, other role) neither sees nor may decide it.
    assert.deepEqual(await inboxOn(reviewer, id), []);
    assertError(await reviewer.post(`/tasks/${coord.id}/decision`, { decision: 'escalate' }), 404, 'not_found');

    const escalated = await decide(coordinator, coord.id, { decision: 'escalate', comment: '协调未果' });
    assert.equal(escalated.status, 'in-progress');
    assert.equal(escalated.outcome.problemList, true);
    assert.equal(entry(escalated, 'escalated').article, '第18条第2款');

    const lead = await openTask(leader, id, 'leadership-decision');
    assert.equal(lead.assignee.org.id, 'leadership-office');
    assert.deepEqual(lead.decisions, ['require-sharing', 'require-desensitized-sharing', 'uphold-refusal']);
    const leaderView = await caseOf(leader, id);
    assert.equal(leaderView.outcome.problemList, true);

    const done = await decide(leader, lead.id, { decision: 'require-sharing', comment: '应当共享' });
    assert.equal(done.status, 'granted');
    assert.equal(done.outcome.problemList, true);
    assert.equal(done.outcome.resources[0].outcome, 'granted');
    assert.match(done.outcome.resources[0].note, /领导小组/);
    assert.equal(done.outcome.grants.length, 1);
    assert.equal(entry(done, 'decided', (h) => h.step === 'leadership-decision').article, '第18条第2款');
    // Problem-list cases stay visible to the applicant with the flag.
    assert.equal((await caseOf(amr, id)).outcome.problemList, true);
  });

  test('coordination may require sharing itself', async () => {
    const { id, consent } = await atConsent();
    await decide(psb, consent.id, { decision: 'disagree', legalBasis: '《个人信息保护法》第三十四条' });
    const coord = await openTask(coordinator, id, 'bdb-coordination');
    const c = await decide(coordinator, coord.id, { decision: 'require-sharing' });
    assert.equal(c.status, 'granted');
    assert.equal(c.outcome.problemList, false);
  });
});

describe('restricted share: return, amend, resubmit', () => {
  test('return needs a comment; the applicant amends and resubmits; a new review opens', async () => {
    const { id, review } = await inReview();
    assertError(await reviewer.post(`/tasks/${review.id}/decision`, { decision: 'return' }), 422, 'rule_refused', { fields: ['comment'], article: '第17条' });
    assertError(await reviewer.post(`/tasks/${review.id}/decision`, { decision: 'return', comment: '   ' }), 422, 'rule_refused', { fields: ['comment'] });

    const returned = await decide(reviewer, review.id, { decision: 'return', comment: '请补充应用场景' });
    assert.equal(returned.status, 'in-progress');
    assert.deepEqual(returned.openTasks.map((t: Json) => [t.step, t.assignee.org.id]), [['applicant-amend', 'amr']]);

    const amend = await openTask(amr, id, 'applicant-amend');
    assert.equal(amend.assignee.role, 'applicant');
    assert.deepEqual(amend.decisions, ['resubmit', 'withdraw']);

    // Bad amendments are refused with the field under payload.
    assertError(await amr.post(`/tasks/${amend.id}/decision`, { decision: 'resubmit' }), 422, 'rule_refused', { fields: ['payload'] });
    // An amendment is checked like a filing: the same shape error, the same article (Art. 20).
    assertError(await amr.post(`/tasks/${amend.id}/decision`, { decision: 'resubmit', payload: rsPayload({ undertaking: false }) }), 422, 'validation_failed', {
      fields: ['payload.undertaking'],
      article: '第20条',
    });
    assertError(
      await amr.post(`/tasks/${amend.id}/decision`, { decision: 'resubmit', payload: rsPayload({ resources: ['NB-PSB-0002'] }) }),
      422,
      'rule_refused',
      { fields: ['payload.desensitized', 'payload.resources.0'], article: /第16条/ },
    );

    const amended = rsPayload({ scenario: '企业开办“一件事”联办：补充核验法定代表人身份的场景说明', accessDays: 90 });
    const resubmitted = await decide(amr, amend.id, { decision: 'resubmit', payload: amended, comment: '已补充' });
    assert.equal(resubmitted.status, 'in-progress');
    assert.equal(resubmitted.payload.scenario, amended.scenario);
    assert.equal(resubmitted.payload.accessDays, 90);
    const newReview = resubmitted.openTasks.find((t: Json) => t.step === 'bdb-review');
    assert.ok(newReview, 'a new bdb-review task');
    assert.notEqual(newReview.id, review.id);
    const inbox = await openTask(reviewer, id, 'bdb-review');
    assert.equal(inbox.id, newReview.id);
    assert.deepEqual(
      resubmitted.tasks.map((t: Json) => [t.step, t.status]),
      [['bdb-review', 'done'], ['applicant-amend', 'done'], ['bdb-review', 'open']],
    );
    assertError(await amr.post(`/tasks/${amend.id}/decision`, { decision: 'resubmit', payload: amended }), 409, 'conflict');
  });

  test('the applicant may withdraw at the amend step', async () => {
    const { id, review } = await inReview();
    await decide(reviewer, review.id, { decision: 'return', comment: '请补充' });
    const amend = await openTask(amr, id, 'applicant-amend');
    const c = await decide(amr, amend.id, { decision: 'withdraw' });
    assert.equal(c.status, 'withdrawn');
    assert.deepEqual(c.openTasks, []);
  });
});

describe('restricted share: withdraw', () => {
  test('the applicant withdraws while the provider is asked; open tasks leave every inbox', async () => {
    const { id, consent } = await atConsent();
    // Only the applicant organisation may withdraw: the provider sees the case but is refused,
    // an organisation that does not see it is told it does not exist.
    assertError(await psb.post(`/cases/${id}/withdraw`, {}), 403, 'forbidden');
    assertError(await water.post(`/cases/${id}/withdraw`, {}), 404, 'not_found');

    const r = await amr.post(`/cases/${id}/withdraw`, { reason: '业务调整，不再需要' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.id, id);
    assert.equal(r.body.status, 'withdrawn');
    assert.deepEqual(r.body.openTasks, []);
    assert.deepEqual(r.body.deadlines, []);
    assert.equal(r.body.canWithdraw, false);
    const w = entry(r.body, 'withdrawn');
    assert.ok(w, 'withdrawal is in the history');
    assert.equal(w.article, '第17条');
    assert.equal(w.comment, '业务调整，不再需要');
    assert.equal(r.body.tasks.find((t: Json) => t.id === consent.id).status, 'cancelled');

    assert.deepEqual(await inboxOn(psb, id), []);
    assert.deepEqual(await inboxOn(reviewer, id), []);
    assertError(await psb.post(`/tasks/${consent.id}/decision`, { decision: 'agree' }), 409, 'conflict');

    const again = await amr.post(`/cases/${id}/withdraw`, {});
    assertError(again, 409, 'conflict');
    assert.equal((await caseOf(amr, id)).status, 'withdrawn');
  });

  test('withdraw right after filing (review pending)', async () => {
    const { id } = await inReview();
    const r = await amr.post(`/cases/${id}/withdraw`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'withdrawn');
    assert.deepEqual(await inboxOn(reviewer, id), []);
  });

  test('withdrawing a case that already holds a grant leaves no orphan grant', async () => {
    // An unconditional resource is granted at once (Art. 17 ¶1) while the restricted one is still reviewed.
    const id = await fileCase(amr, rsPayload({ resources: ['NB-WATER-0002', 'NB-PSB-0001'], dataItems: ['浊度', '姓名'] }));
    const partly = await waitFor('the unconditional grant', async () => {
      const c = await caseOf(amr, id);
      return c.outcome?.grants.length === 1 && c.openTasks.length === 1 ? c : null;
    });
    assert.equal(partly.status, 'in-progress');
    assert.equal(partly.outcome.grants[0].status, 'active');
    const grantId = partly.outcome.grants[0].id as string;

    const w = await amr.post(`/cases/${id}/withdraw`, {});
    assert.equal(w.status, 200, w.text);
    assert.equal(w.body.status, 'withdrawn');
    // Either the withdrawal ended the grant, or the grant is still under the workflow's
    // control (it will expire, and an administrator can revoke it). An "active" grant
    // whose workflow has ended would never expire and could never be revoked.
    const g = (await caseOf(amr, id)).outcome.grants.find((x: Json) => x.id === grantId);
    if (g.status === 'active') {
      const r = await admin.post(`/admin/grants/${grantId}/revoke`, { reason: '集成测试：撤回后的访问权限' });
      assert.equal(r.status, 200, `the grant stays active after withdrawal but cannot be revoked: ${r.status} ${r.text}`);
    }
  });

  test('withdrawing an unknown case → 404', async () => {
    assertError(await amr.post('/cases/RS-19700101-00000000/withdraw', {}), 404, 'not_found');
  });
});

describe('restricted share: who sees what', () => {
  test('another organisation neither sees the case nor may decide its tasks', async () => {
    const { id, consent } = await atConsent();
    assertError(await water.get(`/cases/${id}`), 404, 'not_found');
    assertError(await water.post(`/tasks/${consent.id}/decision`, { decision: 'agree' }), 404, 'not_found');
    // Same role name (provider-reviewer) in the applicant's organisation: still not its task.
    assertError(await amr.post(`/tasks/${consent.id}/decision`, { decision: 'agree' }), 404, 'not_found');
    const list = await water.get('/cases');
    assert.equal(list.status, 200);
    assert.ok(!list.body.items.some((x: Json) => x.id === id));
    const mine = await water.get('/cases?mine=true');
    for (const x of mine.body.items) assert.equal(x.applicant.org.id, 'water', x.id);
    assert.deepEqual(await inboxOn(water, id), []);
    // The refused attempts changed nothing.
    assert.deepEqual((await inboxOn(psb, id)).map((t) => t.id), [consent.id]);
    // The provider, having a task on it, sees the case; the BDB sees every case.
    assert.equal((await psb.get(`/cases/${id}`)).status, 200);
    assert.equal((await coordinator.get(`/cases/${id}`)).status, 200);
  });

  test('an unknown task → 404', async () => {
    assertError(await psb.post('/tasks/RS-19700101-00000000-t1/decision', { decision: 'agree' }), 404, 'not_found');
  });

  test('GET /tasks returns only tasks of the caller organisation and roles', async () => {
    await atConsent(); // make sure psb and bdb both have something open
    const roles: Record<string, { client: Client; org: string; roles: string[] }> = {
      'psb.provider': { client: psb, org: 'psb', roles: ['provider-reviewer', 'applicant'] },
      'bdb.reviewer': { client: reviewer, org: 'bdb', roles: ['bdb-reviewer'] },
      'bdb.coordinator': { client: coordinator, org: 'bdb', roles: ['bdb-coordinator'] },
      'water.provider': { client: water, org: 'water', roles: ['provider-reviewer', 'applicant'] },
      'amr.applicant': { client: amr, org: 'amr', roles: ['applicant', 'provider-reviewer'] },
    };
    for (const [who, want] of Object.entries(roles)) {
      for (const status of ['open', 'done']) {
        const r = await want.client.get(`/tasks?status=${status}`);
        assert.equal(r.status, 200, r.text);
        for (const t of r.body.items) {
          assert.equal(t.assignee.org.id, want.org, `${who} sees ${t.id} of ${t.assignee.org.id}`);
          assert.ok(want.roles.includes(t.assignee.role), `${who} sees ${t.id} for role ${t.assignee.role}`);
          assert.equal(t.status === 'open', status === 'open', `${who} ${status}: ${t.id} is ${t.status}`);
        }
      }
    }
    const psbOpen = await psb.get('/tasks');
    assert.ok(psbOpen.body.items.length > 0);
    assert.ok(!psbOpen.body.items.some((t: Json) => t.step === 'bdb-review' || t.step === 'bdb-coordination'), 'psb never sees BDB tasks');
  });

  test('GET /tasks and GET /cases refuse bad filters with 400', async () => {
    assertError(await psb.get('/tasks?status=closed'), 400, 'bad_request', { fields: ['status'] });
    assertError(await amr.get('/cases?status=lost'), 400, 'bad_request', { fields: ['status'] });
    assertError(await amr.get('/cases?mine=yes'), 400, 'bad_request', { fields: ['mine'] });
  });
});

describe('restricted share: revoking a grant (admin)', () => {
  test('admin revokes; amr.applicant may not; revoking twice → 409', async () => {
    const id = await fileCase(amr, rsPayload({ resources: ['NB-WATER-0002'], dataItems: ['监测点编号', '浊度'] }));
    const granted = await waitFor('the unconditional case to be granted', async () => {
      const c = await caseOf(amr, id);
      return c.status === 'granted' && c.outcome.grants.length === 1 ? c : null;
    });
    const grantId = granted.outcome.grants[0].id as string;

    assertError(await amr.post(`/admin/grants/${grantId}/revoke`, { reason: '自行撤销' }), 403, 'forbidden');
    assertError(await admin.post(`/admin/grants/${grantId}/revoke`, {}), 422, 'validation_failed', { fields: ['reason'] });
    assertError(await admin.post('/admin/grants/RS-19700101-00000000-g1/revoke', { reason: '无' }), 404, 'not_found');

    const r = await admin.post(`/admin/grants/${grantId}/revoke`, { reason: '超范围使用' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.id, id);
    const g = r.body.outcome.grants.find((x: Json) => x.id === grantId);
    assert.equal(g.status, 'revoked');
    assert.equal(r.body.status, 'revoked');
    const h = entry(r.body, 'grant-revoked');
    assert.ok(h, 'revocation is in the history');
    assert.match(h.comment, /超范围使用/);

    const seen = await caseOf(amr, id);
    assert.equal(seen.outcome.grants[0].status, 'revoked');
    assertError(await admin.post(`/admin/grants/${grantId}/revoke`, { reason: '再次' }), 409, 'conflict');
  });
});
