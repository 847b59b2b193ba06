import { getFestival, isWorkday } from 'chinese-workday';
import { eachShanghaiDay, isRepresentableYear, parseShanghaiDate, dateString } from './shanghai-time';
import type { SpecialDay, YearSchedule } from './types';

// getFestival's answers for days that are in neither of the package's tables.
const PLAIN_DAY_NAMES = new Set(['工作日', '周末']);

const heldYears = new Map<number, boolean>();

/**
 * Whether chinese-workday carries the State Council notice for `year`.
 * The package exports neither its tables nor their range, and outside them
 * it silently answers plain Monday–Friday. So we probe: every annual notice
 * schedules both 春节 and 国庆节, so a year counts as held only if the package
 * names a day of each inside it. (A stray entry, like 2018-12-30 元旦 from
 * the 2019 notice, cannot make a year look held.)
 */
export function bundledHoldsYear(year: number): boolean {
  const known = heldYears.get(year);
  if (known !== undefined) return known;
  const held = isRepresentableYear(year) && namesHolidaysOf(year, ['春节', '国庆']);
  heldYears.set(year, held);
  return held;
}

function namesHolidaysOf(year: number, required: string[]): boolean {
  const first = parseShanghaiDate(`${year}-01-01`);
  const last = parseShanghaiDate(`${year}-12-31`);
  if (!first || !last) return false;
  const missing = new Set(required);
  for (const day of eachShanghaiDay(first, last)) {
    const name = getFestival(dateString(day));
    for (const wanted of missing) if (name.includes(wanted)) missing.delete(wanted);
    if (missing.size === 0) return true;
  }
  return false;
}

/**
 * The package's entry for a date. Only `yyyy-MM-dd` strings are passed: that
 * path is a plain table lookup, whereas Date or other inputs go through the
 * host's local time zone.
 */
export function bundledSpecialDay(date: string): SpecialDay | undefined {
  const name = getFestival(date);
  if (PLAIN_DAY_NAMES.has(name)) return undefined;
  // A named day the package counts as working is an adjusted workday (补…).
  return { kind: isWorkday(date) ? 'adjusted-workday' : 'holiday', name };
}

export const bundledSchedule: YearSchedule = { source: 'bundled', special: bundledSpecialDay };
