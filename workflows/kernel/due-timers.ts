/**
 * What happens when a timer fires: reminders one working day before a
 * deadline, the lapse at the deadline (the task stays open, is marked overdue,
 * its assignee is told, and the procedure acts), and grant expiry.
 */
import { dueText } from '../../domain/cases/due-text';
import type { ProjectionOp } from '../../domain/cases/projection';
import type { ProcedureSpec } from '../../domain/procedures';
import { now, SYSTEM, type CaseRecord } from './case-record';
import type { TaskBook } from './task-book';
import type { GrantBook } from './grants';
import type { Procedure } from './case-kernel';
import type { GrantState } from './types';

export interface DueTimerContext {
  caseId: string;
  spec: ProcedureSpec;
  book: TaskBook;
  grantBook: GrantBook;
  record: CaseRecord;
  procedure: Procedure;
  status(): string;
  caseRow(closed: boolean): ProjectionOp;
  endGrant(g: GrantState, how: 'expired', by: string): void;
}

export async function fireDueTimers(c: DueTimerContext): Promise<void> {
  const at = Date.now();
  const { caseId, record } = c;
  for (const t of c.book.open()) {
    // A moved deadline's notices are new ones, not the first deadline's written again.
    const notice = (kind: string) => `${t.id}-${kind}${t.moves ? `-m${t.moves}` : ''}`;
    const step = c.spec.steps[t.step];
    const rule = step?.deadline;
    const article = rule?.article ?? c.spec.article;
    if (t.remindAt && !t.reminded && Date.parse(t.remindAt) <= at) {
      t.reminded = true;
      record.push({ op: 'notify', id: notice('remind'), orgId: t.orgId, role: t.role, caseId, taskId: t.id, kind: 'reminder', message: `${c.spec.label}「${step?.label ?? t.step}」将于 ${dueText(t.dueAt!)} 到期，请在期限内办理（${article}）`, at: now() });
      record.history({ actor: SYSTEM, action: 'reminder', step: t.step, taskId: t.id, article, comment: `提醒${step?.label ?? t.step}：距期限还有 1 个工作日` });
    }
    if (t.dueAt && !t.overdue && Date.parse(t.dueAt) <= at) {
      t.overdue = true;
      t.reminded = true;
      record.push({ op: 'task-overdue', id: t.id, since: t.dueAt });
      record.push({ op: 'notify', id: notice('due'), orgId: t.orgId, role: t.role, caseId, taskId: t.id, kind: 'overdue', message: `${c.spec.label}「${step?.label ?? t.step}」已逾期未办理（${article}）`, at: now() });
      record.history({ actor: SYSTEM, action: 'overdue', step: t.step, taskId: t.id, article, comment: rule?.lapseNote ?? '已逾期' });
      await c.procedure.onLapse?.(t);
    }
  }
  for (const g of c.grantBook.grants) if (g.status === 'active' && Date.parse(g.expiresAt) <= at) c.endGrant(g, 'expired', '系统');
  if (c.procedure.onTimer) await c.procedure.onTimer();
  if (c.status() === 'in-progress') record.push(c.caseRow(false));
  await record.flush();
}
