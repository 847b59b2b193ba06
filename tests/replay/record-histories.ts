/**
 * Records the saved workflow histories that saved-histories.replay.test.ts
 * replays. Run it only when a *deliberate* change to the workflow is released
 * together with a versioning plan (patched() / a new workflow type); otherwise
 * a failing replay means the change breaks running cases.
 *
 *   cd /work/main && node --import tsx tests/replay/record-histories.ts
 *
 * Each scenario runs on the time-skipping test server with the same mocked
 * activities as the workflow tests, and is written as proto JSON (the format
 * `temporal workflow show --output json` produces) to tests/replay/histories/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from './history-json';
import { ApplicationFailure } from '@temporalio/common';
import { UNWRITABLE_PROJECTION } from '../../domain/cases/projection';
import { calendarPublishedSignal, retryProjectionSignal } from '../../workflows/kernel/messages';
import type { RsActor } from '../../workflows/restricted-share.types';
import { setHandlingLimitUpdate } from '../../workflows/problem-data.types';
import { extensionCap } from '../../domain/cases/problem-data/deadlines';
import {
  ACME,
  ACTORS,
  CO_SHA,
  WATER_OPEN,
  coPayload,
  fileConditionalOpen,
  fileProblemData,
  fileItProject,
  itPayload,
  type CoHandle,
  RESOURCES,
  calendar,
  cleanupCases,
  correctedYear,
  decide,
  fileCase,
  openTask,
  opsOfKind,
  payloadFor,
  revokeGrant,
  state,
  sleepPast,
  startHarness,
  stopHarness,
  waitFor,
  withdraw,
  type Harness,
  type RsHandle,
} from '../workflows/harness';

export const HISTORIES_DIR = path.join(__dirname, 'histories');

type Scenario = (h: Harness) => Promise<RsHandle>;

/** file → approve → agree → granted → the grant expires → workflow completes. */
const granted: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-granted', ['NB-PSB-0001']);
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
  await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'agree' });
  const final = await handle.result();
  if (final.status !== 'expired') throw new Error(`granted scenario ended ${final.status}`);
  return handle;
};

/**
 * Two providers and a mixed unconditional resource; a calendar publish re-plans
 * the deadlines; water misses its deadline (reminder, overdue, coordination),
 * the coordinator escalates, leadership requires sharing; grants expire.
 */
const overdueEscalated: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-escalated', ['NB-AMR-0001', 'NB-PSB-0001', 'NB-WATER-0001']);
  const id = handle.workflowId;
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
  const psb = await openTask(handle, 'provider-consent', 'psb');
  const year = psb.yearsConsulted[psb.yearsConsulted.length - 1]!;
  const day = calendar(h).addWorkingDays(new Date(psb.createdAt), 5).counted.find((d) => d.startsWith(`${year}-`))!;
  h.published.push(correctedYear(calendar(h), year, day));
  await handle.signal(calendarPublishedSignal, { year });
  await waitFor(() => opsOfKind(h, id, 'task-deadline').length === 2, 're-planned deadlines');
  await decide(handle, psb.id, ACTORS.psb, { decision: 'agree' });
  const water = await openTask(handle, 'provider-consent', 'water');
  await sleepPast(h, water.dueAt!);
  await waitFor(() => opsOfKind(h, id, 'task-overdue').length === 1, 'overdue');
  const coordination = await openTask(handle, 'bdb-coordination', 'water');
  await decide(handle, coordination.id, ACTORS.coordinator, { decision: 'escalate' });
  await decide(handle, (await openTask(handle, 'leadership-decision', 'water')).id, ACTORS.leadership, { decision: 'require-sharing' });
  const final = await handle.result();
  if (final.status !== 'expired') throw new Error(`escalated scenario ended ${final.status}`);
  return handle;
};

/** return → resubmit (amended) → approve → the applicant withdraws during provider consent. */
const returnedWithdrawn: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-withdrawn', ['NB-PSB-0001']);
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'return', comment: '请补充应用场景' });
  const amended = payloadFor(['NB-PSB-0001', 'NB-WATER-0001'], { scenario: '企业开办一件事联办：身份与用水核验' });
  await decide(handle, (await openTask(handle, 'applicant-amend')).id, ACTORS.applicant, { decision: 'resubmit', payload: amended }, {
    amended: { payload: amended, resources: [RESOURCES['NB-PSB-0001']!, RESOURCES['NB-WATER-0001']!] },
  });
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
  await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'disagree', legalBasis: '《居民身份证法》第十九条' });
  await withdraw(handle, ACTORS.applicant, '业务调整');
  const final = await handle.result();
  if (final.status !== 'withdrawn') throw new Error(`withdrawn scenario ended ${final.status}`);
  return handle;
};

