/**
 * The problem-data closed loop (PROCEDURES §6, Art. 27–29) on the time-skipping
 * server: every deadline — 5 working days, urgent 1, a limit the BDB sets, the
 * 60-day extension cap, the reporter's silence as acceptance, a reopened round —
 * and every end: closed in each resolution mode, closed by lapse, withdrawn.
 */
import { test, before, after, afterEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ProblemDataPayload } from '../../domain/cases/problem-data/payload';
import { extensionCap } from '../../domain/cases/problem-data/deadlines';
import { stateQuery } from '../../workflows/kernel/messages';
import { setHandlingLimitUpdate, type PdState } from '../../workflows/problem-data.types';
import {
  ACTORS,
  assertRefused,
  calendar,
  caseRowOf,
  cleanupCases,
  decide,
  fileProblemData,
  historyOf,
  openStep,
  opsOfKind,
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
  h = await startHarness('pd');
});
afterEach(async () => {
  await cleanupCases(h);
});
after(async () => {
  await stopHarness(h);
});

const fileReport = (label: string, over: Partial<ProblemDataPayload> = {}, by: 'amr' | 'bdb' = 'amr') => fileProblemData(h, label, over, by);
const pdState = async (handle: RsHandle) => (await handle.query(stateQuery)) as unknown as PdState;
const open = openStep;
const workingDaysFrom = (from: string, n: number) => calendar(h).addWorkingDays(new Date(from), n).deadline.toISOString();

