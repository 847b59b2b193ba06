/**
 * The restricted-share request 受限共享申请 (Art. 16–20, PROCEDURES §4) as one
 * durable workflow. People decide through the `decide` Update; deadlines come
 * from an activity over the working-day calendar; every change is written to
 * the business database by the projection activity, in order.
 *
 * The function name is the Temporal workflow type: renaming it breaks running cases.
 */
import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { calendarPublishedSignal, decideUpdate, retryProjectionSignal, revokeGrantUpdate, stateQuery, withdrawUpdate } from './restricted-share.messages';
import { createProjectionOutbox } from './projection-outbox';
import { findUnstorable } from '../domain/input/storable';
import type { ProjectionOp, PlannedDeadline } from '../domain/cases/projection';
import { missingDecisionFields } from '../domain/cases/restricted-share/decisions';
import { PROVIDER_CONSENT_WORKING_DAYS, RS_DECISIONS, RS_STEP_ARTICLES, RS_STEP_ROLES, type RsStep } from '../domain/cases/restricted-share/steps';
import { STEP_LABELS } from '../domain/cases/labels';
import { ROLE_LABELS } from '../domain/auth/roles';
import { dueText } from '../domain/cases/due-text';
import { SHARE_METHOD_LABELS } from '../domain/cases/restricted-share/payload';
import type { WorkflowActivities } from '../activities';
import type {
  DecideInput,
  RevokeGrantInput,
  RsActor,
  RsCaseInput,
  RsGrantState,
  RsOutcome,
  RsResourceFacts,
  RsState,
  RsStatus,
  RsTaskState,
  WithdrawInput,
} from './restricted-share.types';


export { calendarPublishedSignal, decideUpdate, retryProjectionSignal, revokeGrantUpdate, stateQuery, withdrawUpdate };

const { planDeadline } = proxyActivities<WorkflowActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Failure types the API maps to HTTP: conflict → 409, rule → 422. */
const conflict = (message: string) => ApplicationFailure.create({ type: 'conflict', message, nonRetryable: true });
const refused = (message: string, article: string, fields: Record<string, string>) =>
  ApplicationFailure.create({ type: 'rule', message, details: [{ article, fields }], nonRetryable: true });
/** Input the databases could not store: refused before it can wedge the case. */
const invalid = (field: string, message: string) => ApplicationFailure.create({ type: 'invalid', message: `${field}：${message}`, details: [{ fields: { [field]: message } }], nonRetryable: true });
/** The decision took effect in the workflow but its projection is parked: the case is on the stuck-cases view. */
const stuckFailure = () => ApplicationFailure.create({ type: 'stuck', message: '决定已由流程接受，但办件数据暂时无法写入，已转系统管理员处理', nonRetryable: true });

function refuseUnstorable(value: unknown, prefix: string): void {
  const bad = findUnstorable(value);
  if (bad) throw invalid(bad.path ? `${prefix}.${bad.path}` : prefix, bad.message);
}

const SYSTEM = { id: null, name: '系统', orgId: null };
const actorRef = (a: RsActor) => ({ id: a.id, name: `${a.orgName} / ${a.name}`, orgId: a.orgId });

