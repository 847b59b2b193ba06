/**
 * Turns "N working (or natural) days from T" into an absolute instant, over
 * the calendar as published now — workflows never read the calendar themselves.
 */
import { createWorkingDayCalendar, type PublishedYear } from '../domain/calendar';
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
  };
}
