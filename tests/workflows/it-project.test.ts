/**
 * The IT project review (PROCEDURES §7, Art. 8, 9, 11) on the time-skipping
 * server: the review's 10-working-day clock with its reminder and lapse; the
 * opinion numbered for approve, approve-with-conditions and reject (not for
 * return) and copied to every recipient; return → resubmit; withdrawal; the
 * completion wait with a reminder at the planned date and monthly after, across
 * continue-as-new; the acceptance check, fail and re-report, accept.
 */
import { test, before, after, afterEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import { stateQuery } from '../../workflows/kernel/messages';
import type { ItState } from '../../workflows/it-project.types';
import type { KernelTask } from '../../workflows/kernel/types';
import { completionReminderAt } from '../../domain/cases/it-project/completion';
import { toShanghaiDate } from '../../domain/calendar';
import {
  ACTORS,
  IT_RECIPIENTS,
  assertRefused,
  calendar,
  caseRowOf,
  cleanupCases,
  decide,
  fileItProject,
  historyOf,
  itPayload,
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
  h = await startHarness('it');
});
afterEach(async () => {
  await cleanupCases(h);
});
after(async () => {
  await stopHarness(h);
});

const itState = async (handle: RsHandle) => (await handle.query(stateQuery)) as unknown as ItState;
async function open(handle: RsHandle, step: string): Promise<KernelTask> {
  const s = await itState(handle);
  const found = s.tasks.filter((t) => t.status === 'open' && t.step === step);
  assert.equal(found.length, 1, `one open ${step}: ${JSON.stringify(s.tasks.map((t) => [t.step, t.status]))}`);
  return found[0]!;
}
const OWNER = ACTORS.applicant;
const REVIEWER = ACTORS.reviewer;
const NUMBER = /^甬数审〔\d{4}〕\d+号$/;
/** A Shanghai date `days` after the test server's now. */
const dateAhead = async (days: number) => toShanghaiDate(new Date((await h.env.currentTimeMs()) + days * 86_400_000));
/** Catalog entries amr provides, collected at the test server's now unless told otherwise. */
const provide = async (codes: string[], over: { providerId?: string; lastUpdatedAt?: Date } = {}) => {
  const now = new Date(await h.env.currentTimeMs());
  for (const code of codes) h.catalog.push({ code, providerId: over.providerId ?? 'amr', updateCycle: 'monthly', lastUpdatedAt: over.lastUpdatedAt ?? now });
};