export async function restrictedShareWorkflow(input: RsCaseInput): Promise<RsState> {
  const { caseId, parties } = input;
  let payload = input.payload;
  let resources: RsResourceFacts[] = input.resources;
  let status: RsStatus = 'in-progress';
  let problemList = false;
  const tasks: RsTaskState[] = [];
  let outcomes: RsOutcome[] = [];
  const grants: RsGrantState[] = [];
  let taskSeq = 0;
  let historySeq = 0;
  let grantSeq = 0;
  let wake = false;

  const now = () => new Date().toISOString(); // workflow time: deterministic
  // Projection writes go out in order, one batch at a time; a batch the database refuses is parked, never retried forever.
  const outbox = createProjectionOutbox(caseId);
  const history = (entry: Omit<Extract<ProjectionOp, { op: 'history' }>, 'op' | 'key' | 'caseId' | 'at'> & { at?: string }) =>
    outbox.push({ op: 'history', key: `${caseId}-h${++historySeq}`, caseId, at: entry.at ?? now(), ...entry });
  const flush = () => outbox.flush();
  /** For Update handlers, which answer only once their change is written: a parked batch fails the Update as `stuck`. */
  const flushAnswering = async () => {
    await flush();
    if (outbox.isStuck()) throw stuckFailure();
  };
  /** An audit entry in the same batch as the fact it records (it exists iff the fact was written). */
  const audit = (key: string, a: RsActor, action: string, target: string, detail?: Record<string, unknown>) =>
    outbox.push({ op: 'audit', key: `${caseId}-audit-${key}`, actor: a.name, actorOrg: a.orgName, action, target, detail });

  // Handlers run one at a time, so an Update never sees another half done.
  let lock: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn);
    lock = run.catch(() => undefined);
    return run;
  };

  const caseRow = (closed: boolean): ProjectionOp => ({
    op: 'case-status',
    caseId,
    status,
    problemList,
    outcome: { resources: outcomes, grants: grants.map((g) => g.id) },
    closedAt: closed ? now() : null,
  });

  const openTasks = () => tasks.filter((t) => t.status === 'open');

  async function openTask(step: RsStep, orgId: string, providerId: string | null, deadline?: { workingDays: number }): Promise<RsTaskState> {
    const createdAt = now();
    let planned: PlannedDeadline | null = null;
    if (deadline) planned = await planDeadline({ from: createdAt, workingDays: deadline.workingDays });
    const task: RsTaskState = {
      id: `${caseId}-t${++taskSeq}`,
      step,
      orgId,
      role: RS_STEP_ROLES[step],
      status: 'open',
      providerId,
      createdAt,
      dueAt: planned?.dueAt ?? null,
      remindAt: planned?.remindAt ?? null,
      provisional: planned?.provisional ?? false,
      yearsConsulted: planned?.yearsConsulted ?? [],
      reminded: false,
      overdue: false,
      decision: null,
    };
    tasks.push(task);
    outbox.push({
      op: 'task-open',
      id: task.id,
      caseId,
      step,
      assigneeOrgId: orgId,
      assigneeRole: task.role,
      decisions: RS_DECISIONS[step],
      dueAt: task.dueAt,
      provisional: task.provisional,
      createdAt,
    });
    const orgName = input.orgNames?.[orgId] ?? resources.find((r) => r.providerId === orgId)?.providerName;
    history({
      actor: SYSTEM,
      action: 'task-opened',
      step,
      article: RS_STEP_ARTICLES[step],
      comment: orgName ? `待办发送至${orgName}（${ROLE_LABELS[RS_STEP_ROLES[step]]}）` : undefined,
      data: { taskId: task.id, orgId },
    });
    if (task.dueAt) {
      history({
        actor: SYSTEM,
        action: 'deadline-set',
        step,
        article: '第17条',
        comment: `${PROVIDER_CONSENT_WORKING_DAYS}个工作日内答复，截止 ${dueText(task.dueAt)}${task.provisional ? '（暂定：所涉年度节假日安排未发布）' : ''}`,
        data: { taskId: task.id, dueAt: task.dueAt, provisional: task.provisional },
      });
    }
    wake = true;
    return task;
  }

  function closeTask(task: RsTaskState, how: 'done' | 'cancelled', decided?: { decision: string; data: unknown; by: string; requestId?: string }) {
    task.status = how;
    task.decision = decided?.decision ?? null;
    outbox.push({
      op: 'task-close',
      id: task.id,
      status: how,
      decision: decided?.decision,
      decisionData: decided?.data,
      decidedBy: decided?.by,
      requestId: decided?.requestId,
      completedAt: now(),
    });
    if (how === 'cancelled') history({ actor: SYSTEM, action: 'task-cancelled', step: task.step, data: { taskId: task.id } });
    wake = true;
  }

  const setOutcome = (providerId: string | null, outcome: RsOutcome['outcome'], note: string | null) => {
    for (const o of outcomes) {
      if (o.outcome !== 'pending' || (providerId !== null && o.providerId !== providerId)) continue;
      o.outcome = outcome;
      o.note = note;
      history({
        actor: SYSTEM,
        action: outcome === 'refused' ? 'resource-refused' : 'granted',
        article: outcome === 'refused' ? '第17条' : '第17条',
        comment: `${o.name}（${o.code}）${outcome === 'refused' ? '不予共享' : outcome === 'granted-desensitized' ? '脱敏后共享' : '同意共享'}${note ? `：${note}` : ''}`,
        data: { resource: o.code },
      });
    }
  };

  /** Grants for every granted resource without one yet; expiry = the share period, capped by the period asked for. */
  async function issueGrants() {
    for (const o of outcomes) {
      if (o.outcome !== 'granted' && o.outcome !== 'granted-desensitized') continue;
      if (grants.some((g) => g.resourceCode === o.code)) continue;
      const facts = resources.find((r) => r.code === o.code);
      const days = Math.min(payload.accessDays, facts?.sharePeriodDays ?? payload.accessDays);
      const grantedAt = now();
      const expiry = await planDeadline({ from: grantedAt, naturalDays: days });
      const grant: RsGrantState = { id: `${caseId}-g${++grantSeq}`, resourceCode: o.code, expiresAt: expiry.dueAt, status: 'active' };
      grants.push(grant);
      outbox.push({
        op: 'grant-issue',
        id: grant.id,
        caseId,
        resourceCode: o.code,
        orgId: input.applicant.orgId,
        scope: payload.dataItems,
        method: payload.method,
        desensitized: o.outcome === 'granted-desensitized' ? o.note : undefined,
        grantedAt,
        expiresAt: grant.expiresAt,
      });
    }
    wake = true;
  }

  /** When every resource has its outcome and no task is open, the case ends. */
  async function settleIfDone() {
    if (status !== 'in-progress') return;
    if (outcomes.some((o) => o.outcome === 'pending') || openTasks().length > 0) return;
    const anyGranted = outcomes.some((o) => o.outcome !== 'refused');
    await issueGrants();
    status = anyGranted ? 'granted' : 'rejected';
    history({ actor: SYSTEM, action: anyGranted ? 'case-granted' : 'case-rejected', article: '第17条' });
    outbox.push(caseRow(true));
  }

  function resetOutcomes() {
    outcomes = resources.map((r) => ({
      code: r.code,
      name: r.name,
      providerId: r.providerId,
      providerName: r.providerName,
      outcome: 'pending',
      note: null,
    }));
    // Art. 17 ¶1: unconditional-share data is opened without review.
    for (const o of outcomes) {
      const facts = resources.find((r) => r.code === o.code);
      if (facts?.shareClass === 'unconditional') {
        o.outcome = 'granted';
        o.note = '无条件共享类，直接开通（第17条第1款）';
      }
    }
  }

  async function startReview() {
    resetOutcomes();
    const unconditional = outcomes.filter((o) => o.outcome === 'granted');
    for (const o of unconditional) {
      history({ actor: SYSTEM, action: 'granted', article: '第17条第1款', comment: `${o.name}（${o.code}）属无条件共享类，直接开通访问权限` });
    }
    if (unconditional.length) await issueGrants();
    if (outcomes.some((o) => o.outcome === 'pending')) await openTask('bdb-review', parties.bdbOrgId, null);
    else await settleIfDone();
    if (status === 'in-progress') outbox.push(caseRow(false)); // settleIfDone already wrote the closed row
  }

  async function askProviders() {
    const providers = [...new Set(outcomes.filter((o) => o.outcome === 'pending').map((o) => o.providerId))];
    for (const providerId of providers) {
      await openTask('provider-consent', providerId, providerId, { workingDays: PROVIDER_CONSENT_WORKING_DAYS });
    }
  }

  const coordinationFor = (providerId: string | null) =>
    tasks.find((t) => t.status === 'open' && (t.step === 'bdb-coordination' || t.step === 'leadership-decision') && t.providerId === providerId);

  async function openCoordination(providerId: string) {
    if (coordinationFor(providerId)) return;
    await openTask('bdb-coordination', parties.bdbOrgId, providerId);
  }

  function endCase(newStatus: RsStatus) {
    for (const t of openTasks()) closeTask(t, 'cancelled');
    status = newStatus;
    outbox.push(caseRow(true));
  }

  // ---- validation shared by the Update validators (synchronous) and the handlers
  function checkDecision(d: DecideInput): RsTaskState {
    const task = tasks.find((t) => t.id === d.taskId);
    if (!task) throw conflict('该任务不属于本办件');
    if (task.status !== 'open' || status !== 'in-progress') throw conflict('该任务已处理或已关闭');
    if (d.actor.orgId !== task.orgId || !d.actor.roles.includes(task.role)) throw conflict('该任务不属于当前用户的单位或角色');
    const missing = missingDecisionFields(task.step as RsStep, d.decision);
    if (missing) throw refused(missing.message, missing.article, missing.fields);
    if (d.decision.decision === 'resubmit' && !d.amended) throw refused('重新提交须附修改后的申请', '第17条', { payload: '缺少修改后的申请' });
    return task;
  }

  setHandler(retryProjectionSignal, (r) => void outbox.retry(r));

  setHandler(stateQuery, () => ({ status, tasks, outcomes, grants, problemList }));

  setHandler(
    decideUpdate,
    (d) =>
      serially(async () => {
        const task = checkDecision(d); // state may have moved since the validator ran
        const { decision, comment, legalBasis, desensitization } = d.decision;
        const step = task.step as RsStep;
        closeTask(task, 'done', { decision, data: { comment, legalBasis, desensitization }, by: actorRef(d.actor).name, requestId: d.requestId });
        audit(task.id, d.actor, 'decision', `task:${task.id}`, { case: caseId, step, decision, ...(d.requestId ? { requestId: d.requestId } : {}) });
        history({
          actor: actorRef(d.actor),
          action: 'decided',
          step,
          taskId: task.id,
          decision,
          comment: [comment, legalBasis ? `依据：${legalBasis}` : null, desensitization ? `脱敏字段：${desensitization.fields.join('、')}；规则：${desensitization.rule}` : null]
            .filter(Boolean)
            .join('；') || undefined,
          article: RS_STEP_ARTICLES[step],
        });

        switch (`${step}:${decision}`) {
          case 'bdb-review:approve':
            await askProviders();
            break;
          case 'bdb-review:return':
            await openTask('applicant-amend', input.applicant.orgId, null);
            break;
          case 'bdb-review:reject':
            setOutcome(null, 'refused', comment ?? null);
            break;
          case 'applicant-amend:resubmit':
            payload = d.amended!.payload; // checkDecision guarantees it
            resources = d.amended!.resources;
            outbox.push({ op: 'case-status', caseId, status, payload });
            await startReview();
            break;
          case 'applicant-amend:withdraw':
            history({ actor: actorRef(d.actor), action: 'withdrawn', article: '第17条' });
            endCase('withdrawn');
            break;
          case 'provider-consent:agree':
          case 'provider-consent:agree-desensitized': {
            const note = desensitization ? `脱敏字段：${desensitization.fields.join('、')}；规则：${desensitization.rule}` : null;
            setOutcome(task.providerId, decision === 'agree' ? 'granted' : 'granted-desensitized', note);
            const coordination = coordinationFor(task.providerId); // opened by a missed deadline; the answer settles it
            if (coordination) closeTask(coordination, 'cancelled');
            break;
          }
          case 'provider-consent:disagree':
            await openCoordination(task.providerId!);
            break;
          case 'bdb-coordination:uphold-refusal':
          case 'leadership-decision:uphold-refusal':
            setOutcome(task.providerId, 'refused', legalBasis ?? comment ?? '经协调维持不共享');
            closeConsent(task.providerId);
            break;
          case 'bdb-coordination:require-sharing':
          case 'leadership-decision:require-sharing':
            setOutcome(task.providerId, 'granted', step === 'bdb-coordination' ? '经大数据局协调，责令共享（第18条）' : '经领导小组协调，责令共享（第18条）');
            closeConsent(task.providerId);
            break;
          case 'bdb-coordination:escalate':
            problemList = true;
            history({ actor: actorRef(d.actor), action: 'escalated', step, article: '第18条第2款', comment: '列入问题清单，报市政府数字化转型工作领导小组办公室协调' });
            closeConsent(task.providerId);
            await openTask('leadership-decision', parties.leadershipOrgId, task.providerId);
            break;
        }
        await settleIfDone();
        if (status === 'in-progress') outbox.push(caseRow(false));
        await flushAnswering();
        return { taskId: task.id, decision, status };
      }),
    {
      validator: (d) => {
        refuseUnstorable(d.decision, 'decision');
        if (d.amended) refuseUnstorable(d.amended, 'payload');
        checkDecision(d);
      },
    },
  );

  /** Once the dispute goes to coordination's decision, the provider's late task closes. */
  function closeConsent(providerId: string | null) {
    for (const t of openTasks()) if (t.step === 'provider-consent' && t.providerId === providerId) closeTask(t, 'cancelled');
  }

  const checkWithdraw = (w: WithdrawInput) => {
    if (status !== 'in-progress') throw conflict('办件已办结，不能撤回');
    if (w.actor.orgId !== input.applicant.orgId) throw conflict('只有申请单位可以撤回');
  };
  setHandler(
    withdrawUpdate,
    (w) =>
      serially(async () => {
        checkWithdraw(w);
        history({ actor: actorRef(w.actor), action: 'withdrawn', comment: w.reason, article: '第17条', ...(w.requestId ? { data: { requestId: w.requestId } } : {}) });
        audit('withdraw', w.actor, 'case-withdraw', `case:${caseId}`, w.reason ? { reason: w.reason } : undefined);
        endCase('withdrawn');
        await flushAnswering();
        return { status };
      }),
    {
      validator: (w) => {
        refuseUnstorable(w.reason ?? '', 'reason');
        checkWithdraw(w);
      },
    },
  );

  const checkRevoke = (r: RevokeGrantInput) => {
    if (!r.actor.roles.includes('admin')) throw conflict('只有管理员可以撤销访问权限');
    const g = grants.find((x) => x.id === r.grantId);
    if (!g || g.status !== 'active') throw conflict('该访问权限不存在或已结束');
  };
  setHandler(
    revokeGrantUpdate,
    (r) =>
      serially(async () => {
        checkRevoke(r);
        const g = grants.find((x) => x.id === r.grantId)!;
        endGrant(g, 'revoked', actorRef(r.actor).name, r.reason, r.requestId);
        audit(`revoke-${g.id}`, r.actor, 'grant-revoke', `grant:${g.id}`, { reason: r.reason });
        await flushAnswering();
        return { status };
      }),
    {
      validator: (r) => {
        refuseUnstorable(r.reason, 'reason');
        checkRevoke(r);
      },
    },
  );

  function endGrant(g: RsGrantState, how: 'expired' | 'revoked', by: string, reason?: string, requestId?: string) {
    g.status = how;
    outbox.push({ op: 'grant-end', id: g.id, status: how, at: now(), by });
    history({
      actor: how === 'revoked' ? { id: null, name: by, orgId: null } : SYSTEM,
      action: how === 'expired' ? 'grant-expired' : 'grant-revoked',
      comment: `${g.resourceCode}${reason ? `：${reason}` : ''}`,
      article: '第17条',
      ...(requestId ? { data: { grantId: g.id, requestId } } : {}),
    });
    if (grants.every((x) => x.status !== 'active') && (status === 'granted' || status === 'in-progress') && outcomes.every((o) => o.outcome !== 'pending')) {
      status = grants.every((x) => x.status === 'revoked') ? 'revoked' : 'expired';
      outbox.push(caseRow(true));
    }
    wake = true;
  }

  setHandler(calendarPublishedSignal, ({ year }) => {
    void serially(async () => {
      for (const t of openTasks()) {
        if (!t.dueAt || t.overdue || !t.yearsConsulted.includes(year)) continue;
        const planned = await planDeadline({ from: t.createdAt, workingDays: PROVIDER_CONSENT_WORKING_DAYS });
        if (planned.dueAt === t.dueAt && planned.provisional === t.provisional) continue;
        const old = t.dueAt;
        Object.assign(t, { dueAt: planned.dueAt, remindAt: planned.remindAt, provisional: planned.provisional, yearsConsulted: planned.yearsConsulted });
        outbox.push({ op: 'task-deadline', id: t.id, dueAt: planned.dueAt, provisional: planned.provisional });
        history({
          actor: SYSTEM,
          action: 're-planned',
          step: t.step,
          article: '第17条',
          comment: `${year}年节假日安排已发布，期限由 ${dueText(old)} 调整为 ${dueText(planned.dueAt)}${planned.provisional ? '（仍为暂定）' : ''}`,
          data: { taskId: t.id, oldDueAt: old, newDueAt: planned.dueAt },
        });
      }
      wake = true;
      await flush();
    });
  });

  // ---- timers: reminders, missed deadlines, grant expiry
  function nextInstant(): number | null {
    const times: number[] = [];
    for (const t of openTasks()) {
      if (t.remindAt && !t.reminded) times.push(Date.parse(t.remindAt));
      if (t.dueAt && !t.overdue) times.push(Date.parse(t.dueAt));
    }
    for (const g of grants) if (g.status === 'active') times.push(Date.parse(g.expiresAt));
    return times.length ? Math.min(...times) : null;
  }

  async function fireDueTimers() {
    const at = Date.now();
    for (const t of openTasks()) {
      if (t.remindAt && !t.reminded && Date.parse(t.remindAt) <= at) {
        t.reminded = true;
        outbox.push({ op: 'notify', id: `${t.id}-remind`, orgId: t.orgId, role: t.role, caseId, taskId: t.id, kind: 'reminder', message: `受限共享申请征求意见将于 ${dueText(t.dueAt!)} 到期，请在期限内答复（第17条）`, at: now() });
        history({ actor: SYSTEM, action: 'reminder', step: t.step, taskId: t.id, article: '第17条', comment: `提醒${STEP_LABELS[t.step] ?? t.step}：距答复期限还有 1 个工作日` });
      }
      if (t.dueAt && !t.overdue && Date.parse(t.dueAt) <= at) {
        t.overdue = true;
        t.reminded = true;
        outbox.push({ op: 'task-overdue', id: t.id, since: t.dueAt });
        outbox.push({ op: 'notify', id: `${t.id}-due`, orgId: t.orgId, role: t.role, caseId, taskId: t.id, kind: 'overdue', message: `受限共享申请征求意见已逾期未答复（第17条：5个工作日内答复）`, at: now() });
        history({ actor: SYSTEM, action: 'overdue', step: t.step, taskId: t.id, article: '第17条', comment: '数据提供单位逾期未答复，不视为同意；转大数据局协调' });
        if (t.step === 'provider-consent' && t.providerId) {
          await openCoordination(t.providerId);
          outbox.push({ op: 'notify', id: `${t.id}-coordinate`, orgId: parties.bdbOrgId, role: 'bdb-coordinator', caseId, taskId: null, kind: 'coordination', message: `${t.providerId} 逾期未答复受限共享征求意见，请协调处理`, at: now() });
        }
      }
    }
    for (const g of grants) if (g.status === 'active' && Date.parse(g.expiresAt) <= at) endGrant(g, 'expired', '系统');
    if (status === 'in-progress') outbox.push(caseRow(false));
    await flush();
  }

  // ---- the procedure
  await serially(async () => {
    history({
      actor: actorRef(input.applicant.actor),
      action: 'filed',
      article: '第17条',
      comment: `申请数据资源：${resources.map((r) => `${r.name}（${r.code}）`).join('、')}；共享方式：${SHARE_METHOD_LABELS[payload.method]}`,
      at: input.filedAt,
    });
    audit('file', input.applicant.actor, 'case-file', `case:${caseId}`, { type: 'restricted-share', resources: payload.resources });
    await startReview();
    await flush();
  });

  // Runs until the case ends and its grants end: a grant opened at once (Art. 17 ¶1)
  // outlives a later withdrawal or refusal of the rest, and still expires on time.
  const running = () => status === 'in-progress' || grants.some((g) => g.status === 'active');
  while (running()) {
    const next = nextInstant();
    wake = false;
    const woke = next === null ? await condition(() => wake).then(() => true) : await condition(() => wake, Math.max(next - Date.now(), 1));
    if (!woke) await serially(fireDueTimers);
  }
  await lock;
  await outbox.drained();
  // A case never ends with its record unwritten: it waits for the administrator's retry.
  await condition(() => !outbox.isStuck());
  return { status, tasks, outcomes, grants, problemList };
}

