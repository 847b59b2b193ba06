import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import { createCalendarMemo, formatShanghai, parsePublishedYear, type WorkingDayCalendar } from '../../domain/calendar';
import { defineRoute } from '../define-route';
import type { ApiDeps } from '../deps';

const yearSourceSchema = z.enum(['bundled', 'published', 'missing']);
const daySchema = z
  .object({
    date: z.string(),
    working: z.boolean(),
    kind: z.enum(['workday', 'weekend', 'holiday', 'adjusted-workday']),
    name: z.string().optional(),
    source: yearSourceSchema,
  })
  .openapi('CalendarDay');
const namedDateSchema = z.object({ date: z.string(), name: z.string() });
const calendarYearSchema = z
  .object({
    year: z.number(),
    source: yearSourceSchema,
    holidays: z.array(namedDateSchema),
    workdays: z.array(namedDateSchema),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
  })
  .openapi('CalendarYear');
const deadlineSchema = z.object({ deadline: z.string(), provisional: z.boolean(), workingDaysCounted: z.array(z.string()) }).openapi('Deadline');

const deadlineQuery = z
  .strictObject({
    from: z.iso
      .datetime({ offset: true, message: '请提供带时区的 ISO 8601 时间，如 2026-09-30T10:00:00+08:00' })
      .refine((v) => {
        const y = new Date(v).getUTCFullYear();
        return y >= 2000 && y <= 2100;
      }, '起算时间须在 2000 至 2100 年之间'),
    workingDays: z.coerce.number().int().min(1).max(366).optional(),
    naturalDays: z.coerce.number().int().min(1).max(3660).optional(),
  })
  .refine((q) => (q.workingDays === undefined) !== (q.naturalDays === undefined), {
    message: '请在 workingDays 与 naturalDays 中选择一个',
    path: ['workingDays'],
  });

const yearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** Called after a year is published: running cases re-plan their timers. */
export type OnCalendarPublished = (year: number) => Promise<{ signalled: number }>;