describe('it-project workflow: review and the opinion', () => {
  test('10 working days to review (policy), reminded the day before, overdue and supervised; approve then issues a numbered opinion copied to every recipient', async () => {
    const { handle, id } = await fileItProject(h, 'review-deadline');
    const t = await open(handle, 'bdb-review');
    assert.equal(t.dueAt, calendar(h).addWorkingDays(new Date(t.createdAt), 10).deadline.toISOString());
    await sleepPast(h, t.dueAt!);
    await waitFor(() => opsOfKind(h, id, 'task-overdue').length === 1, 'overdue');
    const notices = opsOfKind(h, id, 'notify');
    assert.deepEqual(notices.map((n) => [n.id, n.kind, n.role]), [
      [`${t.id}-remind`, 'reminder', 'bdb-reviewer'],
      [`${t.id}-due`, 'overdue', 'bdb-reviewer'],
      [`${t.id}-supervise`, 'overdue', 'bdb-coordinator'],
    ]);

    await decide(handle, t.id, REVIEWER, { decision: 'approve', comment: '同意建设' });
    // The Update answered: the number exists and is in the state and the case row already.
    const s = await itState(handle);
    assert.match(s.opinion!.number, NUMBER);
    assert.equal(h.opinions.get(t.id)?.number, s.opinion!.number);
    assert.deepEqual((caseRowOf(h, id).outcome as { opinion: unknown }).opinion, s.opinion);
    const issued = historyOf(h, id).find((e) => e.action === 'opinion-issued')!;
    assert.equal(issued.article, '第9条');
    assert.ok(issued.comment!.includes(s.opinion!.number) && issued.comment!.includes('宁波市财政局'));
    const cc = opsOfKind(h, id, 'cc-issue');
    assert.deepEqual(cc.map((c) => [c.id, c.orgId, c.opinionNumber]), IT_RECIPIENTS.map((r) => [`${id}-cc-${r.orgId}`, r.orgId, s.opinion!.number]));
    assert.ok(cc[0]!.title.includes('智慧市场监管平台'));
    const report = await open(handle, 'owner-report-completion');
    assert.equal(report.dueAt, null, 'no deadline while the owner builds');
    await assertRefused(withdraw(handle, OWNER), 'conflict');
  });

  test('return issues no opinion; a resubmit is checked again (Art. 8); approve-with-conditions numbers the next opinion', async () => {
    const { handle, id } = await fileItProject(h, 'return');
    await decide(handle, (await open(handle, 'bdb-review')).id, REVIEWER, { decision: 'return', comment: '请补充共享方案' });
    assert.equal((await itState(handle)).opinion, null);
    const amend = await open(handle, 'owner-amend');
    const cloud = itPayload({ buildsOwnCloudOrDataCenter: true });
    const refusal = await assertRefused(decide(handle, amend.id, OWNER, { decision: 'resubmit', payload: cloud }, { amended: { payload: cloud } }), 'rule');
    assert.equal(refusal?.article, '第8条');
    assert.ok(refusal?.fields?.['payload.buildsOwnCloudOrDataCenter']);
    const amended = itPayload({ sharingPlan: '按目录共享并开放企业信用评价' });
    await decide(handle, amend.id, OWNER, { decision: 'resubmit', payload: amended }, { amended: { payload: amended } });
    assert.equal((await itState(handle)).payload.sharingPlan, amended.sharingPlan);
    assert.equal((caseRowOf(h, id).payload as { sharingPlan: string }).sharingPlan, amended.sharingPlan);
    const before = h.opinions.size;
    await decide(handle, (await open(handle, 'bdb-review')).id, REVIEWER, { decision: 'approve-with-conditions', conditions: '须部署在市大数据中心' });
    const o = (await itState(handle)).opinion!;
    assert.equal(o.decision, 'approve-with-conditions');
    assert.equal(o.conditions, '须部署在市大数据中心');
    assert.equal(h.opinions.size, before + 1, 'one opinion for the case');
  });

  test('reject ends the case rejected with its opinion, copied; withdraw in review and in amend ends withdrawn', async () => {
    const rejected = await fileItProject(h, 'reject');
    await decide(rejected.handle, (await open(rejected.handle, 'bdb-review')).id, REVIEWER, { decision: 'reject', comment: '与已建系统重复' });
    const final = (await rejected.handle.result()) as unknown as ItState;
    assert.equal(final.status, 'rejected');
    assert.equal(final.opinion?.decision, 'reject');
    assert.equal(opsOfKind(h, rejected.id, 'cc-issue').length, 2);

    const inReview = await fileItProject(h, 'withdraw-review');
    await withdraw(inReview.handle, OWNER, '项目暂缓');
    assert.equal(((await inReview.handle.result()) as unknown as ItState).status, 'withdrawn');

    const inAmend = await fileItProject(h, 'withdraw-amend');
    await decide(inAmend.handle, (await open(inAmend.handle, 'bdb-review')).id, REVIEWER, { decision: 'return', comment: '请修改' });
    await decide(inAmend.handle, (await open(inAmend.handle, 'owner-amend')).id, OWNER, { decision: 'withdraw' });
    const gone = (await inAmend.handle.result()) as unknown as ItState;
    assert.equal(gone.status, 'withdrawn');
    assert.equal(gone.opinion, null);
    assert.equal(opsOfKind(h, inAmend.id, 'cc-issue').length, 0);
  });
});

