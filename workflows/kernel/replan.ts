/**
 * Re-planning when a year's holiday schedule is published or corrected
 * (PROCEDURES §2): every open clock that consulted the year is planned again by
 * its own stored rule. A moved deadline gets its reminders again, and an overdue
 * clock whose corrected deadline lies ahead is no longer overdue.
 */
import { dueText } from '../../domain/cases/due-text';
import type { ProcedureSpec } from '../../domain/procedures';
import { SYSTEM, type CaseRecord } from './case-record';
import { planClock, ruleOfTask, setPlan, stepRule } from './deadline-clock';
import type { KernelTask } from './types';

export async function replanForYear(o: { year: number; tasks: readonly KernelTask[]; spec: ProcedureSpec; record: CaseRecord; byStoredRule: boolean }): Promise<void> {
  const { year, spec, record, byStoredRule } = o;
  for (const t of o.tasks) {
    if (!t.dueAt || !t.yearsConsulted.includes(year)) continue;
    // Cases planned before the kernel (no `replan-by-stored-rule` marker) re-plan as they always did: open, not yet overdue, from creation.
    if (!byStoredRule && t.overdue) continue;
    const step = spec.steps[t.step];
    const rule = byStoredRule ? ruleOfTask(t, step) : stepRule(step, t.createdAt);
    if (!rule) continue;
    const planned = await planClock(rule);
    if (planned.dueAt === t.dueAt && planned.provisional === t.provisional) continue;
    const old = t.dueAt;
    setPlan(t, planned);
    const ahead = Date.parse(planned.dueAt) > Date.now();
    const clearOverdue = byStoredRule && t.overdue && ahead;
    if (byStoredRule) t.moves = (t.moves ?? 0) + 1;
    if (byStoredRule && ahead) t.reminded = false; // the new deadline is announced again
    if (clearOverdue) t.overdue = false;
    record.push({ op: 'task-deadline', id: t.id, dueAt: planned.dueAt, provisional: planned.provisional, ...(clearOverdue ? { overdueCleared: true } : {}) });
    record.history({
      actor: SYSTEM,
      action: 're-planned',
      step: t.step,
      article: step?.deadline?.article ?? spec.article,
      comment: `${year}年节假日安排已发布，期限由 ${dueText(old)} 调整为 ${dueText(planned.dueAt)}${planned.provisional ? '（仍为暂定）' : ''}${clearOverdue ? '；新期限未到，不再视为逾期' : ''}`,
      data: { taskId: t.id, oldDueAt: old, newDueAt: planned.dueAt, ...(clearOverdue ? { overdueCleared: true } : {}) },
    });
  }
}
