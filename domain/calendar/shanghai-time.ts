import { eachDayOfInterval, format, isValid, parse, startOfDay } from 'date-fns';
import { type TZDate, tz } from '@date-fns/tz';

/** The one time zone of the Measures; all calendar dates are Shanghai dates. */
export const SHANGHAI = 'Asia/Shanghai';

const inShanghai = tz(SHANGHAI);
// date-fns `parse` accepts single-digit fields, so the shape is checked first.
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** `yyyy-MM-dd` of an instant in Asia/Shanghai (not the host's zone, not UTC). */
export function toShanghaiDate(instant: Date): string {
  return format(instant, 'yyyy-MM-dd', { in: inShanghai });
}

/** ISO 8601 with the +08:00 offset, e.g. 2026-10-14T00:00:00+08:00. */
export function formatShanghai(instant: Date): string {
  return format(instant, "yyyy-MM-dd'T'HH:mm:ssXXX", { in: inShanghai });
}

/** Shanghai midnight starting a `yyyy-MM-dd` date, or undefined if it is not a real date. */
export function parseShanghaiDate(date: string): TZDate | undefined {
  if (!DATE_SHAPE.test(date)) return undefined;
  const day = parse(date, 'yyyy-MM-dd', 0, { in: inShanghai });
  return isValid(day) ? day : undefined;
}

export function isValidDateString(date: string): boolean {
  return parseShanghaiDate(date) !== undefined;
}

/** Shanghai midnight starting the Shanghai day that contains the instant. */
export function shanghaiDayOf(instant: Date): TZDate {
  return startOfDay(instant, { in: inShanghai });
}

export function dateString(day: TZDate): string {
  return format(day, 'yyyy-MM-dd', { in: inShanghai });
}

/** A plain Date, so callers never serialise a TZDate (whose toISOString carries an offset). */
export function toInstant(day: TZDate): Date {
  return new Date(day.getTime());
}

/** The calendar date `days` after (or before) a `yyyy-MM-dd`: plain date arithmetic, no zone, so no offset can skew the step. */
function shiftDateString(date: string, days: number): string {
  return new Date(Date.UTC(yearOfDate(date), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days)).toISOString().slice(0, 10);
}

/** The calendar date after a `yyyy-MM-dd` (a walk over days needs no time-zone work). */
export const nextDateString = (date: string): string => shiftDateString(date, 1);

/** The calendar date before a `yyyy-MM-dd`. */
export const previousDateString = (date: string): string => shiftDateString(date, -1);

/** Saturday or Sunday, for a `yyyy-MM-dd` date. */
export function isWeekendDate(date: string): boolean {
  const weekday = new Date(Date.UTC(yearOfDate(date), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function yearOfDate(date: string): number {
  return Number(date.slice(0, 4));
}

/** Every Shanghai day from first to last, inclusive. */
export function eachShanghaiDay(first: TZDate, last: TZDate): TZDate[] {
  return eachDayOfInterval({ start: first, end: last }, { in: inShanghai });
}

/** Years outside 1000–9999 have no `yyyy-MM-dd` spelling, so no date API accepts them. */
export function isRepresentableYear(year: number): boolean {
  return Number.isInteger(year) && year >= 1000 && year <= 9999;
}
