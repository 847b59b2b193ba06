/**
 * Shared setup for the workflow tests: one time-skipping test server and one
 * worker per test file, mocked activities that record what the workflow
 * projects, the real working-day calendar behind `planDeadline`, demo-like
 * inputs and a few helpers to read state, decide and assert refusals.
 */
import assert from 'node:assert/strict';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, makeTelemetryFilterString, type LogLevel } from '@temporalio/worker';
import { provideTestServer } from '../../scripts/temporal-binaries';
import { createDeadlineActivities, createPlanAhead } from '../../activities/deadline.activities';
import { createWorkingDayCalendar, type PublishedYear, type WorkingDayCalendar } from '../../domain/calendar';
import type { DeadlineRequest, ProjectOptions, ProjectResult, ProjectionOp, StuckReport } from '../../domain/cases/projection';
import type { RestrictedSharePayload } from '../../domain/cases/restricted-share/payload';
import type { DecisionBody } from '../../domain/procedures';
import { conditionalOpenPayloadSchema, type ConditionalOpenPayload } from '../../domain/cases/conditional-open/payload';
import type { conditionalOpenWorkflow } from '../../workflows/conditional-open.workflow';
import type { ProblemDataPayload } from '../../domain/cases/problem-data/payload';
import type { problemDataWorkflow } from '../../workflows/problem-data.workflow';
import type { PdCaseInput } from '../../workflows/problem-data.types';
import type { CoCaseInput } from '../../workflows/conditional-open.types';
import { decideUpdate, revokeGrantUpdate, stateQuery, withdrawUpdate } from '../../workflows/kernel/messages';
import type { restrictedShareWorkflow } from '../../workflows/restricted-share.workflow';
import type { DecideInput, DecideResult, RsActor, RsCaseInput, RsResourceFacts, RsState, RsTaskState } from '../../workflows/restricted-share.types';
import type { itProjectWorkflow } from '../../workflows/it-project.workflow';
import type { ItCaseInput } from '../../workflows/it-project.types';
import type { ItProjectPayload } from '../../domain/cases/it-project/payload';
import { checkAcceptance, nextCompletionReminder, type CatalogFacts } from '../../domain/cases/it-project/completion';
import { opinionNumber, shanghaiYear } from '../../domain/cases/it-project/opinion';
import type { IssueOpinionRequest } from '../../activities/it-project.activities';
import type { KernelLimits, KernelTask } from '../../workflows/kernel/types';

export type RsHandle = WorkflowHandle<typeof restrictedShareWorkflow>;
export type HistoryOp = Extract<ProjectionOp, { op: 'history' }>;

// ---- demo-like parties (prisma/demo-data.ts)

const actor = (id: string, name: string, orgId: string, orgName: string, roles: string[]): RsActor => ({ id, name, orgId, orgName, roles });

export const ORG = { bdb: 'bdb', amr: 'amr', psb: 'psb', water: 'water', leadership: 'leadership-office' } as const;

export const ACTORS = {
  applicant: actor('u-amr', '陈市监', 'amr', '宁波市市场监督管理局', ['applicant', 'provider-reviewer']),
  reviewer: actor('u-bdb-reviewer', '王审核', 'bdb', '宁波市大数据发展管理局', ['bdb-reviewer']),
  coordinator: actor('u-bdb-coordinator', '李协调', 'bdb', '宁波市大数据发展管理局', ['bdb-coordinator']),
  psb: actor('u-psb', '周公安', 'psb', '宁波市公安局', ['provider-reviewer', 'applicant']),
  water: actor('u-water', '郑水务', 'water', '宁波市水务环境集团', ['provider-reviewer', 'applicant']),
  leadership: actor('u-leader', '赵领导办', 'leadership-office', '市政府数字化转型工作领导小组办公室', ['leadership-office']),
  admin: actor('u-admin', '系统管理员', 'bdb', '宁波市大数据发展管理局', ['admin']),
};