const endsAs = async (handle: RsHandle, status: string) => {
  const final = await handle.result();
  if (final.status !== status) throw new Error(`${handle.workflowId} ended ${final.status}, expected ${status}`);
  return handle;
};

/** The BDB rejects at review: rejected, no task left, the workflow completes. */
const rejected: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-rejected', ['NB-PSB-0001']);
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'reject', comment: '申请事项不属于履职需要' });
  return endsAs(handle, 'rejected');
};

/** Granted, then an administrator revokes the grant: revoked. */
const revoked: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-revoked', ['NB-PSB-0001']);
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
  await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'agree' });
  await waitFor(async () => (await state(handle)).grants.length === 1, 'grant issued');
  const grant = (await state(handle)).grants[0]!;
  await revokeGrant(handle, grant.id, ACTORS.admin, '数据使用超出申请范围');
  return endsAs(handle, 'revoked');
};

/** Only unconditional-share data (Art. 17 ¶1): granted at once, no review, the grant expires. */
const unconditionalOnly: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-unconditional', ['NB-AMR-0001']);
  return endsAs(handle, 'expired');
};

/** Two providers: psb agrees, water refuses; the coordinator upholds the refusal; psb's grant expires. */
const oneProviderRefuses: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-one-refuses', ['NB-PSB-0001', 'NB-WATER-0001']);
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
  await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'agree' });
  await decide(handle, (await openTask(handle, 'provider-consent', 'water')).id, ACTORS.water, { decision: 'disagree', legalBasis: '《城镇供水条例》第二十条' });
  await decide(handle, (await openTask(handle, 'bdb-coordination', 'water')).id, ACTORS.coordinator, { decision: 'uphold-refusal', comment: '提供单位依据充分' });
  return endsAs(handle, 'expired');
};

/** A refusal escalated to the leadership office, which upholds it: rejected. */
const leadershipUpholds: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-leadership-upholds', ['NB-PSB-0001']);
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
  await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'disagree', legalBasis: '《居民身份证法》第十九条' });
  await decide(handle, (await openTask(handle, 'bdb-coordination', 'psb')).id, ACTORS.coordinator, { decision: 'escalate' });
  await decide(handle, (await openTask(handle, 'leadership-decision', 'psb')).id, ACTORS.leadership, { decision: 'uphold-refusal', legalBasis: '《居民身份证法》第十九条' });
  return endsAs(handle, 'rejected');
};

/** The database refuses a decision's batch: parked, reported stuck; an administrator retries; the case goes on to granted. */
const parkedRetried: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-parked', ['NB-PSB-0001']);
  const id = handle.workflowId;
  h.projectFault = (batch) =>
    batch.some((op) => op.op === 'history' && op.action === 'decided') ? ApplicationFailure.create({ type: UNWRITABLE_PROJECTION, message: 'refused (recording)', nonRetryable: true }) : null;
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' }, { requestId: 'req-replay' }).catch(() => undefined);
  await waitFor(() => (h.stuck.get(id) ?? []).length > 0, 'reported stuck');
  h.projectFault = null;
  await handle.signal(retryProjectionSignal, { by: '系统管理员', sanitize: false });
  await waitFor(() => (h.stuck.get(id) ?? []).some((e) => e.event === 'resolve'), 'resolved');
  await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'agree' });
  return endsAs(handle, 'expired');
};

/**
 * On the kernel: one consent task per resource; a corrected calendar re-plans
 * by each clock's stored rule; non-share data agreed desensitized; the other
 * provider's refusal coordinated into desensitized sharing; grants expire.
 */