describe('problem-data workflow', () => {
  test('5 working days to handle; corrected needs what changed and the new version; the reporter accepts → closed', async () => {
    const { handle, id } = await fileReport('corrected');
    const t = await open(handle, 'provider-handle');
    assert.equal(t.orgId, 'psb');
    assert.equal(t.dueAt, workingDaysFrom(t.createdAt, 5), 'Art. 27 ¶3: 5 working days from receipt');

    const bare = await assertRefused(decide(handle, t.id, ACTORS.psb, { decision: 'corrected', comment: '已更正住址' }), 'rule');
    assert.ok(bare?.fields?.dataVersion, 'corrected names the new data version or collection time');
    assert.equal(bare?.article, '第27条第4款');
    await decide(handle, t.id, ACTORS.psb, { decision: 'corrected', comment: '已按不动产登记更正住址', dataVersion: 'v2026.12.01' });

    const confirm = await open(handle, 'reporter-confirm');
    assert.deepEqual([confirm.orgId, confirm.role], ['amr', 'applicant']);
    assert.equal(confirm.dueAt, workingDaysFrom(confirm.createdAt, 5), 'policy: 5 working days to confirm');
    await assertRefused(withdraw(handle, ACTORS.applicant), 'conflict'); // the provider has answered
    await decide(handle, confirm.id, ACTORS.applicant, { decision: 'accept' });

    await handle.result();
    const row = caseRowOf(h, id);
    assert.equal(row.status, 'closed');
    const outcome = row.outcome as { resolution: string; closedBy: string; rounds: { resolution: string; dataVersion: string; confirmation: string }[] };
    assert.equal(outcome.resolution, 'corrected');
    assert.equal(outcome.closedBy, 'reporter');
    assert.deepEqual(outcome.rounds.map((r) => [r.resolution, r.dataVersion, r.confirmation]), [['corrected', 'v2026.12.01', 'accepted']]);
    assert.ok(historyOf(h, id).some((e) => e.action === 'decided' && e.comment?.includes('v2026.12.01')), 'the history shows the new version');
  });

  test('urgent: 1 working day; the lapse keeps the task open, overdue, tells provider and BDB; a BDB limit moves the clock', async () => {
    const { handle, id } = await fileReport('urgent', { urgent: true });
    const t = await open(handle, 'provider-handle');
    assert.equal(t.dueAt, workingDaysFrom(t.createdAt, 1), 'policy: urgent reports are due in 1 working day');
    assert.ok(historyOf(h, id).some((e) => e.action === 'deadline-set' && e.comment?.includes('紧急')));

    await sleepPast(h, t.dueAt!);
    await waitFor(async () => (await open(handle, 'provider-handle')).overdue, 'overdue');
    const notices = opsOfKind(h, id, 'notify').filter((n) => n.kind === 'overdue');
    assert.deepEqual(notices.map((n) => n.orgId).sort(), ['bdb', 'psb'], 'the provider and the BDB are told');

    const refusedLimit = await assertRefused(handle.executeUpdate(setHandlingLimitUpdate, { args: [{ actor: ACTORS.psb, workingDays: 10, reason: '自定' }] }), 'conflict');
    assert.equal(refusedLimit, undefined);
    await handle.executeUpdate(setHandlingLimitUpdate, { args: [{ actor: ACTORS.coordinator, workingDays: 10, reason: '涉及历史数据核查' }] });
    const moved = await open(handle, 'provider-handle');
    assert.equal(moved.id, t.id, 'the same task, its clock moved');
    assert.equal(moved.dueAt, workingDaysFrom(t.createdAt, 10));
    assert.equal(moved.overdue, false, 'the new deadline lies ahead');
    assert.deepEqual(moved.clock, { from: t.createdAt, workingDays: 10 }, 'the rule is kept for calendar re-plans');
    assert.ok(historyOf(h, id).some((e) => e.action === 'deadline-moved' && e.comment?.includes('10个工作日')));
    assert.ok(opsOfKind(h, id, 'task-deadline').some((o) => o.id === t.id && o.overdueCleared));
  });

  test('an extension past receipt + 60 natural days is refused before any task opens; an approved one moves the deadline; communicated then the reporter stays silent → closed as accepted', async () => {
    const { handle, id, input } = await fileReport('extension');
    const t = await open(handle, 'provider-handle');
    const cap = extensionCap(input.filedAt);
    const tooLate = new Date(cap.getTime() + 1000).toISOString();
    const refusal = await assertRefused(decide(handle, t.id, ACTORS.psb, { decision: 'request-extension', newDueAt: tooLate, comment: '需现场核查' }), 'rule');
    assert.equal(refusal?.article, '第27条第3款');
    assert.ok(refusal?.fields?.newDueAt);
    assert.equal((await pdState(handle)).tasks.length, 1, 'no task opened');

    await decide(handle, t.id, ACTORS.psb, { decision: 'request-extension', newDueAt: cap.toISOString(), comment: '需现场核查' });
    const review = await open(handle, 'bdb-extension-review');
    await decide(handle, review.id, ACTORS.reviewer, { decision: 'approve-extension' });
    const extended = await open(handle, 'provider-handle');
    assert.equal(extended.dueAt, cap.toISOString(), 'the provider now has until the date asked');
    assert.ok(historyOf(h, id).some((e) => e.action === 'deadline-set' && e.comment?.includes('同意延期')), 'the history says so');

    const noWho = await assertRefused(decide(handle, extended.id, ACTORS.psb, { decision: 'communicated', comment: '下季度统一修正' }), 'rule');
    assert.ok(noWho?.fields?.agreedWith);
    await decide(handle, extended.id, ACTORS.psb, { decision: 'communicated', comment: '下季度统一修正', agreedWith: '市场监管局 陈市监' });
    const confirm = await open(handle, 'reporter-confirm');
    await sleepPast(h, confirm.dueAt!);
    await handle.result();
    const row = caseRowOf(h, id);
    assert.equal(row.status, 'closed');
    assert.equal((row.outcome as { closedBy: string }).closedBy, 'lapse');
    assert.equal((row.outcome as { resolution: string }).resolution, 'communicated');
    assert.ok(historyOf(h, id).some((e) => e.action === 'case-closed' && e.comment?.includes('视为认可')));
  });

  test('a rejected extension keeps the original deadline', async () => {
    const { handle } = await fileReport('ext-rejected');
    const t = await open(handle, 'provider-handle');
    await decide(handle, t.id, ACTORS.psb, { decision: 'request-extension', newDueAt: workingDaysFrom(t.createdAt, 15), comment: '人手不足' });
    await decide(handle, (await open(handle, 'bdb-extension-review')).id, ACTORS.reviewer, { decision: 'reject-extension', comment: '理由不充分' });
    assert.equal((await open(handle, 'provider-handle')).dueAt, t.dueAt);
  });

  test('the BDB’s own quality check: dispute → reopen (new deadline, round 2) → verified-correct → dispute → uphold', async () => {
    const { handle, id } = await fileReport('arbitration', {}, 'bdb');
    const first = await open(handle, 'provider-handle');
    await decide(handle, first.id, ACTORS.psb, { decision: 'verified-correct', comment: '经核对户籍档案，住址无误' });
    const confirm = await open(handle, 'reporter-confirm');
    assert.deepEqual([confirm.orgId, confirm.role], ['bdb', 'bdb-reviewer'], 'the BDB confirms its own report');
    await decide(handle, confirm.id, ACTORS.reviewer, { decision: 'dispute', comment: '不动产登记显示已变更' });
    const arb = await open(handle, 'bdb-arbitration');
    await h.env.sleep(3 * 24 * 3600_000);
    await decide(handle, arb.id, ACTORS.coordinator, { decision: 'reopen', comment: '请与不动产登记中心核对' });
    const second = await open(handle, 'provider-handle');
    assert.notEqual(second.id, first.id);
    assert.equal(second.dueAt, workingDaysFrom(second.createdAt, 5), 'a new deadline from the reopen');
    assert.ok(Date.parse(second.dueAt!) > Date.parse(first.dueAt!));

    await decide(handle, second.id, ACTORS.psb, { decision: 'verified-correct', comment: '已与不动产登记中心核对，户籍住址无误' });
    await decide(handle, (await open(handle, 'reporter-confirm')).id, ACTORS.reviewer, { decision: 'dispute', comment: '仍不一致' });
    await decide(handle, (await open(handle, 'bdb-arbitration')).id, ACTORS.coordinator, { decision: 'uphold', comment: '以户籍登记为准' });
    await handle.result();
    const outcome = caseRowOf(h, id).outcome as { closedBy: string; resolution: string; rounds: { confirmation: string; arbitration: string }[] };
    assert.equal(caseRowOf(h, id).status, 'closed');
    assert.equal(outcome.closedBy, 'arbitration');
    assert.equal(outcome.resolution, 'verified-correct');
    assert.deepEqual(outcome.rounds.map((r) => [r.confirmation, r.arbitration]), [['disputed', 'reopen'], ['disputed', 'uphold']]);
  });

  test('the reporter withdraws while the provider has not answered; nobody else may', async () => {
    const { handle, id } = await fileReport('withdraw');
    await assertRefused(withdraw(handle, ACTORS.psb), 'conflict');
    await withdraw(handle, ACTORS.applicant, '已自行核实，数据无误');
    await handle.result();
    assert.equal(caseRowOf(h, id).status, 'withdrawn');
    assert.equal((await pdState(handle)).tasks.find((t) => t.step === 'provider-handle')?.status, 'cancelled');
  });
});
