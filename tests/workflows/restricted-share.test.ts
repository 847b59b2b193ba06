import { dueText } from '../../domain/cases/due-text';
/**
 * The restricted-share workflow (PROCEDURES §4, Art. 16–20) on the time-skipping
 * test server: decisions, parallel providers, coordination, escalation,
 * withdrawal and the Update validators. Timers are in restricted-share-time.test.ts.
 */
import { test, before, after, afterEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  ACTORS,
  DEFAULT_ACCESS_DAYS,
  RESOURCES,
  actionsOf,
  assertRefused,
  calendar,
  caseRowOf,
  cleanupCases,
  decide,
  fileCase,
  historyOf,
  openTask,
  opsOf,
  opsOfKind,
  payloadFor,
  revokeGrant,
  startHarness,
  state,
  stopHarness,
  withdraw,
  type Harness,
} from './harness';
import type { RsTaskState } from '../../workflows/restricted-share.types';

let h: Harness;
before(async () => {
  h = await startHarness('main');
});
afterEach(async () => {
  await cleanupCases(h);
});
after(async () => {
  await stopHarness(h);
});

const expectedExpiry = (grantedAt: string, days: number) => calendar(h).addNaturalDays(new Date(grantedAt), days).deadline.toISOString();

describe('restricted-share workflow', () => {
  test('1. happy path: bdb-review → approve → provider consent (5 working days) → agree → granted', async () => {
    const handle = await fileCase(h, 'happy', ['NB-PSB-0001']);
    const id = handle.workflowId;

    let s = await state(handle);
    assert.equal(s.status, 'in-progress');
    assert.deepEqual(s.outcomes.map((o) => [o.code, o.outcome]), [['NB-PSB-0001', 'pending']]);
    const review = await openTask(handle, 'bdb-review');
    assert.equal(review.orgId, 'bdb');
    assert.equal(review.role, 'bdb-reviewer');
    assert.equal(review.dueAt, null);
    const reviewOpen = opsOfKind(h, id, 'task-open').find((o) => o.id === review.id);
    assert.ok(reviewOpen, 'bdb-review task projected');
    assert.equal(reviewOpen.assigneeOrgId, 'bdb');
    assert.equal(reviewOpen.assigneeRole, 'bdb-reviewer');
    assert.deepEqual([...reviewOpen.decisions], ['approve', 'return', 'reject']);

    const approved = await decide(handle, review.id, ACTORS.reviewer, { decision: 'approve', comment: '符合履职需要' });
    assert.deepEqual(approved, { taskId: review.id, decision: 'approve', status: 'in-progress' });

    s = await state(handle);
    const consents = s.tasks.filter((t) => t.step === 'provider-consent');
    assert.equal(consents.length, 1, 'one consent task: one provider');
    const consent = consents[0]!;
    assert.equal(consent.status, 'open');
    assert.equal(consent.orgId, 'psb');
    assert.equal(consent.role, 'provider-reviewer');
    assert.equal(consent.orgId, 'psb');
    // Art. 17: 5 working days from the provider's receipt (the task's creation), over the real calendar.
    const due = calendar(h).addWorkingDays(new Date(consent.createdAt), 5);
    assert.equal(consent.dueAt, due.deadline.toISOString());
    assert.equal(consent.provisional, due.provisional);
    assert.deepEqual(consent.yearsConsulted, due.yearsConsulted);
    assert.equal(consent.remindAt, calendar(h).addWorkingDays(new Date(consent.createdAt), 4).deadline.toISOString(), 'reminder one working day before');
    const consentOpen = opsOfKind(h, id, 'task-open').find((o) => o.id === consent.id);
    assert.equal(consentOpen?.dueAt, consent.dueAt);
    assert.equal(consentOpen?.assigneeOrgId, 'psb');

    const agreed = await decide(handle, consent.id, ACTORS.psb, { decision: 'agree' });
    assert.equal(agreed.status, 'granted');

    s = await state(handle);
    assert.equal(s.status, 'granted');
    assert.equal(s.tasks.filter((t) => t.status === 'open').length, 0);
    assert.deepEqual(s.outcomes.map((o) => [o.code, o.outcome]), [['NB-PSB-0001', 'granted']]);
    assert.equal(s.grants.length, 1);
    const issued = opsOfKind(h, id, 'grant-issue');
    assert.equal(issued.length, 1);
    const grant = issued[0]!;
    assert.equal(grant.resourceCode, 'NB-PSB-0001');
    assert.equal(grant.orgId, 'amr');
    assert.deepEqual(grant.scope, payloadFor(['NB-PSB-0001']).dataItems);
    assert.equal(grant.method, 'interface');
    // expiry = min(access period asked, the resource's share period) natural days
    const days = Math.min(DEFAULT_ACCESS_DAYS, RESOURCES['NB-PSB-0001']!.sharePeriodDays);
    assert.equal(grant.expiresAt, expectedExpiry(grant.grantedAt, days));
    assert.equal(s.grants[0]!.expiresAt, grant.expiresAt);
    assert.equal(s.grants[0]!.status, 'active');

    const closes = opsOfKind(h, id, 'task-close');
    assert.deepEqual(
      closes.map((c) => [c.id, c.status, c.decision]),
      [
        [review.id, 'done', 'approve'],
        [consent.id, 'done', 'agree'],
      ],
    );
    assert.equal(closes[0]!.decidedBy, '宁波市大数据发展管理局 / 王审核');

    const history = historyOf(h, id);
    const actions = history.map((e) => e.action);
    for (const a of ['filed', 'task-opened', 'deadline-set', 'decided', 'granted', 'case-granted']) assert.ok(actions.includes(a), `history has ${a}: ${actions.join(',')}`);
    assert.ok(actions.indexOf('filed') < actions.indexOf('task-opened'));
    assert.ok(actions.lastIndexOf('granted') < actions.indexOf('case-granted'));
    for (const e of history) assert.ok(e.article?.startsWith('第'), `${e.action} carries an article`);
    const filed = history.find((e) => e.action === 'filed')!;
    assert.equal(filed.actor.orgId, 'amr');
    const deadlineSet = history.find((e) => e.action === 'deadline-set')!;
    assert.equal(deadlineSet.article, '第17条');
    assert.deepEqual(deadlineSet.data, { taskId: consent.id, dueAt: consent.dueAt, provisional: consent.provisional });
    const decided = history.filter((e) => e.action === 'decided');
    assert.deepEqual(decided.map((e) => [e.step, e.decision, e.actor.orgId]), [
      ['bdb-review', 'approve', 'bdb'],
      ['provider-consent', 'agree', 'psb'],
    ]);
    assert.equal(decided[0]!.comment, '符合履职需要');
    // history keys are unique: the projection upserts by key
    assert.equal(new Set(history.map((e) => e.key)).size, history.length);

    const row = caseRowOf(h, id);
    assert.equal(row.status, 'granted');
    assert.ok(row.closedAt, 'case row closed');
  });

  test('1b. the deadline written in the history is in Asia/Shanghai time, not UTC', async () => {
    const handle = await fileCase(h, 'deadline-text', ['NB-PSB-0001']);
    const id = handle.workflowId;
    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
    const consent = await openTask(handle, 'provider-consent', 'psb');
    const shown = historyOf(h, id).find((e) => e.action === 'deadline-set')?.comment ?? '';
    // PROCEDURES §2: all dates are in Asia/Shanghai. 24:00 of the 5th working day is 00:00+08:00 of the next day;
    // the UTC form (…T16:00:00.000Z of the 5th day) reads as "16:00 on the 5th day" to a user.
    assert.ok(!shown.includes(consent.dueAt!), `history shows the UTC instant: ${shown}`);
    // …and says it as people do: 24:00 of the last working day, Shanghai time.
    assert.ok(shown.includes(dueText(consent.dueAt!)), `history should show ${dueText(consent.dueAt!)}: ${shown}`);
    assert.match(dueText(consent.dueAt!), /24:00$/);
  });

  test('2a. unconditional-only request is granted at once, without a review task', async () => {
    const handle = await fileCase(h, 'uncond', ['NB-AMR-0001']);
    const id = handle.workflowId;
    const s = await state(handle);
    assert.equal(s.status, 'granted');
    assert.equal(s.tasks.length, 0, 'no task at all');
    assert.equal(opsOfKind(h, id, 'task-open').length, 0);
    assert.deepEqual(s.outcomes.map((o) => [o.code, o.outcome]), [['NB-AMR-0001', 'granted']]);
    assert.equal(s.grants.length, 1);
    const grant = opsOfKind(h, id, 'grant-issue')[0]!;
    assert.equal(grant.resourceCode, 'NB-AMR-0001');
    assert.equal(grant.expiresAt, expectedExpiry(grant.grantedAt, Math.min(DEFAULT_ACCESS_DAYS, 365)));
    const granted = historyOf(h, id).find((e) => e.action === 'granted');
    assert.equal(granted?.article, '第17条第1款');
    assert.ok(actionsOf(h, id).includes('case-granted'));
  });

  test('2a\'. the case row of an at-once grant ends closed (status granted, closedAt set)', async () => {
    const handle = await fileCase(h, 'uncond-row', ['NB-AMR-0001']);
    const row = caseRowOf(h, handle.workflowId);
    assert.equal(row.status, 'granted');
    assert.ok(row.closedAt, `closedAt must stay set; case-status ops: ${JSON.stringify(opsOfKind(h, handle.workflowId, 'case-status'))}`);
  });

  test('2b. mixed request: the unconditional resource is granted at once, the rest is reviewed', async () => {
    const handle = await fileCase(h, 'mixed', ['NB-AMR-0001', 'NB-PSB-0001']);
    const id = handle.workflowId;
    let s = await state(handle);
    assert.equal(s.status, 'in-progress');
    assert.deepEqual(s.outcomes.map((o) => [o.code, o.outcome]), [
      ['NB-AMR-0001', 'granted'],
      ['NB-PSB-0001', 'pending'],
    ]);
    assert.deepEqual(s.grants.map((g) => g.resourceCode), ['NB-AMR-0001']);
    const review = await openTask(handle, 'bdb-review');
    await decide(handle, review.id, ACTORS.reviewer, { decision: 'approve' });
    s = await state(handle);
    assert.deepEqual(
      s.tasks.filter((t) => t.step === 'provider-consent').map((t) => t.orgId),
      ['psb'],
      'only the restricted resource goes to its provider',
    );
    const consent = await openTask(handle, 'provider-consent', 'psb');
    await decide(handle, consent.id, ACTORS.psb, { decision: 'agree' });
    s = await state(handle);
    assert.equal(s.status, 'granted');
    assert.deepEqual(s.grants.map((g) => g.resourceCode).sort(), ['NB-AMR-0001', 'NB-PSB-0001']);
    assert.equal(opsOfKind(h, id, 'grant-issue').length, 2, 'the unconditional grant is not issued twice');
  });

  test('3. two providers are asked in parallel; outcomes per resource; coordination upholds the refusal', async () => {
    const handle = await fileCase(h, 'two-providers', ['NB-PSB-0001', 'NB-WATER-0001']);
    const id = handle.workflowId;
    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });

    let s = await state(handle);
    const consents = s.tasks.filter((t) => t.step === 'provider-consent');
    assert.deepEqual(consents.map((t) => [t.orgId, t.status]).sort(), [
      ['psb', 'open'],
      ['water', 'open'],
    ]);
    for (const t of consents) assert.ok(t.dueAt, 'each consent task has its deadline');

    await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'agree' });
    s = await state(handle);
    assert.equal(s.status, 'in-progress');
    assert.deepEqual(Object.fromEntries(s.outcomes.map((o) => [o.code, o.outcome])), { 'NB-PSB-0001': 'granted', 'NB-WATER-0001': 'pending' });
    assert.equal(s.grants.length, 0, 'no grant before the case settles');

    const legalBasis = '《城市供水条例》第二十九条';
    const waterTask = await openTask(handle, 'provider-consent', 'water');
    await decide(handle, waterTask.id, ACTORS.water, { decision: 'disagree', legalBasis });
    s = await state(handle);
    const coordination = s.tasks.filter((t) => t.step === 'bdb-coordination');
    assert.equal(coordination.length, 1, 'coordination for water only');
    assert.equal(coordination[0]!.track, 'NB-WATER-0001');
    assert.equal(coordination[0]!.orgId, 'bdb');
    assert.equal(coordination[0]!.role, 'bdb-coordinator');
    const disagreed = historyOf(h, id).find((e) => e.action === 'decided' && e.decision === 'disagree');
    assert.match(disagreed?.comment ?? '', /城市供水条例/);

    const result = await decide(handle, coordination[0]!.id, ACTORS.coordinator, { decision: 'uphold-refusal', comment: '经协调，维持不共享' });
    assert.equal(result.status, 'granted');
    s = await state(handle);
    assert.equal(s.status, 'granted');
    assert.deepEqual(Object.fromEntries(s.outcomes.map((o) => [o.code, o.outcome])), { 'NB-PSB-0001': 'granted', 'NB-WATER-0001': 'refused' });
    assert.deepEqual(s.grants.map((g) => g.resourceCode), ['NB-PSB-0001']);
    const grant = opsOfKind(h, id, 'grant-issue')[0]!;
    assert.equal(grant.expiresAt, expectedExpiry(grant.grantedAt, Math.min(DEFAULT_ACCESS_DAYS, 365)));
    const perResource = historyOf(h, id).filter((e) => e.action === 'granted' || e.action === 'resource-refused');
    assert.deepEqual(perResource.map((e) => [e.action, (e.data as { resource: string }).resource]), [
      ['granted', 'NB-PSB-0001'],
      ['resource-refused', 'NB-WATER-0001'],
    ]);
    const outcome = caseRowOf(h, id).outcome as { resources: { code: string; outcome: string }[] };
    assert.deepEqual(outcome.resources.map((o) => [o.code, o.outcome]), [
      ['NB-PSB-0001', 'granted'],
      ['NB-WATER-0001', 'refused'],
    ]);
  });

  test('3b. two providers, both refuse and coordination upholds both → rejected, no grant', async () => {
    const handle = await fileCase(h, 'both-refuse', ['NB-PSB-0001', 'NB-WATER-0001']);
    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
    await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'disagree', legalBasis: '《居民身份证法》第十九条' });
    await decide(handle, (await openTask(handle, 'provider-consent', 'water')).id, ACTORS.water, { decision: 'disagree', legalBasis: '《城市供水条例》第二十九条' });
    const s1 = await state(handle);
    assert.equal(s1.tasks.filter((t) => t.step === 'bdb-coordination' && t.status === 'open').length, 2, 'one coordination task per provider');
    await decide(handle, (await openTask(handle, 'bdb-coordination', 'psb')).id, ACTORS.coordinator, { decision: 'uphold-refusal' });
    const r = await decide(handle, (await openTask(handle, 'bdb-coordination', 'water')).id, ACTORS.coordinator, { decision: 'uphold-refusal' });
    assert.equal(r.status, 'rejected');
    const final = await handle.result();
    assert.equal(final.status, 'rejected');
    assert.equal(final.grants.length, 0);
    assert.ok(actionsOf(h, handle.workflowId).includes('case-rejected'));
  });

  test('3c. two resources of one provider: one consent task per resource, each answered on its own; non-share only desensitized', async () => {
    const handle = await fileCase(h, 'one-provider-two', ['NB-PSB-0001', 'NB-PSB-0002']);
    const id = handle.workflowId;
    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
    const consents = (await state(handle)).tasks.filter((t) => t.step === 'provider-consent');
    assert.deepEqual(consents.map((t) => [t.orgId, t.track]), [['psb', 'NB-PSB-0001'], ['psb', 'NB-PSB-0002']], 'the provider answers each resource');
    const [restricted, nonShare] = consents as [RsTaskState, RsTaskState];
    assert.ok(!nonShare.decisions.includes('agree'), 'a non-share resource is not offered a plain agree');

    // Art. 16 ¶2, 17 ¶3: non-share data only desensitized
    const plain = await assertRefused(decide(handle, nonShare.id, ACTORS.psb, { decision: 'agree' }), 'rule');
    assert.equal(plain?.article, '第16条第2款、第17条第3款');
    assert.ok(plain?.fields?.decision);

    await decide(handle, restricted.id, ACTORS.psb, { decision: 'agree' });
    await decide(handle, nonShare.id, ACTORS.psb, { decision: 'agree-desensitized', desensitization: { fields: ['公民身份号码'], rule: '保留前6位和后4位' } });
    const s = await state(handle);
    assert.deepEqual(s.outcomes.map((o) => [o.code, o.outcome]), [['NB-PSB-0001', 'granted'], ['NB-PSB-0002', 'granted-desensitized']]);
    const grants = opsOfKind(h, id, 'grant-issue');
    assert.deepEqual(grants.map((g) => g.resourceCode), ['NB-PSB-0001', 'NB-PSB-0002']);
    // min(200 asked, 365 share period) and min(200 asked, 90 share period)
    assert.equal(grants[0]!.expiresAt, expectedExpiry(grants[0]!.grantedAt, 200));
    assert.equal(grants[1]!.expiresAt, expectedExpiry(grants[1]!.grantedAt, RESOURCES['NB-PSB-0002']!.sharePeriodDays));
    assert.ok(!grants[0]!.desensitized, 'the restricted resource was agreed as asked');
    assert.ok(grants[1]!.desensitized, 'desensitization recorded on the non-share grant');
  });

  test('3d. coordination on a non-share resource may only require desensitized sharing', async () => {
    const handle = await fileCase(h, 'non-share-coordination', ['NB-PSB-0002']);
    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
    await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'disagree', legalBasis: '《中华人民共和国居民身份证法》第十九条' });
    const coordination = await openTask(handle, 'bdb-coordination');
    assert.ok(!coordination.decisions.includes('require-sharing'));
    const refusedPlain = await assertRefused(decide(handle, coordination.id, ACTORS.coordinator, { decision: 'require-sharing' }), 'rule');
    assert.equal(refusedPlain?.article, '第16条第2款、第17条第3款');
    await decide(handle, coordination.id, ACTORS.coordinator, { decision: 'require-desensitized-sharing', desensitization: { fields: ['姓名'], rule: '仅保留姓氏' } });
    const s = await state(handle);
    assert.equal(s.status, 'granted');
    assert.equal(s.outcomes[0]!.outcome, 'granted-desensitized');
  });

  test('4. return with a comment → applicant amends → resubmit → a new bdb-review on the amended request', async () => {
    const handle = await fileCase(h, 'return', ['NB-PSB-0001']);
    const id = handle.workflowId;
    const review = await openTask(handle, 'bdb-review');

    const details = await assertRefused(decide(handle, review.id, ACTORS.reviewer, { decision: 'return' }), 'rule');
    assert.ok(details?.fields?.comment, `fields.comment in ${JSON.stringify(details)}`);
    assert.equal(details?.article, '第17条');
    assert.equal((await state(handle)).tasks.find((t) => t.id === review.id)?.status, 'open', 'a refused return leaves the task open');

    await decide(handle, review.id, ACTORS.reviewer, { decision: 'return', comment: '请补充应用场景说明' });
    const amend = await openTask(handle, 'applicant-amend');
    assert.equal(amend.orgId, 'amr');
    assert.equal(amend.role, 'applicant');
    const returned = historyOf(h, id).find((e) => e.action === 'decided' && e.decision === 'return');
    assert.equal(returned?.comment, '请补充应用场景说明');

    // resubmit without the amended request is refused
    const noAmend = await assertRefused(decide(handle, amend.id, ACTORS.applicant, { decision: 'resubmit', payload: payloadFor(['NB-PSB-0001']) }), 'rule');
    assert.ok(noAmend?.fields?.payload);
    // a request that breaks its shape is refused field by field, in the API's words (the workflow checks it without zod)
    const broken = { ...payloadFor(['NB-PSB-0001']), scenario: '  ', accessDays: 1.5 };
    const badShape = await assertRefused(
      decide(handle, amend.id, ACTORS.applicant, { decision: 'resubmit', payload: broken }, { amended: { payload: broken, resources: [RESOURCES['NB-PSB-0001']!] } }),
      'rule',
    );
    assert.deepEqual(badShape?.fields, { 'payload.scenario': '请填写应用场景', 'payload.accessDays': '使用期限须为整数天' });
    assert.equal(badShape?.article, '第17条');

    const amended = payloadFor(['NB-PSB-0001'], { scenario: '企业开办一件事联办：法定代表人身份核验', dataItems: ['公民身份号码'], accessDays: 90 });
    await decide(handle, amend.id, ACTORS.applicant, { decision: 'resubmit', payload: amended }, { amended: { payload: amended, resources: [RESOURCES['NB-PSB-0001']!] } });
    const s = await state(handle);
    const reviews = s.tasks.filter((t) => t.step === 'bdb-review');
    assert.equal(reviews.length, 2);
    assert.equal(reviews[1]!.status, 'open');
    assert.notEqual(reviews[1]!.id, review.id);
    assert.equal(s.tasks.find((t) => t.id === amend.id)?.status, 'done');
    assert.deepEqual(caseRowOf(h, id).payload, amended, 'the amended request is projected');

    // the amended request is what gets granted
    await decide(handle, reviews[1]!.id, ACTORS.reviewer, { decision: 'approve' });
    await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'agree' });
    const grant = opsOfKind(h, id, 'grant-issue')[0]!;
    assert.deepEqual(grant.scope, ['公民身份号码']);
    assert.equal(grant.expiresAt, expectedExpiry(grant.grantedAt, 90));
  });

  test('5. disagree → bdb-coordination → escalate (problem list, Art. 18 ¶2) → leadership requires sharing → granted', async () => {
    const handle = await fileCase(h, 'escalate', ['NB-PSB-0001']);
    const id = handle.workflowId;
    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
    await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'disagree', legalBasis: '《中华人民共和国居民身份证法》第十九条' });
    const coordination = await openTask(handle, 'bdb-coordination', 'psb');
    await decide(handle, coordination.id, ACTORS.coordinator, { decision: 'escalate', comment: '双方意见分歧较大' });

    let s = await state(handle);
    assert.equal(s.problemList, true);
    assert.equal(s.status, 'in-progress');
    const escalated = historyOf(h, id).find((e) => e.action === 'escalated');
    assert.ok(escalated, 'escalated in history');
    assert.equal(escalated.article, '第18条第2款');
    assert.equal(escalated.actor.orgId, 'bdb');
    const leadership = await openTask(handle, 'leadership-decision', 'psb');
    assert.equal(leadership.orgId, 'leadership-office');
    assert.equal(leadership.role, 'leadership-office');
    assert.equal(caseRowOf(h, id).problemList, true);

    // the coordinator can no longer decide the escalated task
    await assertRefused(decide(handle, coordination.id, ACTORS.coordinator, { decision: 'require-sharing' }), 'conflict');

    const r = await decide(handle, leadership.id, ACTORS.leadership, { decision: 'require-sharing', comment: '依第18条责令共享' });
    assert.equal(r.status, 'granted');
    s = await state(handle);
    assert.equal(s.status, 'granted');
    assert.equal(s.outcomes[0]!.outcome, 'granted');
    assert.match(s.outcomes[0]!.note ?? '', /领导小组/);
    assert.equal(s.grants.length, 1);
    const row = caseRowOf(h, id);
    assert.equal(row.status, 'granted');
    assert.equal(row.problemList, true);
  });

  test('8. withdraw during provider consent cancels open tasks and ends the case; others and late withdrawals refused', async () => {
    const handle = await fileCase(h, 'withdraw', ['NB-PSB-0001', 'NB-WATER-0001']);
    const id = handle.workflowId;
    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
    const open = (await state(handle)).tasks.filter((t) => t.status === 'open');
    assert.equal(open.length, 2);

    // a provider cannot withdraw someone else's request
    await assertRefused(withdraw(handle, ACTORS.water, '不是我的申请'), 'conflict');
    assert.equal((await state(handle)).status, 'in-progress');

    const r = await withdraw(handle, ACTORS.applicant, '业务调整，不再需要');
    assert.equal(r.status, 'withdrawn');
    const final = await handle.result();
    assert.equal(final.status, 'withdrawn');
    assert.deepEqual(final.tasks.map((t) => t.status), ['done', 'cancelled', 'cancelled']);
    const cancelled = opsOfKind(h, id, 'task-close').filter((c) => c.status === 'cancelled');
    assert.deepEqual(cancelled.map((c) => c.id).sort(), open.map((t) => t.id).sort());
    const withdrawn = historyOf(h, id).find((e) => e.action === 'withdrawn');
    assert.equal(withdrawn?.comment, '业务调整，不再需要');
    assert.equal(withdrawn?.actor.orgId, 'amr');
    assert.equal(historyOf(h, id).filter((e) => e.action === 'task-cancelled').length, 2);
    const row = caseRowOf(h, id);
    assert.equal(row.status, 'withdrawn');
    assert.ok(row.closedAt);
    assert.equal((await handle.describe()).status.name, 'COMPLETED');

    // after the end the workflow is closed: the server refuses the Update itself (the API must map this to 409)
    await assert.rejects(withdraw(handle, ACTORS.applicant), WorkflowNotFoundError);
  });

  test('8b. withdraw of a granted case (still running for its grants) is refused as a conflict', async () => {
    const handle = await fileCase(h, 'withdraw-granted', ['NB-PSB-0001']);
    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
    await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'agree' });
    const before = opsOf(h, handle.workflowId).length;
    await assertRefused(withdraw(handle, ACTORS.applicant), 'conflict');
    assert.equal((await state(handle)).status, 'granted');
    assert.equal(opsOf(h, handle.workflowId).length, before);
  });

  test('8c. the applicant may withdraw at the applicant-amend step with the withdraw decision', async () => {
    const handle = await fileCase(h, 'amend-withdraw', ['NB-PSB-0001']);
    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'return', comment: '材料不全' });
    const r = await decide(handle, (await openTask(handle, 'applicant-amend')).id, ACTORS.applicant, { decision: 'withdraw' });
    assert.equal(r.status, 'withdrawn');
    assert.equal((await handle.result()).status, 'withdrawn');
    assert.ok(actionsOf(h, handle.workflowId).includes('withdrawn'));
  });

  test('10. validators refuse bad decisions and a refused Update writes nothing', async () => {
    const handle = await fileCase(h, 'validators', ['NB-PSB-0001']);
    const id = handle.workflowId;
    const review = await openTask(handle, 'bdb-review');

    // wrong organisation / wrong role → conflict
    await assertRefused(decide(handle, review.id, ACTORS.psb, { decision: 'approve' }), 'conflict');
    await assertRefused(decide(handle, review.id, ACTORS.coordinator, { decision: 'approve' }), 'conflict');
    // a task of another case → conflict
    await assertRefused(decide(handle, 'other-case-t1', ACTORS.reviewer, { decision: 'approve' }), 'conflict');
    // a decision not allowed at this step → rule, with the allowed ones
    const notAllowed = await assertRefused(decide(handle, review.id, ACTORS.reviewer, { decision: 'agree' }), 'rule');
    assert.ok(notAllowed?.fields?.decision);
    // reject needs a comment
    const reject = await assertRefused(decide(handle, review.id, ACTORS.reviewer, { decision: 'reject' }), 'rule');
    assert.ok(reject?.fields?.comment);

    await decide(handle, review.id, ACTORS.reviewer, { decision: 'approve' });
    // the same task again → conflict
    await assertRefused(decide(handle, review.id, ACTORS.reviewer, { decision: 'approve' }), 'conflict');

    const consent = await openTask(handle, 'provider-consent', 'psb');
    const opsBefore = structuredClone(opsOf(h, id));
    await assertRefused(decide(handle, consent.id, ACTORS.water, { decision: 'agree' }), 'conflict');
    await assertRefused(decide(handle, consent.id, { ...ACTORS.psb, roles: ['applicant'] }, { decision: 'agree' }), 'conflict');
    await assertRefused(decide(handle, consent.id, ACTORS.psb, { decision: 'approve' }), 'rule');
    const disagree = await assertRefused(decide(handle, consent.id, ACTORS.psb, { decision: 'disagree' }), 'rule');
    assert.ok(disagree?.fields?.legalBasis, `fields.legalBasis in ${JSON.stringify(disagree)}`);
    assert.equal(disagree?.article, '第17条');
    const desens = await assertRefused(decide(handle, consent.id, ACTORS.psb, { decision: 'agree-desensitized' }), 'rule');
    assert.ok(desens?.fields?.desensitization);
    assert.deepEqual(opsOf(h, id), opsBefore, 'refused Updates project nothing');

    const s = await state(handle);
    assert.equal(s.tasks.find((t) => t.id === consent.id)?.status, 'open');
    assert.equal(s.status, 'in-progress');
    // and the task can still be decided properly
    const ok = await decide(handle, consent.id, ACTORS.psb, { decision: 'agree-desensitized', desensitization: { fields: ['公民身份号码'], rule: '保留前6位和后4位' } });
    assert.equal(ok.status, 'granted');
    assert.equal((await state(handle)).outcomes[0]!.outcome, 'granted-desensitized');
    assert.match(String(opsOfKind(h, id, 'grant-issue')[0]!.desensitized), /保留前6位和后4位/);
  });

  test('11. the same decision sent twice with the same updateId takes effect once', async () => {
    const handle = await fileCase(h, 'idempotent', ['NB-PSB-0001']);
    const id = handle.workflowId;
    const review = await openTask(handle, 'bdb-review');
    const first = await decide(handle, review.id, ACTORS.reviewer, { decision: 'approve' }, { updateId: 'same' });
    const second = await decide(handle, review.id, ACTORS.reviewer, { decision: 'approve' }, { updateId: 'same' });
    assert.deepEqual(second, first);
    const s = await state(handle);
    assert.equal(s.tasks.filter((t) => t.step === 'provider-consent').length, 1, 'one consent task');
    assert.equal(historyOf(h, id).filter((e) => e.action === 'decided').length, 1, 'one decided entry');
    assert.equal(opsOfKind(h, id, 'task-close').length, 1);
  });

  test('11b. two different concurrent decisions on one task: one wins, the other is a conflict', async () => {
    const handle = await fileCase(h, 'race', ['NB-PSB-0001']);
    const id = handle.workflowId;
    const review = await openTask(handle, 'bdb-review');
    const results = await Promise.allSettled([
      decide(handle, review.id, ACTORS.reviewer, { decision: 'approve' }),
      decide(handle, review.id, ACTORS.reviewer, { decision: 'reject', comment: '不符合' }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(results.map((r) => r.status)));
    const loser = results.find((r) => r.status === 'rejected')!;
    await assertRefused(Promise.reject(loser.reason), 'conflict');
    const decided = historyOf(h, id).filter((e) => e.action === 'decided');
    assert.equal(decided.length, 1, JSON.stringify(decided));
  });

  test('12. an admin revokes the grant: grant-end revoked, case revoked, workflow completes; others refused', async () => {
    const handle = await fileCase(h, 'revoke', ['NB-PSB-0001']);
    const id = handle.workflowId;
    await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
    await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'agree' });
    const grant = (await state(handle)).grants[0]!;
    await assertRefused(revokeGrant(handle, grant.id, ACTORS.reviewer, '越权'), 'conflict');
    await assertRefused(revokeGrant(handle, 'no-such-grant', ACTORS.admin, '不存在'), 'conflict');
    const r = await revokeGrant(handle, grant.id, ACTORS.admin, '申请单位违反第20条承诺');
    assert.equal(r.status, 'revoked');
    const final = await handle.result();
    assert.equal(final.status, 'revoked');
    const ended = opsOfKind(h, id, 'grant-end');
    assert.equal(ended.length, 1);
    assert.equal(ended[0]!.status, 'revoked');
    assert.match(ended[0]!.by, /系统管理员/);
    const revoked = historyOf(h, id).find((e) => e.action === 'grant-revoked');
    assert.match(revoked?.comment ?? '', /第20条承诺/);
    assert.equal(caseRowOf(h, id).status, 'revoked');
  });
});
