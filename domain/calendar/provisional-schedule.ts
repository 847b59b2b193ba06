import { addDays } from 'date-fns';
import { dateString, parseShanghaiDate } from './shanghai-time';
import { SPRING_FESTIVAL_DAY_ONE } from './spring-festival-dates';
import type { SpecialDay, YearSchedule } from './types';

/**
 * The schedule for a year that is neither bundled nor published. It holds
 * only the days that are surely off under the 2025 revision of the national
 * holiday rules: the fixed-date holidays, and the Spring Festival from 除夕
 * through 初三 (4 days). It has no adjusted workdays, since those are unknown
 * until the State Council publishes the year. Other festivals are left out
 * because their days off depend on that notice. Years without a table entry
 * get the fixed-date holidays only.
 */
export function provisionalSchedule(year: number): YearSchedule {
  const days = provisionalHolidays(year);
  return { source: 'missing', special: (date) => days.get(date) };
}

export function provisionalHolidays(year: number): Map<string, SpecialDay> {
  const days = new Map<string, SpecialDay>();
  const holiday = (date: string, name: string) => days.set(date, { kind: 'holiday', name });

  holiday(`${year}-01-01`, '元旦');
  holiday(`${year}-05-01`, '劳动节');
  holiday(`${year}-05-02`, '劳动节');
  holiday(`${year}-10-01`, '国庆节');
  holiday(`${year}-10-02`, '国庆节');
  holiday(`${year}-10-03`, '国庆节');

  const dayOne = SPRING_FESTIVAL_DAY_ONE[year];
  const first = dayOne === undefined ? undefined : parseShanghaiDate(dayOne);
  if (first) {
    // 除夕 (the eve) through 初三; day one is never before Jan 21, so all four are in `year`.
    for (let offset = -1; offset <= 2; offset++) holiday(dateString(addDays(first, offset)), '春节');
  }
  return days;
}
