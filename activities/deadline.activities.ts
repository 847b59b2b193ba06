/**
 * Turns "N working (or natural) days from T" into an absolute instant, over
 * the calendar as published now — workflows never read the calendar themselves.
 */
import { createCountdowns, createWorkingDayCalendar, type PublishedYear } from '../domain/calendar';
import type { DeadlineRequest, PlannedDeadline } from '../domain/cases/projection';

export function createDeadlineActivities(publishedYears: () => Promise<PublishedYear[]>) {
  return {
    async planDeadline(req: DeadlineRequest): Promise<PlannedDeadline> {
      const calendar = createWorkingDayCalendar(await publishedYears());
      const from = new Date(req.from);
      if (req.workingDays !== undefined) {
        const due = calendar.addWorkingDays(from, req.workingDays);
        // Policy reminder: one working day before the deadline.
        const remind = req.workingDays > 1 ? calendar.addWorkingDays(from, req.workingDays - 1).deadline : null;
        return { dueAt: due.deadline.toISOString(), remindAt: remind?.toISOString() ?? null, provisional: due.provisional, yearsConsulted: due.yearsConsulted };
      }
      const due = calendar.addNaturalDays(from, req.naturalDays ?? 1);
      return { dueAt: due.deadline.toISOString(), remindAt: null, provisional: due.provisional, yearsConsulted: due.yearsConsulted };
    },

    /** Working days left after `at`'s day up to the deadline's last day (0 on it, negative once past): what a paused clock carries. */
    async workingDaysLeft(req: { at: string; dueAt: string }): Promise<number> {
      const countdown = createCountdowns(createWorkingDayCalendar(await publishedYears()));
      return countdown({ dueAt: new Date(req.dueAt), markedOverdue: false }, new Date(req.at)).workingDaysLeft ?? 0;
    },
  };
}
