/**
 * Public types of the working-day calendar. All `date` strings are
 * `yyyy-MM-dd` calendar dates in Asia/Shanghai.
 */

/** Where a year's schedule comes from, highest precedence first: published > bundled > missing. */
export type YearSource = 'bundled' | 'published' | 'missing';

export interface NamedDate {
  date: string;
  name: string;
}

/** A year's official schedule as published by an administrator; it replaces the bundled data for that year. */
export interface PublishedYear {
  year: number;
  /** Official days off: weekdays given off, and holidays that fall on weekends. */
  holidays: NamedDate[];
  /** Adjusted working weekend days (调休). */
  workdays: NamedDate[];
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** Holiday or adjustment name; only on 'holiday' and 'adjusted-workday' days. */
  name?: string;
  source: YearSource;
}

export interface DeadlineResult {
  /** 24:00 of the last counted day, i.e. 00:00 Asia/Shanghai of the next calendar day. */
  deadline: Date;
  /** True iff a day examined (day after receipt through the last counted day) lies in a `missing` year. */
  provisional: boolean;
  /** The `yyyy-MM-dd` days counted, in order. */
  counted: string[];
  /** Ascending years of the days examined. */
  yearsConsulted: number[];
}

export interface WorkingDayCalendar {
  yearSource(year: number): YearSource;
  day(date: string): DayInfo;
  addWorkingDays(from: Date, n: number): DeadlineResult;
  addNaturalDays(from: Date, n: number): DeadlineResult;
  /** Every day of a month; `month` is 1–12. */
  month(year: number, month: number): DayInfo[];
  /** Inclusive range of years with their sources. */
  years(from: number, to: number): { year: number; source: YearSource }[];
}

/** A day that departs from the plain Monday–Friday rule. */
export interface SpecialDay {
  kind: 'holiday' | 'adjusted-workday';
  name: string;
}

/** One year's schedule, described only by its departures from Monday–Friday. */
export interface YearSchedule {
  readonly source: YearSource;
  special(date: string): SpecialDay | undefined;
}
