/**
 * The period a supervision report covers: two Shanghai calendar dates, both
 * included. `from` and `to` default to the first and the last day of the
 * current month (Shanghai); `to` may not precede `from`, and a period spans at
 * most 366 days, so one request reads at most a year of tasks.
 */
import { addDays } from 'date-fns';
import { z } from '../zod-locale';
import { parseShanghaiDate, toShanghaiDate } from '../calendar/shanghai-time';

export const MAX_PERIOD_DAYS = 366;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

export interface SupervisionPeriod {
  /** yyyy-MM-dd, Shanghai, included. */
  from: string;
  /** yyyy-MM-dd, Shanghai, included. */
  to: string;
  /** 00:00 Shanghai of `from`. */
  start: Date;
  /** 00:00 Shanghai of the day after `to`: the period is [start, end). */
  end: Date;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const periodDate = (field: 'from' | 'to') =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} 须为 YYYY-MM-DD 格式的日期`)
    .refine((v) => parseShanghaiDate(v) !== undefined, `${field} 不是有效的日期`)
    .refine((v) => {
      const y = Number(v.slice(0, 4));
      return y >= FIRST_YEAR && y <= LAST_YEAR;
    }, `${field} 须在 ${FIRST_YEAR} 至 ${LAST_YEAR} 年之间`);

/** The query of GET /stats/supervision(.csv): both optional. */
export const supervisionPeriodQuery = {
  from: periodDate('from').optional().describe('起始日期（含），YYYY-MM-DD，上海时间；默认本月第一天'),
  to: periodDate('to').optional().describe(`截止日期（含），YYYY-MM-DD，上海时间；默认本月最后一天；不早于 from，跨度不超过 ${MAX_PERIOD_DAYS} 天`),
};

/** A month (1–12) as two included dates. */
export function monthPeriod(year: number, month: number): { from: string; to: string } {
  const from = `${year}-${String(month).padStart(2, '0')}-01`;
  const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const to = new Date(Date.parse(`${nextMonth}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

/** The current month in Shanghai, as two included dates. */
export function currentMonth(now: Date): { from: string; to: string } {
  const today = toShanghaiDate(now);
  return monthPeriod(Number(today.slice(0, 4)), Number(today.slice(5, 7)));
}

/** The `count` months up to the current one (Shanghai), newest first: the period picker's presets. */
export function recentMonths(now: Date, count: number): { year: number; month: number; from: string; to: string }[] {
  const today = toShanghaiDate(now);
  let [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const out = [];
  for (let i = 0; i < count; i++) {
    out.push({ year, month, ...monthPeriod(year, month) });
    [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
  }
  return out;
}

export type PeriodProblem = { field: 'to'; message: string };

/**
 * The period of two checked dates (either may be missing), or the problem with
 * it, naming the field: `to` before `from`, or a span over MAX_PERIOD_DAYS.
 */
export function resolvePeriod(query: { from?: string; to?: string }, now: Date): SupervisionPeriod | PeriodProblem {
  const month = currentMonth(now);
  const from = query.from ?? month.from;
  const to = query.to ?? month.to;
  const span = daysBetween(from, to) + 1;
  if (span < 1) return { field: 'to', message: `to（${to}）不能早于 from（${from}）` };
  if (span > MAX_PERIOD_DAYS) return { field: 'to', message: `统计期间最长 ${MAX_PERIOD_DAYS} 天，当前为 ${span} 天` };
  const start = parseShanghaiDate(from) as Date;
  const end = addDays(parseShanghaiDate(to) as Date, 1);
  return { from, to, start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

export const isPeriodProblem = (p: SupervisionPeriod | PeriodProblem): p is PeriodProblem => 'field' in p;
