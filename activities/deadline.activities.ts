/**
 * Turns "N working (or natural) days from T" into an absolute instant, over
 * the calendar as published now — workflows never read the calendar themselves.
 */
import { createCalendarMemo, createCountdowns, toShanghaiDate, type PublishedYear, type WorkingDayCalendar } from '../domain/calendar';
import type { DayPlans, DeadlineRequest, PlanAheadRequest, PlannedDeadline } from '../domain/cases/projection';

/**
 * Natural days ignore the schedule (never provisional, no published year moves
 * them): a plan depends only on the Shanghai day and the count, so it is kept.
 * A grant's 90–365 days are otherwise walked day by day with every batch that plans ahead.
 */
const naturalPlans = new Map<string, PlannedDeadline>();
const NATURAL_PLANS_KEPT = 2_000;

function plan(calendar: WorkingDayCalendar, req: DeadlineRequest): PlannedDeadline {
  const from = new Date(req.from);
  if (req.workingDays === undefined) {
    const key = `${toShanghaiDate(from)}|${req.naturalDays ?? 1}`;
    const kept = naturalPlans.get(key);
    if (kept) return { ...kept, yearsConsulted: [...kept.yearsConsulted] };
    const due = calendar.addNaturalDays(from, req.naturalDays ?? 1);
    const planned = { dueAt: due.deadline.toISOString(), remindAt: null, provisional: due.provisional, yearsConsulted: due.yearsConsulted };
    if (naturalPlans.size >= NATURAL_PLANS_KEPT) naturalPlans.clear();
    naturalPlans.set(key, planned);
    return { ...planned, yearsConsulted: [...planned.yearsConsulted] };
  }
  const due = calendar.addWorkingDays(from, req.workingDays);
  // Policy reminder: one working day before the deadline.
  const remind = req.workingDays > 1 ? calendar.addWorkingDays(from, req.workingDays - 1).deadline : null;
  return { dueAt: due.deadline.toISOString(), remindAt: remind?.toISOString() ?? null, provisional: due.provisional, yearsConsulted: due.yearsConsulted };
}

/** Every rule of `req` from its instant, over one reading of the calendar: the projection plans its case's next deadlines with its batch. */
export function createPlanAhead(publishedYears: () => Promise<PublishedYear[]>) {
  const calendarOf = createCalendarMemo(); // kept until a publish: it remembers the dates it walked
  return async (req: PlanAheadRequest): Promise<DayPlans> => {
    const calendar = calendarOf(await publishedYears());
    return { from: req.from, plans: req.rules.map((rule) => ({ rule, planned: plan(calendar, { from: req.from, ...rule }) })) };
  };
}

export function createDeadlineActivities(publishedYears: () => Promise<PublishedYear[]>) {
  const calendarOf = createCalendarMemo();
  return {
    async planDeadline(req: DeadlineRequest): Promise<PlannedDeadline> {
      return plan(calendarOf(await publishedYears()), req);
    },

    /** Working days left after `at`'s day up to the deadline's last day (0 on it, negative once past): what a paused clock carries. */
    async workingDaysLeft(req: { at: string; dueAt: string }): Promise<number> {
      const countdown = createCountdowns(calendarOf(await publishedYears()));
      return countdown({ dueAt: new Date(req.dueAt), markedOverdue: false }, new Date(req.at)).workingDaysLeft ?? 0;
    },
  };
}