const kernelPerResource: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-per-resource', ['NB-PSB-0001', 'NB-PSB-0002', 'NB-WATER-0001']);
  const id = handle.workflowId;
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
  const first = await openTask(handle, 'provider-consent', 'NB-PSB-0001');
  const year = first.yearsConsulted[first.yearsConsulted.length - 1]!;
  const day = calendar(h).addWorkingDays(new Date(first.createdAt), 5).counted.find((d) => d.startsWith(`${year}-`))!;
  h.published.push(correctedYear(calendar(h), year, day));
  await handle.signal(calendarPublishedSignal, { year });
  await waitFor(() => opsOfKind(h, id, 'task-deadline').length === 3, 're-planned deadlines');
  await decide(handle, first.id, ACTORS.psb, { decision: 'agree' });
  await decide(handle, (await openTask(handle, 'provider-consent', 'NB-PSB-0002')).id, ACTORS.psb, { decision: 'agree-desensitized', desensitization: { fields: ['公民身份号码'], rule: '保留前6位和后4位' } });
  await decide(handle, (await openTask(handle, 'provider-consent', 'water')).id, ACTORS.water, { decision: 'disagree', legalBasis: '《城镇供水条例》第二十条' });
  await decide(handle, (await openTask(handle, 'bdb-coordination', 'water')).id, ACTORS.coordinator, {
    decision: 'require-desensitized-sharing',
    desensitization: { fields: ['户主姓名'], rule: '仅保留姓氏' },
  });
  const final = await handle.result();
  if (final.status !== 'expired') throw new Error(`per-resource scenario ended ${final.status}`);
  return handle;
};

const signCo = (handle: CoHandle, taskId: string, actor: RsActor, signerName: string) =>
  handle.executeUpdate('decide', { args: [{ taskId, actor, decision: { decision: 'sign', signerName }, signedSha256: CO_SHA }] });
const coTask = async (handle: CoHandle, step: string) => (await state(handle as unknown as RsHandle)).tasks.find((t) => t.status === 'open' && t.step === step)!;

/** Conditional open: a request-info round (clock paused and resumed), both approve, sign, countersign, active, expired. */
const conditionalOpenActive: Scenario = async (h) => {
  const handle = await fileConditionalOpen(h, 'replay-active');
  const rs = handle as unknown as RsHandle;
  await decide(rs, (await coTask(handle, 'provider-assessment')).id, ACTORS.water, { decision: 'request-info', comment: '请补充脱敏方案' });
  const amended = coPayload({ securityMeasures: '等保三级机房；身份证号哈希脱敏' });
  await decide(rs, (await coTask(handle, 'applicant-supplement')).id, ACME, { decision: 'resubmit', payload: amended }, { amended: { payload: amended as never, resources: [WATER_OPEN] } });
  await decide(rs, (await coTask(handle, 'bdb-assessment')).id, ACTORS.reviewer, { decision: 'approve' });
  await decide(rs, (await coTask(handle, 'provider-assessment')).id, ACTORS.water, { decision: 'approve' });
  await signCo(handle, (await coTask(handle, 'applicant-sign')).id, ACME, '刘经理');
  await signCo(handle, (await coTask(handle, 'bdb-countersign')).id, ACTORS.reviewer, '王审核');
  const final = await handle.result();
  if (final.status !== 'expired') throw new Error(`conditional-open scenario ended ${final.status}`);
  return rs;
};

/** Conditional open: the provider rejects; the BDB's assessment is cancelled. */
const conditionalOpenRejected: Scenario = async (h) => {
  const handle = await fileConditionalOpen(h, 'replay-rejected');
  await decide(handle as unknown as RsHandle, (await coTask(handle, 'provider-assessment')).id, ACTORS.water, { decision: 'reject', comment: '含用户地址' });
  await handle.result();
  return handle as unknown as RsHandle;
};

const pdTask = async (handle: RsHandle, step: string) => (await state(handle)).tasks.find((t) => t.status === 'open' && t.step === step)!;

/**
 * Problem data, urgent: 1 working day, missed (overdue, BDB told); the BDB sets
 * a limit (clock moved); an extension up to the 60-day cap is approved;
 * communicated; the reporter stays silent → closed as accepted.
 */