describe('it-project workflow: completion and acceptance', () => {
  test('reminders at the planned date and monthly after, across continue-as-new; fail names the failed entries and re-opens the wait; re-report → accepted', async () => {
    const planned = await dateAhead(20);
    const { handle, id } = await fileItProject(h, 'months', { plannedCompletion: planned }, { continueAsNewAtHistoryLength: 60 });
    const firstRun = (await handle.describe()).runId;
    await decide(handle, (await open(handle, 'bdb-review')).id, REVIEWER, { decision: 'approve' });
    const report = await open(handle, 'owner-report-completion');
    const at = (n: number) => completionReminderAt(planned, n).toISOString();
    assert.deepEqual((await itState(handle)).reminder, { n: 0, at: at(0) });
    assert.ok(at(0).endsWith('T01:00:00.000Z'), '09:00 Shanghai');

    for (const n of [0, 1, 2, 3]) {
      await sleepPast(h, at(n), 60_000);
      await waitFor(() => opsOfKind(h, id, 'notify').some((x) => x.id === `${id}-completion-remind-${n}`), `reminder ${n}`);
    }
    // Continued as new while waiting: one case, the schedule and the counters carried.
    await waitFor(async () => (await handle.describe()).runId !== firstRun, 'a new run');
    assert.ok(historyOf(h, id).some((e) => e.action === 'continued-as-new'));
    const s = await itState(handle);
    assert.deepEqual(s.reminder, { n: 4, at: at(4) });
    assert.equal((await open(handle, 'owner-report-completion')).id, report.id, 'the same task, carried');
    const reminders = opsOfKind(h, id, 'notify').filter((x) => x.kind === 'reminder' && x.id.includes('completion'));
    assert.deepEqual(reminders.map((x) => x.id), [0, 1, 2, 3].map((n) => `${id}-completion-remind-${n}`), 'one reminder a month, none twice');
    assert.deepEqual(reminders.map((x) => x.orgId), ['amr', 'amr', 'amr', 'amr']);
    assert.match(historyOf(h, id).filter((e) => e.action === 'reminder').at(-1)!.comment!, /已过 3 个月/);

    // Report: one resource per entry, in order; the check reads the catalog.
    await provide(['NB-AMR-P1']);
    await provide(['NB-PSB-0001'], { providerId: 'psb' });
    const wrong = await assertRefused(decide(handle, report.id, OWNER, { decision: 'complete', registeredResources: ['NB-AMR-P1'] }), 'rule');
    assert.ok(wrong?.fields?.registeredResources);
    await decide(handle, report.id, OWNER, { decision: 'complete', registeredResources: ['NB-AMR-P1', 'NB-PSB-0001'] });
    const acceptance = await open(handle, 'bdb-acceptance');
    const check = (await itState(handle)).acceptanceCheck!;
    assert.equal(check.passed, false);
    assert.deepEqual(check.entries.map((e) => [e.name, e.inCatalog, e.ownedByOwner, e.collected]), [['企业信用评价', true, true, true], ['移动执法记录', true, false, true]]);
    assert.equal((await itState(handle)).reminder, null, 'no reminder once reported');
    const refused = await assertRefused(decide(handle, acceptance.id, REVIEWER, { decision: 'accept' }), 'rule');
    assert.equal(refused?.article, '第11条');
    await decide(handle, acceptance.id, REVIEWER, { decision: 'fail', comment: '执法记录未由建设单位编目' });
    assert.match(historyOf(h, id).find((e) => e.action === 'acceptance-failed')!.comment!, /移动执法记录（NB-PSB-0001）提供单位不是项目建设单位/);

    // Back to the owner; the reminders go on from the next month still ahead.
    const again = await open(handle, 'owner-report-completion');
    assert.deepEqual((await itState(handle)).reminder, { n: 4, at: at(4) });
    await sleepPast(h, at(4), 60_000);
    await waitFor(() => opsOfKind(h, id, 'notify').some((x) => x.id === `${id}-completion-remind-4`), 'reminder 4');
    await provide(['NB-AMR-P2']);
    await decide(handle, again.id, OWNER, { decision: 'complete', registeredResources: ['NB-AMR-P1', 'NB-AMR-P2'] });
    assert.equal((await itState(handle)).acceptanceCheck!.passed, true);
    await decide(handle, (await open(handle, 'bdb-acceptance')).id, REVIEWER, { decision: 'accept' });
    const final = (await handle.result()) as unknown as ItState;
    assert.equal(final.status, 'accepted');
    assert.equal(caseRowOf(h, id).status, 'accepted');

    const keys = historyOf(h, id).map((e) => e.key);
    assert.deepEqual(keys, keys.map((_, i) => `${id}-h${i + 1}`), 'one history across runs: keys continue, none twice');
    const notifyIds = opsOfKind(h, id, 'notify').map((x) => x.id);
    assert.equal(new Set(notifyIds).size, notifyIds.length);
  });

  test('a lapsed update cycle fails the check (Art. 26); nothing reported means no reminder before the planned date', async () => {
    const planned = await dateAhead(40);
    const { handle, id } = await fileItProject(h, 'stale', { plannedCompletion: planned, dataCatalog: [itPayload().dataCatalog[0]!] });
    await decide(handle, (await open(handle, 'bdb-review')).id, REVIEWER, { decision: 'approve' });
    await h.env.sleep(20 * 86_400_000);
    assert.equal(opsOfKind(h, id, 'notify').filter((x) => x.id.includes('completion')).length, 0, 'not reminded before the planned date');
    await provide(['NB-AMR-OLD'], { lastUpdatedAt: new Date((await h.env.currentTimeMs()) - 60 * 86_400_000) });
    await decide(handle, (await open(handle, 'owner-report-completion')).id, OWNER, { decision: 'complete', registeredResources: ['NB-AMR-OLD'] });
    const check = (await itState(handle)).acceptanceCheck!;
    assert.deepEqual([check.passed, check.entries[0]!.collected, check.entries[0]!.ownedByOwner], [false, false, true]);
    assert.match(historyOf(h, id).find((e) => e.action === 'acceptance-checked')!.comment!, /第26条/);
  });
});