export const RESOURCES: Record<string, RsResourceFacts> = {
  'NB-PSB-0001': { code: 'NB-PSB-0001', name: '人口基础信息', shareClass: 'restricted', providerId: 'psb', providerName: '宁波市公安局', sharePeriodDays: 365 },
  'NB-WATER-0001': { code: 'NB-WATER-0001', name: '用水户信息', shareClass: 'restricted', providerId: 'water', providerName: '宁波市水务环境集团', sharePeriodDays: 180 },
  'NB-AMR-0001': { code: 'NB-AMR-0001', name: '企业登记信息', shareClass: 'unconditional', providerId: 'amr', providerName: '宁波市市场监督管理局', sharePeriodDays: 365 },
  'NB-PSB-0002': { code: 'NB-PSB-0002', name: '户籍变动明细', shareClass: 'none', providerId: 'psb', providerName: '宁波市公安局', sharePeriodDays: 90 },
};

export const DEFAULT_ACCESS_DAYS = 200;

export function payloadFor(codes: string[], over: Partial<RestrictedSharePayload> = {}): RestrictedSharePayload {
  return {
    resources: codes,
    dataItems: ['公民身份号码', '姓名'],
    businessProcess: '企业开办登记时核验法定代表人身份',
    scenario: '企业开办一件事联办',
    dutyBasis: '《市场主体登记管理条例》第十三条',
    method: 'interface',
    accessDays: DEFAULT_ACCESS_DAYS,
    desensitized: codes.some((c) => RESOURCES[c]?.shareClass === 'none'),
    crossBorder: false,
    undertaking: true,
    ...over,
  };
}

export function caseInput(caseId: string, codes: string[], over: Partial<RestrictedSharePayload> = {}, filedAt = new Date().toISOString()): RsCaseInput {
  return {
    caseId,
    filedAt,
    applicant: { orgId: ACTORS.applicant.orgId, orgName: ACTORS.applicant.orgName, actor: ACTORS.applicant },
    payload: payloadFor(codes, over),
    resources: codes.map((c) => {
      const r = RESOURCES[c];
      if (!r) throw new Error(`unknown demo resource ${c}`);
      return r;
    }),
    parties: { bdbOrgId: ORG.bdb, leadershipOrgId: ORG.leadership },
  };
}

// ---- conditional open

export type CoHandle = WorkflowHandle<typeof conditionalOpenWorkflow>;

export const ACME: RsActor = { id: 'u-acme', name: '刘经理', orgId: 'acme', orgName: '宁波某科技有限公司', roles: ['public-applicant'] };
export const WATER_OPEN: RsResourceFacts = { code: 'NB-WATER-0001', name: '用水户信息', shareClass: 'restricted', openClass: 'conditional', providerId: 'water', providerName: '宁波市水务环境集团', sharePeriodDays: 180 };
export const AMR2: RsResourceFacts = { code: 'NB-AMR-0002', name: '行政处罚信息', shareClass: 'restricted', openClass: 'conditional', providerId: 'amr', providerName: '宁波市市场监督管理局', sharePeriodDays: 365 };
/** A stand-in for the agreement text's hash, which the API supplies from the database. */
export const CO_SHA = 'a'.repeat(64);

export const coPayload = (over: Partial<ConditionalOpenPayload> = {}): ConditionalOpenPayload =>
  conditionalOpenPayloadSchema.parse({
    resources: ['NB-WATER-0001'],
    purpose: '研究居民用水行为，为节水产品设计提供依据',
    scenario: '节水智能水表算法训练',
    securityMeasures: '数据存放于等保三级机房，专人专岗访问，脱敏后建模',
    contact: '刘经理 0574-88886666',
    useDays: 90,
    ...over,
  });

/** Starts a conditional-open case for acme and waits until its filing has been projected. */
export async function fileConditionalOpen(h: Harness, label: string, resources: RsResourceFacts[] = [WATER_OPEN]): Promise<CoHandle> {
  const id = newId(`co-${label}`);
  const input: CoCaseInput = {
    caseId: id,
    filedAt: new Date(await h.env.currentTimeMs()).toISOString(),
    applicant: { orgId: 'acme', orgName: '宁波某科技有限公司', kind: 'organisation', actor: ACME },
    payload: coPayload({ resources: resources.map((r) => r.code) }),
    resources,
    parties: { bdbOrgId: 'bdb', bdbName: '宁波市大数据发展管理局' },
  };
  const handle = await h.env.client.workflow.start<typeof conditionalOpenWorkflow>('conditionalOpenWorkflow', { taskQueue: h.taskQueue, workflowId: id, args: [input] });
  h.handles.push(handle as unknown as RsHandle);
  await waitFor(() => historyOf(h, id).some((e) => e.action === 'filed'), 'filed');
  return handle;
}

