import { isWeekend } from 'date-fns';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../errors';
import { parseShanghaiDate } from './shanghai-time';
import type { PublishedYear } from './types';

/** Years an administrator may publish; wider than any plausible use, narrow enough to catch typos. */
export const MIN_PUBLISHED_YEAR = 2000;
export const MAX_PUBLISHED_YEAR = 2100;

const NAME_MAX = 50;

function dateField(year: number | undefined) {
  const field = z.string().refine((date) => parseShanghaiDate(date) !== undefined, {
    error: '须为 yyyy-MM-dd 格式的真实日期',
  });
  return year === undefined
    ? field
    : field.refine((date) => parseShanghaiDate(date) === undefined || date.startsWith(`${year}-`), {
        error: `须为 ${year} 年内的日期`,
      });
}

function buildSchema(year: number | undefined) {
  const namedDate = z.object({
    date: dateField(year),
    name: z
      .string()
      .trim()
      .min(1, { error: '请填写名称' })
      .max(NAME_MAX, { error: `名称最多 ${NAME_MAX} 个字` }),
  });
  const days = z.array(namedDate).max(366, { error: '最多 366 天' });

  return z
    .object({ holidays: days, workdays: days })
    .superRefine(({ holidays, workdays }, ctx) => {
      const flag = (list: 'holidays' | 'workdays', index: number, message: string) =>
        ctx.addIssue({ code: 'custom', path: [list, index, 'date'], message });

      // Cross-entry rules run even when a field failed above, so malformed dates are skipped here.
      const firstIndex = (list: 'holidays' | 'workdays', entries: { date: string }[]) => {
        const seen = new Map<string, number>();
        entries.forEach(({ date }, index) => {
          if (!parseShanghaiDate(date)) return;
          const earlier = seen.get(date);
          if (earlier === undefined) seen.set(date, index);
          else flag(list, index, `与第 ${earlier + 1} 行日期重复`);
        });
        return seen;
      };
      const holidayAt = firstIndex('holidays', holidays);
      firstIndex('workdays', workdays);

      workdays.forEach(({ date }, index) => {
        const day = parseShanghaiDate(date);
        if (!day) return;
        const clash = holidayAt.get(date);
        if (clash !== undefined) flag('workdays', index, `该日同时列为节假日（第 ${clash + 1} 行），不能既放假又上班`);
        // An adjusted workday is by definition a weekend day made working; a weekday here is a typo.
        else if (!isWeekend(day)) flag('workdays', index, '调休上班日须为周六或周日');
      });
    });
}

/** PUT body of a published year, without the year-specific date check (e.g. for API docs). */
export const publishedYearSchema = buildSchema(undefined);

export type PublishedYearBody = z.input<typeof publishedYearSchema>;

/** The PUT body schema for one year: every date must also lie inside `year`. */
export function publishedYearSchemaFor(year: number) {
  return buildSchema(year);
}

/**
 * Validates a PUT body for `year` and returns it normalised (names trimmed, days sorted).
 * Throws AppError('validation_failed') whose fields are keyed by path, e.g. "holidays.2.date".
 */
export function parsePublishedYear(year: number, body: unknown): PublishedYear {
  if (!Number.isInteger(year) || year < MIN_PUBLISHED_YEAR || year > MAX_PUBLISHED_YEAR) {
    throw new AppError('validation_failed', `年度无效：${String(year)}`, {
      year: `须为 ${MIN_PUBLISHED_YEAR}–${MAX_PUBLISHED_YEAR} 之间的整数`,
    });
  }
  const result = publishedYearSchemaFor(year).safeParse(body);
  if (!result.success) {
    const fields: FieldErrors = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.') || 'body';
      fields[path] ??= issue.message;
    }
    const summary = Object.entries(fields)
      .map(([path, why]) => `${path}: ${why}`)
      .join('; ');
    throw new AppError('validation_failed', `${year} 年节假日安排有误：${summary}`, fields);
  }
  const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
  return {
    year,
    holidays: [...result.data.holidays].sort(byDate),
    workdays: [...result.data.workdays].sort(byDate),
  };
}
