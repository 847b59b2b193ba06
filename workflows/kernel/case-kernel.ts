/**
 * The procedure kernel: what every procedure's workflow is made of. A procedure
 * file creates a kernel, keeps its own state in `k.data`, and hands `k.run` its
 * transitions; the kernel owns the task book, the one `decide` Update (with its
 * synchronous validator), withdrawal, grants and their revocation, deadline
 * clocks with reminders and lapses, re-planning on a calendar change, the
 * ordered projection outbox, serialized handlers and continue-as-new.
 */
import { allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ProjectionOp } from '../../domain/cases/projection';
import { missingDecisionFields } from '../../domain/procedures/decision-check';
import type { ProcedureSpec } from '../../domain/procedures/procedure-spec';
import { calendarPublishedSignal, decideUpdate, filedUpdate, retryProjectionSignal, revokeGrantUpdate, stateQuery, withdrawUpdate } from './messages';
import { actorRef, createCaseRecord, now, SYSTEM, type HistoryInput } from './case-record';
import { createTaskBook, type OpenOptions } from './task-book';
import { createGrantBook, type GrantRequest } from './grants';
import { createSerializer } from './serial';
import { createDeadlinePlans } from './deadline-plans';
import type { AheadRule } from '../../domain/cases/projection';
import { nextDueInstant, planClock, remainingWorkingDays, setPlan } from './deadline-clock';
import { dueText } from '../../domain/cases/due-text';
import { conflict, refused, refuseUnstorable } from './failures';
import { replanForYear } from './replan';
import { fireDueTimers } from './due-timers';
import { decisionComment, decisionData } from './decision-record';
import type { Actor, CarriedCase, CaseState, ClockRule, DecideInput, DecideResult, GrantState, KernelLimits, KernelTask } from './types';

export interface KernelInput {
  caseId: string;
  applicant: { orgId: string };
  /** Display names of the organisations involved, for the history (older cases lack it). */
  orgNames?: Record<string, string>;
  limits?: KernelLimits;
}

/** A procedure's transitions: what happens on filing, on each decision, at a lapse, when a grant ends. */
export interface Procedure {
  /** The filing: records it and opens the first tasks. Not run again after continue-as-new. */
  start(): Promise<void>;
  /** Checks beyond the spec's (synchronous: the Update validator runs it too). Throw `refused`/`conflict`. */
  checkDecision?(task: KernelTask, d: DecideInput): void;
  onDecision(task: KernelTask, d: DecideInput): Promise<void>;
  /** After every decision: ends the case when nothing is pending. */
  settle?(): Promise<void>;
  /** A task's deadline passed while open; the kernel has marked it overdue and told its assignee. */
  onLapse?(task: KernelTask): Promise<void>;
  onGrantEnded?(): void;
  /** Checks beyond the kernel's before the applicant withdraws (synchronous). Throw `conflict`. */
  checkWithdraw?(): void;
  /** What the case row shows besides its status. */
  outcome(): { outcome: unknown; problemList?: boolean };
  /**
   * A timer of the procedure's own besides task deadlines and grant expiries
   * (e.g. reminders of a wait without a deadline): the instant, or null. An
   * instant computed by an activity; the kernel only compares it.
   */
  nextInstant?(): number | null;
  /** A timer fired (the procedure's own, or the kernel's): act on what is due. */
  onTimer?(): Promise<void>;
  /** Periods besides the steps' deadlines the case may plan next (e.g. its grants'), planned ahead with each batch. */
  rulesAhead?(): AheadRule[];
}

/** The steps' deadline rules: what a case's next tasks are planned by. */
const stepRulesOf = (spec: ProcedureSpec): AheadRule[] =>
  Object.values(spec.steps).flatMap((s): AheadRule[] => {
    const d = s.deadline;
    if (!d) return [];
    return d.workingDays !== undefined ? [{ workingDays: d.workingDays }] : d.naturalDays !== undefined ? [{ naturalDays: d.naturalDays }] : [];
  });