// ---- problem data

export const PSB_PROBLEM: RsResourceFacts = { ...RESOURCES['NB-PSB-0001']!, openClass: 'none' };

export const problemReport = (over: Partial<ProblemDataPayload> = {}): ProblemDataPayload => ({
  resource: PSB_PROBLEM.code,
  recordRef: '330203199001011234',
  field: '住址',
  problemType: 'error',
  description: '住址与不动产登记不一致',
  urgent: false,
  ...over,
});

/** Starts a problem-data case on a psb resource, reported by amr's form (or the BDB's quality check), once its filing is projected. */
export async function fileProblemData(h: Harness, label: string, over: Partial<ProblemDataPayload> = {}, by: 'amr' | 'bdb' = 'amr'): Promise<{ handle: RsHandle; id: string; input: PdCaseInput }> {
  const id = newId(`pd-${label}`);
  const actor = by === 'amr' ? ACTORS.applicant : ACTORS.reviewer;
  const input: PdCaseInput = {
    caseId: id,
    filedAt: new Date(await h.env.currentTimeMs()).toISOString(),
    applicant: { orgId: actor.orgId, orgName: actor.orgName, actor },
    payload: problemReport(over),
    resources: [PSB_PROBLEM],
    reporter: by === 'amr' ? { via: 'form', confirmRole: 'applicant' } : { via: 'quality-check', confirmRole: 'bdb-reviewer' },
    parties: { bdbOrgId: 'bdb', bdbName: '宁波市大数据发展管理局' },
  };
  const handle = (await h.env.client.workflow.start<typeof problemDataWorkflow>('problemDataWorkflow', { taskQueue: h.taskQueue, workflowId: id, args: [input] })) as unknown as RsHandle;
  h.handles.push(handle);
  await waitFor(() => historyOf(h, id).some((e) => e.action === 'filed'), 'filed');
  return { handle, id, input };
}

// ---- IT project

export const itPayload = (over: Partial<ItProjectPayload> = {}): ItProjectPayload => ({
  projectName: '智慧市场监管平台',
  investmentWan: 1280.5,
  content: '建设市场主体信用监管、移动执法和数据分析模块',
  buildsOwnCloudOrDataCenter: false,
  dataCatalog: [
    { name: '企业信用评价', dataItems: ['统一社会信用代码', '信用等级'], shareClass: 'unconditional', openClass: 'conditional' },
    { name: '移动执法记录', dataItems: ['检查编号'], shareClass: 'restricted', openClass: 'none' },
  ],
  sharingPlan: '通过市公共数据平台按目录共享',
  plannedCompletion: '2027-06-30',
  ...over,
});

export const IT_RECIPIENTS = [
  { orgId: 'finance', orgName: '宁波市财政局' },
  { orgId: 'ndrc', orgName: '宁波市发展和改革委员会' },
];

/** Starts an IT project filed by amr and waits until its filing has been projected. */
export async function fileItProject(h: Harness, label: string, over: Partial<ItProjectPayload> = {}, limits?: KernelLimits): Promise<{ handle: RsHandle; id: string; input: ItCaseInput }> {
  const id = newId(`it-${label}`);
  const input: ItCaseInput = {
    caseId: id,
    filedAt: new Date(await h.env.currentTimeMs()).toISOString(),
    applicant: { orgId: ACTORS.applicant.orgId, orgName: ACTORS.applicant.orgName, actor: ACTORS.applicant },
    payload: itPayload(over),
    resources: [],
    parties: { bdbOrgId: 'bdb', bdbName: '宁波市大数据发展管理局' },
    recipients: IT_RECIPIENTS,
    ...(limits ? { limits } : {}),
  };
  const handle = (await h.env.client.workflow.start<typeof itProjectWorkflow>('itProjectWorkflow', { taskQueue: h.taskQueue, workflowId: id, args: [input] })) as unknown as RsHandle;
  h.handles.push(handle);
  await waitFor(() => historyOf(h, id).some((e) => e.action === 'filed'), 'filed');
  return { handle, id, input };
}

