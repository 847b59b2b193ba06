import { lastDayOfMonth } from 'date-fns';
import { AppError } from '../errors';
import { bundledHoldsYear, bundledSchedule } from './bundled-schedule';
import { parsePublishedYear } from './published-year.schema';
import { publishedSchedule } from './published-schedule';
import { provisionalSchedule } from './provisional-schedule';
import {
  dateString,
  eachShanghaiDay,
  isRepresentableYear,
  isWeekendDate,
  nextDateString,
  parseShanghaiDate,
  shanghaiDayOf,
  toInstant,
  yearOfDate,
} from './shanghai-time';
import type {
  DayInfo,
  DeadlineResult,
  PublishedYear,
  WorkingDayCalendar,
  YearSchedule,
  YearSource,
} from './types';

/** Upper bounds on a time limit; far above any limit in the Measures, low enough to bound the loop. */
export const MAX_WORKING_DAYS = 366;
export const MAX_NATURAL_DAYS = 3660;
const MAX_YEARS_LISTED = 200;

/**
 * Builds the calendar over the years an administrator has published. The
 * published data is re-validated here because a bad row would otherwise
 * quietly shift deadlines.
 */
export function createWorkingDayCalendar(published: readonly PublishedYear[]): WorkingDayCalendar {
  const publishedYears = new Map<number, YearSchedule>();
  for (const entry of published) {
    if (publishedYears.has(entry.year)) {
      throw new AppError('validation_failed', `Year ${entry.year} is published more than once`, {
        year: 'published more than once',
      });
    }
    publishedYears.set(entry.year, publishedSchedule(parsePublishedYear(entry.year, entry)));
  }
  const provisionalYears = new Map<number, YearSchedule>();
  const described = new Map<string, DayInfo>();

  function scheduleFor(year: number): YearSchedule {
    const chosen = publishedYears.get(year);
    if (chosen) return chosen;
    if (bundledHoldsYear(year)) return bundledSchedule;
    let provisional = provisionalYears.get(year);
    if (!provisional) {
      provisional = provisionalSchedule(year);
      provisionalYears.set(year, provisional);
    }
    return provisional;
  }

  function describe(date: string): DayInfo {
    const { source, special } = scheduleFor(yearOfDate(date));
    const departure = special(date);
    if (departure) {
      return { date, working: departure.kind === 'adjusted-workday', kind: departure.kind, name: departure.name, source };
    }
    const weekend = isWeekendDate(date);
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'workday', source };
  }

  /** Kept per date: deadlines and every page of countdowns ask about the same dates again and again. */
  function dayInfo(date: string): DayInfo {
    let info = described.get(date);
    if (!info) {
      info = Object.freeze(describe(date));
      described.set(date, info);
    }
    return info;
  }

  /**
   * Walks the days after receipt until `n` of them qualify. The receipt day
   * never counts, and the deadline is 00:00 Shanghai after the n-th counted day.
   */
  function count(from: Date, n: number, qualifies: (day: DayInfo) => boolean): DeadlineResult {
    // Dates are walked as strings; only the receipt day and the deadline need the time zone.
    let date = dateString(shanghaiDayOf(from));
    const counted: string[] = [];
    const years = new Set<number>();
    let provisional = false;
    while (counted.length < n) {
      date = nextDateString(date);
      const info = dayInfo(date);
      years.add(yearOfDate(date));
      if (info.source === 'missing') provisional = true;
      if (qualifies(info)) counted.push(date);
    }
    const end = parseShanghaiDate(nextDateString(date));
    if (!end) throw new Error(`unreachable: no day after ${date}`);
    return {
      deadline: toInstant(end),
      provisional,
      counted,
      yearsConsulted: [...years].sort((a, b) => a - b),
    };
  }

  return {
    yearSource(year: number): YearSource {
      assertYear(year, 'year');
      return scheduleFor(year).source;
    },

    day(date: string): DayInfo {
      // A date seen before was valid then; a new one is checked (time-zone parsing is slow, ~0.2 ms).
      if (!described.has(date) && !parseShanghaiDate(date)) {
        throw new AppError('validation_failed', `不是有效日期：${date}`, { date: '须为 yyyy-MM-dd 格式的真实日期' });
      }
      return dayInfo(date);
    },

    addWorkingDays(from: Date, n: number): DeadlineResult {
      assertInstant(from);
      assertCount(n, MAX_WORKING_DAYS, 'workingDays');
      return count(from, n, (day) => day.working);
    },

    // Natural days ignore the schedule, so publishing a year cannot move them:
    // they are never provisional.
    addNaturalDays(from: Date, n: number): DeadlineResult {
      assertInstant(from);
      assertCount(n, MAX_NATURAL_DAYS, 'naturalDays');
      return { ...count(from, n, () => true), provisional: false };
    },

    month(year: number, month: number): DayInfo[] {
      assertYear(year, 'year');
      if (!Number.isInteger(month) || month < 1 || month > 12) {
        throw new AppError('validation_failed', `月份无效：${String(month)}`, { month: '须为 1–12 的整数' });
      }
      const first = parseShanghaiDate(`${year}-${String(month).padStart(2, '0')}-01`);
      if (!first) throw new Error(`unreachable: ${year}-${month} has no first day`);
      return eachShanghaiDay(first, lastDayOfMonth(first)).map((d) => dayInfo(dateString(d)));
    },

    years(from: number, to: number): { year: number; source: YearSource }[] {
      assertYear(from, 'from');
      assertYear(to, 'to');
      if (to < from || to - from >= MAX_YEARS_LISTED) {
        throw new AppError('validation_failed', `年份范围无效：${from}–${to}`, {
          to: `须在 ${from}–${from + MAX_YEARS_LISTED - 1} 之间`,
        });
      }
      const listed: { year: number; source: YearSource }[] = [];
      for (let year = from; year <= to; year++) listed.push({ year, source: scheduleFor(year).source });
      return listed;
    },
  };
}

function assertInstant(from: Date): void {
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) {
    throw new AppError('validation_failed', '收到时间无效', { from: '须为有效的日期时间' });
  }
}

function assertCount(n: number, max: number, field: 'workingDays' | 'naturalDays'): void {
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new AppError('validation_failed', `${field} 须为 1–${max} 的整数，实际为 ${String(n)}`, {
      [field]: `须为 1–${max} 的整数`,
    });
  }
}

function assertYear(year: number, field: string): void {
  if (!isRepresentableYear(year)) {
    throw new AppError('validation_failed', `年份无效：${String(year)}`, { [field]: '须为 1000–9999 的整数' });
  }
}

/**
 * The calendar of the published years, built again only when they change (a
 * publish or withdrawal): a calendar remembers the dates it was asked about,
 * so the inbox, the lists and the deadlines of every request share that work.
 */
export function createCalendarMemo(): (published: readonly PublishedYear[]) => WorkingDayCalendar {
  let last: { key: string; calendar: WorkingDayCalendar } | null = null;
  return (published) => {
    const key = JSON.stringify(published);
    if (last?.key !== key) last = { key, calendar: createWorkingDayCalendar(published) };
    return last.calendar;
  };
}
