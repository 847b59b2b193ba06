/**
 * Traffic lights and countdowns in working days (API.md "Inbox actions",
 * PROCEDURES.md §2). A deadline is 24:00 Shanghai of its last day, stored as
 * 00:00 of the next day; the countdown counts whole working days between today
 * (Shanghai) and that last day, so it reads 0 on the last day itself.
 */
import { nextDateString, previousDateString, toShanghaiDate } from './shanghai-time';
import type { WorkingDayCalendar } from './types';

export type TrafficLight = 'green' | 'yellow' | 'red';

export interface Countdown {
  /** null when the task has no deadline and is not marked overdue: there is nothing to count down to. */
  light: TrafficLight | null;
  /**
   * Working days after today up to and including the deadline's last day: 0 on
   * the last day, negative once overdue (−N = N working days have begun since
   * the deadline passed). null without a deadline.
   */
  workingDaysLeft: number | null;
}

export interface CountdownInput {
  dueAt: Date | null;
  /** The workflow has marked the task overdue (Task.overdueSince): red whatever the clock says. */
  markedOverdue: boolean;
}

/**
 * Yellow while at most this many working days remain after today. "Yellow from
 * one working day before the deadline" (API.md): the deadline is 24:00 of its
 * last day, so one working day before it is that day's start — the moment the
 * reminder is sent (PROCEDURES §2 as the restricted-share procedure reads it).
 */
export const YELLOW_WITHIN_WORKING_DAYS = 0;

/**
 * A countdown function over one calendar. It numbers the dates it is asked
 * about by working days (W, from the first date asked), extending the numbering
 * a day at a time from its nearest end, so a page of tasks asks the calendar
 * about each date once and each countdown is one subtraction however late.
 */
export function createCountdowns(calendar: WorkingDayCalendar): (task: CountdownInput, now: Date) => Countdown {
  const w = new Map<string, number>();
  let lo = '';
  let hi = '';
  /** W(date): working days in (anchor, date], negative before the anchor; W(b) − W(a) = working days in (a, b]. */
  const ordinal = (date: string): number => {
    if (w.size === 0) {
      w.set(date, 0);
      lo = hi = date;
    }
    while (date > hi) {
      const next = nextDateString(hi);
      w.set(next, (w.get(hi) as number) + (calendar.day(next).working ? 1 : 0));
      hi = next;
    }
    while (date < lo) {
      const prev = previousDateString(lo);
      w.set(prev, (w.get(lo) as number) - (calendar.day(lo).working ? 1 : 0));
      lo = prev;
    }
    return w.get(date) as number;
  };
  /** Working days in (from, to], for date strings from < to. */
  const workingDaysAfter = (from: string, to: string): number => ordinal(to) - ordinal(from);

  return ({ dueAt, markedOverdue }, now) => {
    if (!dueAt) return { light: markedOverdue ? 'red' : null, workingDaysLeft: null };
    const today = toShanghaiDate(now);
    const lastDay = toShanghaiDate(new Date(dueAt.getTime() - 1));
    const workingDaysLeft = today <= lastDay ? workingDaysAfter(today, lastDay) : 0 - workingDaysAfter(lastDay, today); // 0 -, not -: never a -0
    const overdue = markedOverdue || now.getTime() >= dueAt.getTime();
    const light: TrafficLight = overdue ? 'red' : workingDaysLeft <= YELLOW_WITHIN_WORKING_DAYS ? 'yellow' : 'green';
    return { light, workingDaysLeft };
  };
}

/** One task's light and countdown; for a list, make one `createCountdowns` and reuse it. */
export function trafficLight(task: CountdownInput, now: Date, calendar: WorkingDayCalendar): Countdown {
  return createCountdowns(calendar)(task, now);
}