// ---- environment

export interface Harness {
  env: TestWorkflowEnvironment;
  worker: Worker;
  taskQueue: string;
  /** Every projection op, per workflow id, in the order the activity received them. */
  ops: Map<string, ProjectionOp[]>;
  /** The calendar years "published" by an administrator; tests mutate it. */
  published: PublishedYear[];
  handles: RsHandle[];
  running: Promise<void>;
  /** Makes `project` fail for a batch (return the error to throw), as a database refusing it would. */
  projectFault: ((batch: ProjectionOp[], opts: ProjectOptions) => Error | null) | null;
  /** What the workflows reported to the stuck-cases view, per case: reports and resolutions in order. */
  stuck: Map<string, StuckEvent[]>;
  /** The public catalog the acceptance check reads; tests set it. */
  catalog: CatalogFacts[];
  /** Opinions numbered so far, by deciding task (the database's allocator, in memory), and how often each task asked. */
  opinions: Map<string, { number: string; issuedAt: string; calls: number }>;
  /** Every `planDeadline` activity call: a deadline planned ahead with a batch makes none. */
  planDeadlineCalls: DeadlineRequest[];
}

export type StuckEvent = ({ event: 'report' } & StuckReport) | { event: 'resolve'; by: string };

let seq = 0;
let runtimeInstalled = false;

/** Quiet logs (set TEMPORAL_TEST_LOG=INFO or DEBUG to see the worker's); once per process, before any connection. */
export function installTestRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const level = (process.env.TEMPORAL_TEST_LOG ?? 'WARN') as LogLevel;
  Runtime.install({
    logger: new DefaultLogger(level),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: level }), forward: {} } },
  });
}