const problemDataLapse: Scenario = async (h) => {
  const { handle, input } = await fileProblemData(h, 'replay-lapse', { urgent: true });
  const first = await pdTask(handle, 'provider-handle');
  await sleepPast(h, first.dueAt!);
  await waitFor(async () => (await pdTask(handle, 'provider-handle')).overdue, 'overdue');
  await handle.executeUpdate(setHandlingLimitUpdate, { args: [{ actor: ACTORS.coordinator, workingDays: 5, reason: '涉及历史数据核查' }] });
  const cap = extensionCap(input.filedAt).toISOString();
  await decide(handle, first.id, ACTORS.psb, { decision: 'request-extension', newDueAt: cap, comment: '需现场核查' });
  await decide(handle, (await pdTask(handle, 'bdb-extension-review')).id, ACTORS.reviewer, { decision: 'approve-extension' });
  await decide(handle, (await pdTask(handle, 'provider-handle')).id, ACTORS.psb, { decision: 'communicated', comment: '下季度统一修正', agreedWith: '市场监管局 陈市监' });
  await sleepPast(h, (await pdTask(handle, 'reporter-confirm')).dueAt!);
  await endsAs(handle, 'closed');
  return handle;
};

/** Problem data from the BDB's quality check: corrected → dispute → reopen → verified-correct → accept. */
const problemDataReopened: Scenario = async (h) => {
  const { handle } = await fileProblemData(h, 'replay-reopen', {}, 'bdb');
  await decide(handle, (await pdTask(handle, 'provider-handle')).id, ACTORS.psb, { decision: 'corrected', comment: '已更正住址', dataVersion: 'v2026.12.01' });
  await decide(handle, (await pdTask(handle, 'reporter-confirm')).id, ACTORS.reviewer, { decision: 'dispute', comment: '仍不一致' });
  await decide(handle, (await pdTask(handle, 'bdb-arbitration')).id, ACTORS.coordinator, { decision: 'reopen', comment: '请与不动产登记中心核对' });
  await decide(handle, (await pdTask(handle, 'provider-handle')).id, ACTORS.psb, { decision: 'verified-correct', comment: '经核对无误' });
  await decide(handle, (await pdTask(handle, 'reporter-confirm')).id, ACTORS.reviewer, { decision: 'accept' });
  await endsAs(handle, 'closed');
  return handle;
};

/** Problem data withdrawn by the reporter before the provider answers. */
const problemDataWithdrawn: Scenario = async (h) => {
  const { handle } = await fileProblemData(h, 'replay-withdrawn');
  await withdraw(handle, ACTORS.applicant, '已自行核实');
  await endsAs(handle, 'withdrawn');
  return handle;
};

const itTask = async (handle: RsHandle, step: string) => (await state(handle)).tasks.find((t) => t.status === 'open' && t.step === step)!;

/**
 * IT project: return → resubmit → approve-with-conditions (numbered opinion,
 * 抄送); two completion reminders; a failed acceptance check and `fail`; a
 * re-report that passes; accepted.
 */
