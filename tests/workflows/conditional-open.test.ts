/**
 * The conditional open-data application (PROCEDURES §5) on the time-skipping
 * server: both assessments must approve; request-info pauses that line's clock
 * and the supplement resumes it with the working days left; a reject ends the
 * case and cancels the other line; the agreement is signed, countersigned and
 * runs until it ends or an administrator revokes it.
 */
import { test, before, after, afterEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { CoState } from '../../workflows/conditional-open.types';
import { stateQuery } from '../../workflows/kernel/messages';
import { AGREEMENT_TEMPLATE_VERSION } from '../../domain/agreement/agreement-template';
import {
  ACME,
  AMR2,
  ACTORS,
  CO_SHA,
  WATER_OPEN,
  coPayload,
  fileConditionalOpen,
  type CoHandle,
  assertRefused,
  calendar,
  caseRowOf,
  cleanupCases,
  decide,
  historyOf,
  opsOfKind,
  revokeGrant,
  sleepPast,
  startHarness,
  stopHarness,
  waitFor,
  withdraw,
  type Harness,
  type RsHandle,
} from './harness';

let h: Harness;
before(async () => {
  h = await startHarness('co');
});
afterEach(async () => {
  await cleanupCases(h);
});
after(async () => {
  await stopHarness(h);
});

const co = (handle: CoHandle) => handle as unknown as RsHandle;
const coState = async (handle: CoHandle) => (await handle.query(stateQuery)) as CoState;
async function open(handle: CoHandle, step: string, orgId?: string) {
  const found = (await coState(handle)).tasks.filter((t) => t.status === 'open' && t.step === step && (!orgId || t.orgId === orgId));
  assert.equal(found.length, 1, `one open ${step}: ${JSON.stringify((await coState(handle)).tasks.map((t) => [t.step, t.status, t.orgId]))}`);
  return found[0]!;
}
const approveBoth = async (handle: CoHandle) => {
  await decide(co(handle), (await open(handle, 'bdb-assessment')).id, ACTORS.reviewer, { decision: 'approve' });
  await decide(co(handle), (await open(handle, 'provider-assessment', 'water')).id, ACTORS.water, { decision: 'approve' });
};

describe('conditional-open workflow', () => {
  test('both assessments in parallel, 10 working days each; both approve → agreement → sign → countersign → active → expired', async () => {
    const handle = await fileConditionalOpen(h, 'happy');
    const id = handle.workflowId;
    const s = await coState(handle);
    assert.deepEqual(s.tasks.map((t) => [t.step, t.orgId, t.track]), [['bdb-assessment', 'bdb', 'bdb'], ['provider-assessment', 'water', 'water']]);
    for (const t of s.tasks) assert.equal(t.dueAt, calendar(h).addWorkingDays(new Date(t.createdAt), 10).deadline.toISOString());

    await decide(co(handle), (await open(handle, 'bdb-assessment')).id, ACTORS.reviewer, { decision: 'approve' });
    assert.equal(opsOfKind(h, id, 'agreement-draft').length, 0, 'one approval is not enough (综合评估)');
    await decide(co(handle), (await open(handle, 'provider-assessment', 'water')).id, ACTORS.water, { decision: 'approve' });
    const [draft] = opsOfKind(h, id, 'agreement-draft');
    assert.equal(draft?.templateVersion, AGREEMENT_TEMPLATE_VERSION);
    assert.ok(draft?.text.includes('宁波某科技有限公司') && draft.text.includes('用水户信息') && draft.text.includes('90'), 'the agreement is filled with the case facts');

    const signTask = await open(handle, 'applicant-sign', 'acme');
    const unsigned = await assertRefused(decide(co(handle), signTask.id, ACME, { decision: 'sign', signerName: '刘经理' }), 'rule');
    assert.ok(unsigned?.fields?.agreementSha256, 'a signature refers to a text');
    const noName = await assertRefused(handle.executeUpdate('decide', { args: [{ taskId: signTask.id, actor: ACME, decision: { decision: 'sign' }, signedSha256: CO_SHA }] }), 'rule');
    assert.ok(noName?.fields?.signerName, 'a signature names its signer');
    await handle.executeUpdate('decide', { args: [{ taskId: signTask.id, actor: ACME, decision: { decision: 'sign', signerName: '刘经理' }, signedSha256: CO_SHA }] });
    const counter = await open(handle, 'bdb-countersign', 'bdb');
    await handle.executeUpdate('decide', { args: [{ taskId: counter.id, actor: ACTORS.reviewer, decision: { decision: 'sign', signerName: '王审核' }, signedSha256: CO_SHA }] });

    const after = await coState(handle);
    assert.equal(after.status, 'active');
    assert.deepEqual(opsOfKind(h, id, 'agreement-sign').map((x) => [x.step, x.signerName, x.userId, x.sha256]), [
      ['applicant-sign', '刘经理', ACME.id, CO_SHA],
      ['bdb-countersign', '王审核', ACTORS.reviewer.id, CO_SHA],
    ]);
    const grants = opsOfKind(h, id, 'grant-issue');
    assert.deepEqual(grants.map((g) => [g.resourceCode, g.orgId]), [['NB-WATER-0001', 'acme']]);
    assert.equal(grants[0]!.expiresAt, calendar(h).addNaturalDays(new Date(grants[0]!.grantedAt), 90).deadline.toISOString());
    assert.equal(caseRowOf(h, id).status, 'active');
    assert.equal(caseRowOf(h, id).closedAt, null, 'an active agreement is not closed');

    await sleepPast(h, grants[0]!.expiresAt);
    await handle.result();
    assert.equal(caseRowOf(h, id).status, 'expired');
    assert.ok(historyOf(h, id).some((e) => e.action === 'agreement-expired'));
  });

  test('request-info pauses that line only; the supplement resumes it with the working days left; resources cannot change', async () => {
    const handle = await fileConditionalOpen(h, 'request-info');
    const id = handle.workflowId;
    const provider = await open(handle, 'provider-assessment', 'water');
    const bdb = await open(handle, 'bdb-assessment');
    const noReason = await assertRefused(decide(co(handle), provider.id, ACTORS.water, { decision: 'request-info' }), 'rule');
    assert.ok(noReason?.fields?.comment);

    // Three working days into the ten, the provider asks for more.
    const threeDaysIn = calendar(h).addWorkingDays(new Date(provider.createdAt), 3).deadline.toISOString();
    await sleepPast(h, threeDaysIn, 10 * 3600_000); // 10:00 of the fourth working day
    const pausedAt = await h.env.currentTimeMs();
    await decide(co(handle), provider.id, ACTORS.water, { decision: 'request-info', comment: '请补充数据脱敏方案' });
    const paused = historyOf(h, id).find((e) => e.action === 'clock-paused')!;
    const left = (paused.data as { workingDaysLeft: number }).workingDaysLeft;
    assert.equal(left, 6, 'paused on the 4th of 10 working days: 6 left after today');
    assert.match(paused.comment ?? '', /剩余 6 个工作日/);
    assert.equal(paused.article, '第25条第3款');
    assert.equal((await open(handle, 'bdb-assessment')).id, bdb.id, "the BDB's line keeps running");

    const supplement = await open(handle, 'applicant-supplement', 'acme');
    const changed = coPayload({ resources: ['NB-WATER-0001', 'NB-AMR-0002'] });
    const refusedChange = await assertRefused(
      decide(co(handle), supplement.id, ACME, { decision: 'resubmit', payload: changed }, { amended: { payload: changed, resources: [WATER_OPEN, AMR2] } }),
      'rule',
    );
    assert.ok(refusedChange?.fields?.['payload.resources']);

    // The applicant takes a week; those days do not count.
    await h.env.sleep(7 * 24 * 3600_000);
    const amended = coPayload({ securityMeasures: '数据存放于等保三级机房；身份证号等字段哈希脱敏后建模' });
    await decide(co(handle), supplement.id, ACME, { decision: 'resubmit', payload: amended }, { amended: { payload: amended, resources: [WATER_OPEN] } });
    const resumed = await open(handle, 'provider-assessment', 'water');
    assert.notEqual(resumed.id, provider.id);
    assert.equal(resumed.dueAt, calendar(h).addWorkingDays(new Date(resumed.createdAt), 6).deadline.toISOString(), 'the remaining 6 working days from the supplement');
    assert.ok(Date.parse(resumed.createdAt) > pausedAt);
    assert.match(historyOf(h, id).find((e) => e.action === 'clock-resumed')?.comment ?? '', /剩余 6 个工作日/);
    assert.deepEqual(caseRowOf(h, id).payload, amended);
  });

  test('a reject by either side ends the case rejected and cancels the other line', async () => {
    const handle = await fileConditionalOpen(h, 'reject', [WATER_OPEN, AMR2]);
    const id = handle.workflowId;
    assert.equal((await coState(handle)).tasks.length, 3, 'the BDB and one assessment per provider');
    await decide(co(handle), (await open(handle, 'provider-assessment', 'amr')).id, ACTORS.applicant, { decision: 'reject', comment: '涉及在办案件，暂不宜开放' });
    const s = await coState(handle);
    assert.equal(s.status, 'rejected');
    assert.deepEqual(s.tasks.map((t) => t.status), ['cancelled', 'cancelled', 'done']);
    assert.deepEqual(s.outcomes.map((o) => o.outcome), ['refused', 'refused']);
    await handle.result();
    assert.equal(caseRowOf(h, id).status, 'rejected');
  });

  test('the applicant may withdraw instead of signing; an admin revokes an active agreement', async () => {
    const withdrawn = await fileConditionalOpen(h, 'withdraw-at-sign');
    await approveBoth(withdrawn);
    await decide(co(withdrawn), (await open(withdrawn, 'applicant-sign')).id, ACME, { decision: 'withdraw' });
    assert.equal((await coState(withdrawn)).status, 'withdrawn');

    const active = await fileConditionalOpen(h, 'revoke');
    await approveBoth(active);
    await active.executeUpdate('decide', { args: [{ taskId: (await open(active, 'applicant-sign')).id, actor: ACME, decision: { decision: 'sign', signerName: '刘经理' }, signedSha256: CO_SHA }] });
    await active.executeUpdate('decide', { args: [{ taskId: (await open(active, 'bdb-countersign')).id, actor: ACTORS.reviewer, decision: { decision: 'sign', signerName: '王审核' }, signedSha256: CO_SHA }] });
    const grant = (await coState(active)).grants[0]!;
    await revokeGrant(co(active), grant.id, ACTORS.admin, '违反协议约定向第三方提供数据');
    assert.equal((await coState(active)).status, 'revoked');
    await active.result();

    // The kernel's withdraw Update works for this procedure too.
    const early = await fileConditionalOpen(h, 'withdraw-early');
    assert.equal((await withdraw(co(early), ACME, '项目取消')).status, 'withdrawn');
  });

  test('a missed assessment deadline keeps the task open, marks it overdue and tells the BDB', async () => {
    const handle = await fileConditionalOpen(h, 'lapse');
    const id = handle.workflowId;
    const bdb = await open(handle, 'bdb-assessment');
    await sleepPast(h, bdb.dueAt!, 60_000);
    await waitFor(() => opsOfKind(h, id, 'task-overdue').length === 2, 'both lines overdue');
    assert.equal((await open(handle, 'bdb-assessment')).overdue, true);
    assert.ok(opsOfKind(h, id, 'notify').some((n) => n.orgId === 'bdb' && n.role === 'bdb-coordinator' && n.kind === 'overdue'));
    assert.match(historyOf(h, id).find((e) => e.action === 'overdue')?.comment ?? '', /逾期/);
  });
});