export async function startHarness(name: string): Promise<Harness> {
  installTestRuntime();
  const ts = provideTestServer();
  const env = await TestWorkflowEnvironment.createTimeSkipping(ts.path ? { server: { executable: { type: 'existing-path', path: ts.path } } } : {});
  const ops = new Map<string, ProjectionOp[]>();
  const published: PublishedYear[] = [];
  const deadlines = createDeadlineActivities(async () => published);
  const planAhead = createPlanAhead(async () => published);
  const stuck: Harness['stuck'] = new Map();
  const record = (caseId: string, e: StuckEvent) => stuck.set(caseId, [...(stuck.get(caseId) ?? []), e]);
  // eslint-disable-next-line prefer-const -- assigned once the harness object exists
  let h: Harness;
  const mocks = {
    async project(batch: ProjectionOp[], opts: ProjectOptions = {}): Promise<ProjectResult> {
      const fault = h.projectFault?.(batch, opts);
      if (fault) throw fault;
      const wf = Context.current().info.workflowExecution?.workflowId ?? '(no workflow)';
      const list = ops.get(wf) ?? [];
      list.push(...structuredClone(batch));
      ops.set(wf, list);
      return opts.planAhead ? { plans: await planAhead(opts.planAhead) } : {};
    },
    async planDeadline(req: DeadlineRequest) {
      h.planDeadlineCalls.push(req);
      return deadlines.planDeadline(req);
    },
    workingDaysLeft: deadlines.workingDaysLeft,
    async reportStuck(r: StuckReport): Promise<void> {
      record(r.caseId, { event: 'report', ...r });
    },
    async resolveStuck(r: { caseId: string; by: string }): Promise<void> {
      record(r.caseId, { event: 'resolve', by: r.by });
    },
    async issueOpinion(r: IssueOpinionRequest) {
      const known = h.opinions.get(r.taskId);
      const year = shanghaiYear(new Date(r.decidedAt));
      const seq = known ? Number(/〕(\d+)号/.exec(known.number)![1]) : [...h.opinions.values()].filter((o) => o.number.includes(`〔${year}〕`)).length + 1;
      const o = { number: opinionNumber(year, seq), issuedAt: r.decidedAt, calls: (known?.calls ?? 0) + 1 };
      h.opinions.set(r.taskId, o);
      return { number: o.number, year, seq, decision: r.decision, conditions: r.conditions, comment: r.comment, issuedAt: o.issuedAt };
    },
    async nextCompletionReminder(r: { plannedCompletion: string; after: string }) {
      return nextCompletionReminder(r.plannedCompletion, new Date(r.after));
    },
    async checkAcceptance(r: { ownerOrgId: string; entries: { name: string; resourceCode: string }[] }) {
      return checkAcceptance({ ...r, catalog: h.catalog, now: new Date(Context.current().info.currentAttemptScheduledTimestampMs) });
    },
  };
  const taskQueue = `rs-${name}-${process.pid}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: mocks,
  });
  h = { env, worker, taskQueue, ops, published, handles: [], running: Promise.resolve(), projectFault: null, stuck, catalog: [], opinions: new Map(), planDeadlineCalls: [] };
  h.running = worker.run();
  return h;
}

/** Terminates what a test left running, so its timers do not fire while later tests skip time. */
export async function cleanupCases(h: Harness): Promise<void> {
  for (const handle of h.handles.splice(0)) {
    try {
      const d = await handle.describe();
      if (d.status.name === 'RUNNING') await handle.terminate('test done');
    } catch {
      // already gone
    }
  }
  h.published.splice(0);
  h.projectFault = null;
  h.catalog.splice(0);
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  if (!h) return;
  await cleanupCases(h);
  h.worker.shutdown();
  await h.running;
  await h.env.teardown();
}

// ---- cases

export const newId = (label: string) => `rs-${label}-${++seq}-${Date.now().toString(36)}`;

/** Starts a case and waits until its filing has been projected (first workflow task done). */
export async function fileCase(h: Harness, label: string, codes: string[], over: Partial<RestrictedSharePayload> = {}, filedAt?: string): Promise<RsHandle> {
  const id = newId(label);
  const filed = filedAt ?? new Date(await h.env.currentTimeMs()).toISOString();
  const handle = await h.env.client.workflow.start<typeof restrictedShareWorkflow>('restrictedShareWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: id,
    args: [caseInput(id, codes, over, filed)],
  });
  h.handles.push(handle);
  await waitFor(() => historyOf(h, id).some((e) => e.action === 'filed'), `filing of ${id} projected`);
  return handle;
}

/** Files a case for NB-PSB-0001 and approves it; returns the handle and the open consent task. */
export async function atProviderConsent(h: Harness, label: string): Promise<{ handle: RsHandle; consent: RsTaskState }> {
  const handle = await fileCase(h, label, ['NB-PSB-0001']);
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
  return { handle, consent: await openTask(handle, 'provider-consent', 'psb') };
}

export const opsOf = (h: Harness, id: string): ProjectionOp[] => h.ops.get(id) ?? [];
export const historyOf = (h: Harness, id: string): HistoryOp[] => opsOf(h, id).filter((o): o is HistoryOp => o.op === 'history');
export const actionsOf = (h: Harness, id: string): string[] => historyOf(h, id).map((e) => e.action);
export function opsOfKind<K extends ProjectionOp['op']>(h: Harness, id: string, kind: K): Extract<ProjectionOp, { op: K }>[] {
  return opsOf(h, id).filter((o): o is Extract<ProjectionOp, { op: K }> => o.op === kind);
}

/** The case row as the projection would leave it after every case-status op. */
export function caseRowOf(h: Harness, id: string): { status?: string; closedAt?: string | null; problemList?: boolean; outcome?: unknown; payload?: unknown } {
  const row: Record<string, unknown> = {};
  for (const op of opsOfKind(h, id, 'case-status')) {
    row.status = op.status;
    for (const k of ['outcome', 'problemList', 'payload', 'title', 'closedAt'] as const) if (op[k] !== undefined) row[k] = op[k];
  }
  return row;
}

export const state = (handle: RsHandle): Promise<RsState> => handle.query(stateQuery) as Promise<RsState>;

export async function openTask(handle: RsHandle, step: string, providerId?: string | null): Promise<RsTaskState> {
  const s = await state(handle);
  const found = s.tasks.filter((t) => t.status === 'open' && t.step === step && (providerId === undefined || t.orgId === providerId || t.track === providerId || (t.track !== null && RESOURCES[t.track]?.providerId === providerId)));
  assert.equal(found.length, 1, `expected one open ${step} task${providerId ? ` for ${providerId}` : ''}, got ${JSON.stringify(s.tasks)}`);
  return found[0]!;
}

/** The one open task of a step, of any procedure (the kernel's task shape). */
export async function openStep(handle: RsHandle, step: string): Promise<KernelTask> {
  const s = (await handle.query(stateQuery)) as unknown as { tasks: KernelTask[] };
  const found = s.tasks.filter((t) => t.status === 'open' && t.step === step);
  assert.equal(found.length, 1, `one open ${step}: ${JSON.stringify(s.tasks.map((t) => [t.step, t.status]))}`);
  return found[0]!;
}

export function decide(
  handle: RsHandle,
  taskId: string,
  who: RsActor,
  decision: DecisionBody,
  extra: { amended?: DecideInput['amended']; updateId?: string; requestId?: string } = {},
): Promise<DecideResult> {
  const input: DecideInput = { taskId, actor: who, decision, ...(extra.amended ? { amended: extra.amended } : {}), ...(extra.requestId ? { requestId: extra.requestId } : {}) };
  return handle.executeUpdate(decideUpdate, { args: [input], ...(extra.updateId ? { updateId: extra.updateId } : {}) });
}

export const withdraw = (handle: RsHandle, who: RsActor, reason?: string) => handle.executeUpdate(withdrawUpdate, { args: [{ actor: who, reason }] });

export const revokeGrant = (handle: RsHandle, grantId: string, who: RsActor, reason: string) =>
  handle.executeUpdate(revokeGrantUpdate, { args: [{ grantId, actor: who, reason }] });

/** Asserts an Update was refused by its validator with this failure type; returns the failure's details. */
export async function assertRefused(
  promise: Promise<unknown>,
  type: 'conflict' | 'rule' | 'invalid' | 'stuck',
): Promise<{ article?: string; fields?: Record<string, string> } | undefined> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof WorkflowUpdateFailedError, `expected WorkflowUpdateFailedError, got ${String(err)}`);
    const cause = err.cause;
    assert.ok(cause instanceof ApplicationFailure, `expected an ApplicationFailure cause, got ${String(cause)}`);
    assert.equal(cause.type, type, `failure type (message: ${cause.message})`);
    return cause.details?.[0] as { article?: string; fields?: Record<string, string> } | undefined;
  }
  assert.fail(`expected the update to be refused with '${type}'`);
}

/** Polls (in real time) until `check` holds; the workflow's projection runs in an activity, after the event that caused it. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) assert.fail(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The real calendar over what the test has published so far. */
export const calendar = (h: Harness): WorkingDayCalendar => createWorkingDayCalendar(h.published);

/** The year's schedule as the calendar knows it now, plus one more day off: an administrator's correction. */
export function correctedYear(cal: WorkingDayCalendar, year: number, extraHoliday: string): PublishedYear {
  const holidays: PublishedYear['holidays'] = [];
  const workdays: PublishedYear['workdays'] = [];
  for (let m = 1; m <= 12; m++) {
    for (const d of cal.month(year, m)) {
      if (d.kind === 'holiday') holidays.push({ date: d.date, name: d.name ?? '节假日' });
      if (d.kind === 'adjusted-workday') workdays.push({ date: d.date, name: d.name ?? '调休上班' });
    }
  }
  holidays.push({ date: extraHoliday, name: '临时调整' });
  return { year, holidays, workdays };
}

/** Lets test-server time pass until `iso` plus a margin. */
export async function sleepPast(h: Harness, iso: string, marginMs = 60 * 60 * 1000): Promise<void> {
  const ms = Date.parse(iso) - (await h.env.currentTimeMs()) + marginMs;
  if (ms > 0) await h.env.sleep(ms);
}