const itProjectAccepted: Scenario = async (h) => {
  const planned = new Date((await h.env.currentTimeMs()) + 20 * 86_400_000).toISOString().slice(0, 10);
  const { handle } = await fileItProject(h, 'replay-accepted', { plannedCompletion: planned });
  await decide(handle, (await itTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'return', comment: '请补充共享方案' });
  const amended = itPayload({ plannedCompletion: planned, sharingPlan: '按目录共享并开放企业信用评价' });
  await decide(handle, (await itTask(handle, 'owner-amend')).id, ACTORS.applicant, { decision: 'resubmit', payload: amended }, { amended: { payload: amended } });
  await decide(handle, (await itTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve-with-conditions', conditions: '须部署在市大数据中心' });
  const reminders = async (n: number) => waitFor(() => opsOfKind(h, handle.workflowId, 'notify').filter((x) => x.id.includes('completion-remind')).length === n, `${n} reminders`);
  await sleepPast(h, (await state(handle) as unknown as { reminder: { at: string } }).reminder.at);
  await reminders(1);
  await sleepPast(h, (await state(handle) as unknown as { reminder: { at: string } }).reminder.at);
  await reminders(2);
  const now = new Date(await h.env.currentTimeMs());
  h.catalog.push({ code: 'NB-AMR-P1', providerId: 'amr', updateCycle: 'monthly', lastUpdatedAt: now }, { code: 'NB-AMR-P2', providerId: 'amr', updateCycle: 'monthly', lastUpdatedAt: now });
  await decide(handle, (await itTask(handle, 'owner-report-completion')).id, ACTORS.applicant, { decision: 'complete', registeredResources: ['NB-AMR-P1', 'NB-PSB-0001'] });
  await decide(handle, (await itTask(handle, 'bdb-acceptance')).id, ACTORS.reviewer, { decision: 'fail', comment: '执法记录未编目' });
  await decide(handle, (await itTask(handle, 'owner-report-completion')).id, ACTORS.applicant, { decision: 'complete', registeredResources: ['NB-AMR-P1', 'NB-AMR-P2'] });
  await decide(handle, (await itTask(handle, 'bdb-acceptance')).id, ACTORS.reviewer, { decision: 'accept' });
  return endsAs(handle, 'accepted');
};

/** IT project: the review lapses (reminder, overdue, supervised), then reject: a numbered opinion, rejected. */
const itProjectRejected: Scenario = async (h) => {
  const { handle } = await fileItProject(h, 'replay-rejected');
  const review = await itTask(handle, 'bdb-review');
  await sleepPast(h, review.dueAt!);
  await waitFor(() => opsOfKind(h, handle.workflowId, 'task-overdue').length === 1, 'overdue');
  await decide(handle, review.id, ACTORS.reviewer, { decision: 'reject', comment: '与已建系统重复' });
  return endsAs(handle, 'rejected');
};

/** IT project: returned, then withdrawn by the owner at owner-amend. */
const itProjectWithdrawn: Scenario = async (h) => {
  const { handle } = await fileItProject(h, 'replay-withdrawn');
  await decide(handle, (await itTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'return', comment: '请修改' });
  await decide(handle, (await itTask(handle, 'owner-amend')).id, ACTORS.applicant, { decision: 'withdraw' });
  return endsAs(handle, 'withdrawn');
};

export const SCENARIOS: Record<string, Scenario> = {
  'restricted-share-granted': granted,
  'restricted-share-overdue-escalated': overdueEscalated,
  'restricted-share-returned-withdrawn': returnedWithdrawn,
  'restricted-share-rejected': rejected,
  'restricted-share-revoked': revoked,
  'restricted-share-unconditional-only': unconditionalOnly,
  'restricted-share-one-provider-refuses': oneProviderRefuses,
  'restricted-share-leadership-upholds': leadershipUpholds,
  'restricted-share-parked-retried': parkedRetried,
  'kernel-restricted-share-per-resource': kernelPerResource,
  'conditional-open-active-expired': conditionalOpenActive,
  'conditional-open-rejected': conditionalOpenRejected,
  'problem-data-urgent-extended-lapsed': problemDataLapse,
  'problem-data-disputed-reopened': problemDataReopened,
  'problem-data-withdrawn': problemDataWithdrawn,
  'it-project-accepted': itProjectAccepted,
  'it-project-rejected': itProjectRejected,
  'it-project-withdrawn': itProjectWithdrawn,
  // Recorded after deadlines were planned ahead with each batch (patch 'deadline-plans-ahead'): the same journeys, fewer activities.
  'planned-ahead-restricted-share-granted': granted,
  'planned-ahead-conditional-open-active-expired': conditionalOpenActive,
  'planned-ahead-problem-data-urgent-extended-lapsed': problemDataLapse,
  'planned-ahead-it-project-accepted': itProjectAccepted,
};

async function main() {
  // Name the scenarios to record: saved histories are never rewritten, only added.
  const only = process.argv.slice(2);
  if (only.length === 0) throw new Error(`name the scenarios to record (never rewrite a saved one): ${Object.keys(SCENARIOS).join(' ')}`);
  const h = await startHarness('record');
  try {
    fs.mkdirSync(HISTORIES_DIR, { recursive: true });
    for (const [name, run] of Object.entries(SCENARIOS)) {
      if (only.length && !only.includes(name)) continue;
      const handle = await run(h);
      const history = await handle.fetchHistory();
      const file = path.join(HISTORIES_DIR, `${name}.json`);
      fs.writeFileSync(file, `${historyToJSON(history)}\n`);
      console.log(`wrote ${path.relative(process.cwd(), file)} (${history.events?.length ?? 0} events)`);
      await cleanupCases(h);
    }
  } finally {
    await stopHarness(h);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
