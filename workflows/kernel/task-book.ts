/**
 * The tasks of one case: opened from the procedure's step spec (organisation,
 * role, decisions, article, deadline), closed with their decision. Ids are
 * `<case>-t<n>`, chosen by the workflow so the projection writes each once.
 */
import { ROLE_LABELS, type Role } from '../../domain/auth/roles';
import { dueText } from '../../domain/cases/due-text';
import type { PlannedDeadline } from '../../domain/cases/projection';
import type { ProcedureSpec } from '../../domain/procedures';
import { now, SYSTEM, type CaseRecord } from './case-record';
import { planClock, stepRule } from './deadline-clock';
import type { ClockRule, KernelTask } from './types';
import type { DeadlinePlans } from './deadline-plans';

export interface OpenOptions {
  /** Fewer decisions than the step offers (e.g. no plain agree on non-share data). */
  decisions?: readonly string[];
  /** Resume a paused clock: this many working days from now, instead of the step's rule. */
  resumeWith?: number;
  /** What the task is about, for its assignee (the resource of a per-resource step). */
  subject?: string;
  /** Another role than the step's (e.g. the BDB confirming its own quality-check report). */
  role?: string;
  /** Another deadline than the step's (an urgent report, a limit the BDB set, an approved extension), and why. */
  deadline?: { workingDays?: number; until?: string; note: string };
}

export interface Decided {
  decision: string;
  data: unknown;
  by: string;
  requestId?: string;
}

export interface TaskBook {
  readonly tasks: KernelTask[];
  open(): KernelTask[];
  find(id: string): KernelTask | undefined;
  openTask(step: string, orgId: string, track: string | null, opts?: OpenOptions): Promise<KernelTask>;
  closeTask(task: KernelTask, how: 'done' | 'cancelled', decided?: Decided): void;
  seq(): number;
}

export function createTaskBook(o: {
  caseId: string;
  spec: ProcedureSpec;
  record: CaseRecord;
  orgName: (orgId: string) => string | undefined;
  changed: () => void;
  tasks?: KernelTask[];
  seqFrom?: number;
  plans?: DeadlinePlans;
}): TaskBook {
  const { caseId, spec, record } = o;
  const tasks: KernelTask[] = o.tasks ?? [];
  let seq = o.seqFrom ?? 0;

  async function openTask(step: string, orgId: string, track: string | null, opts: OpenOptions = {}): Promise<KernelTask> {
    const s = spec.steps[step];
    if (!s) throw new Error(`${spec.type} has no step ${step}`);
    const createdAt = now();
    const rule: ClockRule | undefined =
      opts.resumeWith !== undefined
        ? { from: createdAt, workingDays: opts.resumeWith }
        : opts.deadline
          ? { from: createdAt, ...(opts.deadline.until !== undefined ? { until: opts.deadline.until } : { workingDays: opts.deadline.workingDays }) }
          : stepRule(s, createdAt);
    const planned: PlannedDeadline | null = rule ? (o.plans?.lookup(rule) ?? (await planClock(rule))) : null;
    const task: KernelTask = {
      id: `${caseId}-t${++seq}`,
      step,
      orgId,
      role: opts.role ?? s.role,
      status: 'open',
      track,
      createdAt,
      decisions: [...(opts.decisions ?? Object.keys(s.decisions))],
      dueAt: planned?.dueAt ?? null,
      remindAt: planned?.remindAt ?? null,
      provisional: planned?.provisional ?? false,
      yearsConsulted: planned?.yearsConsulted ?? [],
      ...((opts.resumeWith !== undefined || opts.deadline) && rule ? { clock: rule } : {}),
      reminded: false,
      overdue: false,
      decision: null,
    };
    tasks.push(task);
    record.push({ op: 'task-open', id: task.id, caseId, step, assigneeOrgId: orgId, assigneeRole: task.role, decisions: task.decisions, ...(opts.subject ? { subject: opts.subject } : {}), dueAt: task.dueAt, provisional: task.provisional, createdAt });
    const orgName = o.orgName(orgId);
    record.history({
      actor: SYSTEM,
      action: 'task-opened',
      step,
      article: s.article,
      comment: orgName ? `待办发送至${orgName}（${ROLE_LABELS[task.role as Role]}）` : undefined,
      data: { taskId: task.id, orgId },
    });
    if (task.dueAt && opts.deadline) {
      record.history({
        actor: SYSTEM,
        action: 'deadline-set',
        step,
        article: s.deadline?.article ?? s.article,
        comment: `${opts.deadline.note}，截止 ${dueText(task.dueAt)}${task.provisional ? '（暂定：所涉年度节假日安排未发布）' : ''}`,
        data: { taskId: task.id, dueAt: task.dueAt, provisional: task.provisional },
      });
    } else if (task.dueAt && s.deadline) {
      const provisional = task.provisional ? '（暂定：所涉年度节假日安排未发布）' : '';
      record.history({
        actor: SYSTEM,
        action: opts.resumeWith !== undefined ? 'clock-resumed' : 'deadline-set',
        step,
        article: s.deadline.article,
        comment:
          opts.resumeWith !== undefined
            ? `补充材料已收到，恢复计时：剩余 ${opts.resumeWith} 个工作日，截止 ${dueText(task.dueAt)}${provisional}`
            : `${s.deadline.workingDays !== undefined ? `${s.deadline.workingDays}个工作日` : `${s.deadline.naturalDays}个自然日`}内办理，截止 ${dueText(task.dueAt)}${provisional}`,
        data: { taskId: task.id, dueAt: task.dueAt, provisional: task.provisional },
      });
    }
    o.changed();
    return task;
  }

  function closeTask(task: KernelTask, how: 'done' | 'cancelled', decided?: Decided): void {
    task.status = how;
    task.decision = decided?.decision ?? null;
    record.push({
      op: 'task-close',
      id: task.id,
      status: how,
      decision: decided?.decision,
      decisionData: decided?.data,
      decidedBy: decided?.by,
      requestId: decided?.requestId,
      completedAt: now(),
    });
    if (how === 'cancelled') record.history({ actor: SYSTEM, action: 'task-cancelled', step: task.step, data: { taskId: task.id } });
    o.changed();
  }

  return {
    tasks,
    open: () => tasks.filter((t) => t.status === 'open'),
    find: (id) => tasks.find((t) => t.id === id),
    openTask,
    closeTask,
    seq: () => seq,
  };
}