export function createCaseKernel<D extends object, I extends KernelInput>(input: I & { carried?: CarriedCase<D> }, spec: ProcedureSpec, initial: () => D) {
  const { caseId } = input;
  const carried = input.carried;
  let status = carried?.status ?? 'in-progress';
  let wake = false;
  // A run continued as new was filed long ago.
  let filingWritten = carried !== undefined;
  const changed = () => void (wake = true);
  const data: D = carried?.data ?? initial();
  let procedure: Procedure | null = null;
  // Cases started before deadlines were planned ahead keep planning each one by its own activity.
  const stepRules = stepRulesOf(spec);
  const plans = createDeadlinePlans({ enabled: patched('deadline-plans-ahead'), rules: () => [...stepRules, ...(procedure?.rulesAhead?.() ?? [])] });
  const record = createCaseRecord(caseId, carried?.seq.history, plans);
  const orgName = (orgId: string) => input.orgNames?.[orgId];
  const book = createTaskBook({ caseId, spec, record, orgName, changed, tasks: carried?.tasks, seqFrom: carried?.seq.task, plans });
  const grantBook = createGrantBook({ caseId, spec, record, changed, grants: carried?.grants, seqFrom: carried?.seq.grant, plans });
  const serially = createSerializer();
  const proc = () => procedure!;

  const caseRow = (closed: boolean): ProjectionOp => {
    const { outcome, problemList } = proc().outcome();
    return { op: 'case-status', caseId, status, problemList, outcome, closedAt: closed ? now() : null };
  };
  const state = (): CaseState<D> => ({ status, tasks: book.tasks, grants: grantBook.grants, ...data });

  const k = {
    caseId,
    spec,
    data,
    status: () => status,
    setStatus: (s: string) => void (status = s),
    history: (e: HistoryInput) => record.history(e),
    audit: (key: string, a: Actor, action: string, target: string, detail?: Record<string, unknown>) => record.audit(key, a, action, target, detail),
    push: (op: ProjectionOp) => record.push(op),
    caseRow,
    tasks: book.tasks,
    openTasks: () => book.open(),
    openTask: (step: string, orgId: string, track: string | null, opts?: OpenOptions) => book.openTask(step, orgId, track, opts),
    closeTask: book.closeTask,
    grants: grantBook.grants,
    hasGrant: grantBook.has,
    issueGrants: (rs: readonly GrantRequest[]) => grantBook.issue(rs),
    endGrant(g: GrantState, how: 'expired' | 'revoked', by: string, reason?: string, requestId?: string) {
      grantBook.end(g, how, by, reason, requestId);
      proc().onGrantEnded?.();
    },
    /** Every open task is cancelled and the case ends with this status. */
    endCase(newStatus: string) {
      for (const t of book.open()) book.closeTask(t, 'cancelled');
      status = newStatus;
      record.push(caseRow(true));
    },
    /** Stops a task's clock for the applicant: the working days left go into the task that resumes it. */
    async pauseClock(task: KernelTask): Promise<number> {
      const left = await remainingWorkingDays(task, now());
      record.history({ actor: SYSTEM, action: 'clock-paused', step: task.step, taskId: task.id, article: spec.steps[task.step]?.deadline?.article, comment: `等待申请人补充材料，计时暂停：剩余 ${left} 个工作日`, data: { taskId: task.id, workingDaysLeft: left } });
      return left;
    },
    /**
     * Moves an open task's deadline by a new rule (a limit the BDB set, an
     * approved extension): the rule is kept for calendar re-plans, the history
     * says old and new, reminders start again and a deadline ahead is no longer overdue.
     */
    async moveDeadline(task: KernelTask, rule: Omit<ClockRule, 'from'> & { from?: string }, why: string, actor = SYSTEM): Promise<void> {
      const clock: ClockRule = { from: rule.from ?? task.createdAt, ...rule };
      const planned = await planClock(clock);
      const old = task.dueAt;
      setPlan(task, planned);
      task.clock = clock;
      task.moves = (task.moves ?? 0) + 1;
      const ahead = Date.parse(planned.dueAt) > Date.now();
      task.reminded = !ahead;
      const overdueCleared = task.overdue && ahead;
      if (overdueCleared) task.overdue = false;
      record.push({ op: 'task-deadline', id: task.id, dueAt: planned.dueAt, provisional: planned.provisional, ...(overdueCleared ? { overdueCleared: true } : {}) });
      record.history({
        actor,
        action: 'deadline-moved',
        step: task.step,
        taskId: task.id,
        article: spec.steps[task.step]?.deadline?.article ?? spec.article,
        comment: `${why}：期限由 ${old ? dueText(old) : '无'} 调整为 ${dueText(planned.dueAt)}${overdueCleared ? '；新期限未到，不再视为逾期' : ''}`,
        data: { taskId: task.id, oldDueAt: old, newDueAt: planned.dueAt },
      });
      changed();
    },
    /** The procedure changed something its timers depend on: the run loop looks again. */
    wake: changed,
    /** Runs a procedure's own message handler in turn with every other. */
    serially: <T>(fn: () => Promise<T>) => serially(fn),
    /** Writes what the handler queued; fails an Update whose batch was parked. */
    flushAnswering: () => record.flushAnswering(),
    run: (p: Procedure) => run(p),
  };

  // ---- decisions: one Update for every step of every procedure
  function checkDecision(d: DecideInput): KernelTask {
    const task = book.find(d.taskId);
    if (!task) throw conflict('该任务不属于本办件');
    if (task.status !== 'open' || status !== 'in-progress') throw conflict('该任务已处理或已关闭');
    if (d.actor.orgId !== task.orgId || !d.actor.roles.includes(task.role)) throw conflict('该任务不属于当前用户的单位或角色');
    proc().checkDecision?.(task, d);
    const missing = missingDecisionFields(spec, task.step, d.decision, task.decisions);
    if (missing) throw refused(missing.message, missing.article, missing.fields);
    if (d.decision.decision === 'resubmit' && !d.amended) throw refused('重新提交须附修改后的申请', spec.article, { payload: '缺少修改后的申请' });
    return task;
  }

  function registerHandlers() {
    setHandler(retryProjectionSignal, (r) => void record.outbox.retry(r));
    setHandler(stateQuery, () => state());
    // No command of its own: a case started without it (every case before it) runs exactly as before.
    setHandler(filedUpdate, async () => {
      await condition(() => filingWritten);
      return { status, written: !record.outbox.isStuck() };
    });
    setHandler(
      decideUpdate,
      (d) =>
        serially(async (): Promise<DecideResult> => {
          const task = checkDecision(d); // state may have moved since the validator ran
          const { decision } = d.decision;
          book.closeTask(task, 'done', { decision, data: decisionData(d.decision), by: actorRef(d.actor).name, requestId: d.requestId });
          record.audit(task.id, d.actor, 'decision', `task:${task.id}`, { case: caseId, step: task.step, decision, ...(d.requestId ? { requestId: d.requestId } : {}) });
          record.history({ actor: actorRef(d.actor), action: 'decided', step: task.step, taskId: task.id, decision, comment: decisionComment(d.decision), article: spec.steps[task.step]?.article });
          await proc().onDecision(task, d);
          await proc().settle?.();
          if (status === 'in-progress') record.push(caseRow(false));
          await record.flushAnswering();
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

    const checkWithdraw = (w: { actor: Actor }) => {
      if (status !== 'in-progress') throw conflict('办件已办结，不能撤回');
      if (w.actor.orgId !== input.applicant.orgId) throw conflict('只有申请单位可以撤回');
      proc().checkWithdraw?.();
    };
    setHandler(
      withdrawUpdate,
      (w) =>
        serially(async () => {
          checkWithdraw(w);
          record.history({ actor: actorRef(w.actor), action: 'withdrawn', comment: w.reason, article: spec.article, ...(w.requestId ? { data: { requestId: w.requestId } } : {}) });
          record.audit('withdraw', w.actor, 'case-withdraw', `case:${caseId}`, w.reason ? { reason: w.reason } : undefined);
          k.endCase('withdrawn');
          await record.flushAnswering();
          return { status };
        }),
      {
        validator: (w) => {
          refuseUnstorable(w.reason ?? '', 'reason');
          checkWithdraw(w);
        },
      },
    );

    const checkRevoke = (r: { actor: Actor; grantId: string }) => {
      if (!r.actor.roles.includes('admin')) throw conflict('只有管理员可以撤销访问权限');
      const g = grantBook.grants.find((x) => x.id === r.grantId);
      if (!g || g.status !== 'active') throw conflict('该访问权限不存在或已结束');
    };
    setHandler(
      revokeGrantUpdate,
      (r) =>
        serially(async () => {
          checkRevoke(r);
          const g = grantBook.grants.find((x) => x.id === r.grantId)!;
          k.endGrant(g, 'revoked', actorRef(r.actor).name, r.reason, r.requestId);
          record.audit(`revoke-${g.id}`, r.actor, 'grant-revoke', `grant:${g.id}`, { reason: r.reason });
          await record.flushAnswering();
          return { status };
        }),
      {
        validator: (r) => {
          refuseUnstorable(r.reason, 'reason');
          checkRevoke(r);
        },
      },
    );

    setHandler(calendarPublishedSignal, ({ year }) => {
      plans.clear(); // planned under the calendar as it was
      void serially(async () => {
        await replanForYear({ year, tasks: book.open(), spec, record, byStoredRule: patched('replan-by-stored-rule') });
        changed();
        await record.flush();
      });
    });
  }

  // ---- continue-as-new: handlers and outbox drained first, every counter carried over
  const continueAsNewDue = () => {
    const info = workflowInfo();
    const limit = input.limits?.continueAsNewAtHistoryLength;
    return info.continueAsNewSuggested || (limit !== undefined && info.historyLength >= limit);
  };
  async function continueAsNewNow(): Promise<void> {
    await condition(allHandlersFinished);
    await serially.idle();
    await record.outbox.drained();
    // A parked batch stays with this run until an administrator retries; new work arrived meanwhile: go round again.
    if (record.outbox.isStuck() || !allHandlersFinished()) return;
    const next: CarriedCase<D> = {
      run: (carried?.run ?? 1) + 1,
      status,
      tasks: book.tasks,
      grants: grantBook.grants,
      seq: { task: book.seq(), history: record.historyCount(), grant: grantBook.seq() },
      data,
    };
    await continueAsNew<(i: typeof input) => Promise<unknown>>({ ...input, carried: next });
  }

  async function run(p: Procedure): Promise<CaseState<D>> {
    procedure = p;
    registerHandlers();
    await serially(async () => {
      if (carried) {
        record.history({ actor: SYSTEM, action: 'continued-as-new', comment: `办件历史较长，流程已续接为第 ${carried.run} 段运行，状态与计数全部延续`, data: { run: carried.run } });
      } else {
        await p.start();
      }
      await record.flush();
      filingWritten = true;
    });

    const timers = { book, grantBook, record, spec, caseId, caseRow, status: () => status, procedure: p, endGrant: k.endGrant };
    // Runs until the case ends and its grants end: a grant outlives the case's end and still expires on time.
    const running = () => status === 'in-progress' || grantBook.anyActive();
    while (running()) {
      if (continueAsNewDue()) await continueAsNewNow();
      const due = nextDueInstant(book.open(), grantBook.grants);
      const own = p.nextInstant?.() ?? null; // procedures without timers of their own leave `next` as it always was
      const next = own === null ? due : due === null ? own : Math.min(due, own);
      wake = false;
      const woke = next === null ? await condition(() => wake).then(() => true) : await condition(() => wake, Math.max(next - Date.now(), 1));
      if (!woke) await serially(() => fireDueTimers(timers));
    }
    await serially.idle();
    await record.outbox.drained();
    // A case never ends with its record unwritten: it waits for the administrator's retry.
    await condition(() => !record.outbox.isStuck());
    return state();
  }

  return k;
}

export type CaseKernel<D extends object = object> = ReturnType<typeof createCaseKernel<D, KernelInput>>;
