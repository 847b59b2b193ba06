/**
 * Deadline clocks. A task's clock keeps the rule it was planned by ("N working
 * days from T"), so a published or corrected calendar re-plans it the same way;
 * a clock paused for the applicant carries its remaining working days into the
 * task that resumes it. Instants come from activities: workflows never read the calendar.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { WorkflowActivities } from '../../activities';
import type { PlannedDeadline } from '../../domain/cases/projection';
import type { StepSpec } from '../../domain/procedures';
import type { ClockRule, GrantState, KernelTask } from './types';

const { planDeadline, workingDaysLeft } = proxyActivities<WorkflowActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export { planDeadline };

/** The step's rule, counted from a given instant; undefined for a step without a deadline. */
export function stepRule(step: StepSpec | undefined, from: string): ClockRule | undefined {
  const d = step?.deadline;
  if (!d) return undefined;
  return d.workingDays !== undefined ? { from, workingDays: d.workingDays } : { from, naturalDays: d.naturalDays };
}

/** A fixed instant needs no calendar (and consults no year, so a calendar change leaves it be). */
export const planClock = async (rule: ClockRule): Promise<PlannedDeadline> =>
  rule.until !== undefined ? { dueAt: new Date(rule.until).toISOString(), remindAt: null, provisional: false, yearsConsulted: [] } : planDeadline(rule);

/** The rule a task's clock runs by: its own, or (tasks opened before clocks kept one) the step's from its creation. */
export const ruleOfTask = (task: KernelTask, step: StepSpec | undefined): ClockRule | undefined => task.clock ?? stepRule(step, task.createdAt);

export function setPlan(task: KernelTask, planned: PlannedDeadline): void {
  Object.assign(task, { dueAt: planned.dueAt, remindAt: planned.remindAt, provisional: planned.provisional, yearsConsulted: planned.yearsConsulted });
}

/** Whole working days left on a running clock after today (0 on its last day), never below 0. */
export async function remainingWorkingDays(task: KernelTask, at: string): Promise<number> {
  if (!task.dueAt) return 0;
  return Math.max(0, await workingDaysLeft({ at, dueAt: task.dueAt }));
}

/** The next instant a timer must fire: a reminder, a deadline, a grant's expiry. */
export function nextDueInstant(open: readonly KernelTask[], grants: readonly GrantState[]): number | null {
  const times: number[] = [];
  for (const t of open) {
    if (t.remindAt && !t.reminded) times.push(Date.parse(t.remindAt));
    if (t.dueAt && !t.overdue) times.push(Date.parse(t.dueAt));
  }
  for (const g of grants) if (g.status === 'active') times.push(Date.parse(g.expiresAt));
  return times.length ? Math.min(...times) : null;
}