export function calendarRoutes({ registry, repos }: ApiDeps, onPublished: OnCalendarPublished): Router {
  const router = Router();

  const calendarOf = createCalendarMemo();
  const calendar = async (): Promise<WorkingDayCalendar> => calendarOf(await repos.calendar.publishedYears());

  // N working (or natural) days from an instant (PROCEDURES §2)
  defineRoute(router, registry, 'GET /calendar/deadline', {
    summary: '计算期限（自收到之日的次日起算，至第 N 日 24:00）', tags: ['工作日历'], access: 'signed-in',
    query: deadlineQuery,
    responses: { 200: { description: '期限', schema: deadlineSchema } },
    handler: async ({ query }) => {
      const cal = await calendar();
      const from = new Date(query.from);
      const r = query.workingDays !== undefined ? cal.addWorkingDays(from, query.workingDays) : cal.addNaturalDays(from, query.naturalDays as number);
      return { body: { deadline: formatShanghai(r.deadline), provisional: r.provisional, workingDaysCounted: r.counted } };
    },
  });

  // each year with the source of its schedule
  defineRoute(router, registry, 'GET /calendar/years', {
    summary: '各年度节假日安排的来源', tags: ['工作日历'], access: 'signed-in',
    responses: { 200: { description: '年度列表', schema: z.array(z.object({ year: z.number(), source: yearSourceSchema })) } },
    handler: async () => {
      const cal = await calendar();
      const thisYear = Number(formatShanghai(new Date()).slice(0, 4));
      const published = (await repos.calendar.publishedYears()).map((y) => y.year);
      const from = Math.min(2019, ...published);
      const to = Math.max(thisYear + 2, ...published);
      return { body: cal.years(from, to) };
    },
  });

  // the holidays and adjusted workdays of one year
  defineRoute(router, registry, 'GET /calendar/years/:year', {
    summary: '某年度的节假日与调休安排', tags: ['工作日历'], access: 'signed-in',
    params: yearParam,
    responses: { 200: { description: '年度安排', schema: calendarYearSchema } },
    handler: async ({ params }) => {
      const published = (await repos.calendar.publishedYears()).find((y) => y.year === params.year);
      const cal = await calendar();
      const holidays: { date: string; name: string }[] = [];
      const workdays: { date: string; name: string }[] = [];
      for (let m = 1; m <= 12; m++) {
        for (const d of cal.month(params.year, m)) {
          if (d.kind === 'holiday') holidays.push({ date: d.date, name: d.name ?? '节假日' });
          if (d.kind === 'adjusted-workday') workdays.push({ date: d.date, name: d.name ?? '调休上班' });
        }
      }
      return {
        body: {
          year: params.year,
          source: cal.yearSource(params.year),
          holidays,
          workdays,
          publishedAt: published ? formatShanghai(published.publishedAt) : null,
          publishedBy: published?.publishedBy ?? null,
        },
      };
    },
  });

  // one month, day by day, for the calendar page
  defineRoute(router, registry, 'GET /calendar/month', {
    summary: '某月每日的工作日/节假日', tags: ['工作日历'], access: 'signed-in',
    query: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), month: z.coerce.number().int().min(1).max(12) }),
    responses: {
      200: {
        description: '月视图',
        schema: z.object({ year: z.number(), month: z.number(), source: yearSourceSchema, days: z.array(daySchema) }).openapi('CalendarMonth'),
      },
    },
    handler: async ({ query }) => {
      const cal = await calendar();
      return { body: { year: query.year, month: query.month, source: cal.yearSource(query.year), days: cal.month(query.year, query.month) } };
    },
  });

  // an administrator publishes the year's schedule
  defineRoute(router, registry, 'PUT /calendar/years/:year', {
    summary: '发布年度节假日安排（管理员）；依赖该年度的在办期限将重新计算', tags: ['工作日历'], access: ['admin'],
    params: yearParam,
    body: z.object({ holidays: z.array(namedDateSchema), workdays: z.array(namedDateSchema) }).openapi('PublishYearBody'),
    responses: {
      200: { description: '已发布', schema: z.object({ year: z.number(), source: z.literal('published'), replanned: z.number() }) },
    },
    handler: async ({ params, req, principal: p }) => {
      // Re-parse the raw body with the domain's year-aware schema (dates inside the year, no overlaps).
      const year = parsePublishedYear(params.year, req.body);
      await repos.calendar.publish(year, p.name);
      await repos.audit.append({
        actor: p.name,
        actorOrg: p.org.name,
        action: 'calendar-publish',
        target: `calendar:${year.year}`,
        detail: { holidays: year.holidays.length, workdays: year.workdays.length },
      });
      const { signalled } = await onPublished(year.year).catch((e: unknown) => {
        throw new AppError('unavailable', `日历已发布，但通知在办流程重新计算期限失败：${(e as Error).message}`);
      });
      return { body: { year: year.year, source: 'published', replanned: signalled } };
    },
  });

  // withdraw a publication (e.g. one made in error)
  defineRoute(router, registry, 'DELETE /calendar/years/:year', {
    summary: '撤回已发布的年度安排（管理员）；该年度回到内置数据或暂定，在办期限重新计算', tags: ['工作日历'], access: ['admin'],
    params: yearParam,
    responses: { 200: { description: '已撤回', schema: z.object({ year: z.number(), source: yearSourceSchema, replanned: z.number() }) }, 404: { description: '该年度未发布' } },
    handler: async ({ params, principal: p }) => {
      if (!(await repos.calendar.unpublish(params.year))) throw new AppError('not_found', `${params.year} 年未发布过节假日安排`);
      await repos.audit.append({ actor: p.name, actorOrg: p.org.name, action: 'calendar-unpublish', target: `calendar:${params.year}` });
      const { signalled } = await onPublished(params.year);
      return { body: { year: params.year, source: (await calendar()).yearSource(params.year), replanned: signalled } };
    },
  });

  return router;
}
