/**
 * Supervision (Art. 34–35, API.md "Supervision"): each organisation's figures
 * over a period, as JSON and as CSV for Excel, and the tasks behind a figure.
 * The BDB's reviewers and coordinators and administrators only.
 */
import { Router } from 'express';
import type { z as zod } from 'zod';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import { CASE_TYPES } from '../../domain/cases/case-types';
import { OVERDUE_SUPERVISOR_ROLES } from '../../domain/auth/roles';
import { caseCursorSchema, doneTaskCursorSchema, overdueTaskCursorSchema } from '../../domain/paging';
import { isPeriodProblem, MAX_PERIOD_DAYS, resolvePeriod, supervisionPeriodQuery, type SupervisionPeriod } from '../../domain/supervision/period';
import { supervisionCsv, supervisionCsvFilename } from '../../domain/supervision/csv';
import { SUPERVISION_CASE_FIGURES, SUPERVISION_FIGURES } from '../../domain/supervision/drill-down';
import { FIGURE_DEFINITIONS } from '../../domain/supervision/figures';
import { taskSchema } from './cases.routes';
import { defineRoute } from '../define-route';
import { listPage, pageQuery, pageSchema } from '../paging';
import type { ApiDeps } from '../deps';

const SUPERVISORS = [...OVERDUE_SUPERVISOR_ROLES];

/** Each figure's zod field, described by its definition (domain/supervision/figures.ts). */
const figureField = ({ kind, definition }: (typeof FIGURE_DEFINITIONS)[keyof typeof FIGURE_DEFINITIONS]) => (kind === 'count' ? z.number().int() : z.number().nullable()).describe(definition);
const figureFields = Object.fromEntries(Object.entries(FIGURE_DEFINITIONS).map(([name, d]) => [name, figureField(d)])) as unknown as Record<keyof typeof FIGURE_DEFINITIONS, z.ZodNumber>;
const figuresSchema = z.object(figureFields);
const reportSchema = z
  .object({
    from: z.string().describe('起始日期（含）'),
    to: z.string().describe('截止日期（含）'),
    items: z.array(z.object({ org: z.object({ id: z.string(), name: z.string() }), ...figureFields })).describe('统计期间内收到或办结过任务、或有上述任一数字的单位，按单位名称（拼音）排序'),
    total: figuresSchema.describe('全市合计：任务数逐单位相加，平均用时按全部办结任务计算；问题数据反馈与问题清单按办件计，每件一次'),
  })
  .openapi('SupervisionReport');

const DESCRIPTION =
  `统计期间为 from 至 to 两个上海日历日（均含），默认本月；to 不得早于 from，跨度不超过 ${MAX_PERIOD_DAYS} 天。` +
  '所有数字由任务表与办件表直接计算，工作日按已发布的工作日历（未发布年份用内置日历）。各数字的定义见响应字段说明；' +
  'GET /stats/supervision/tasks 列出每个任务类数字背后的任务，条数与数字一致。';

const TASKS_BEHIND =
  'figure：handled 办结任务（tasksHandled）、on-time 按时办结（tasksOnTime）、late 超期办结（tasksHandled − tasksOnTime），按办结时间新到旧；' +
  'overdue 逾期未办（openOverdue，与统计期间无关），逾期最久的在前。total 与该数字一致；每行链接到其办件。';
const CASES_BEHIND =
  'figure：reports 收到的问题数据反馈（problemReportsReceived）、reports-closed 其中已办结的（problemReportsClosed）、' +
  'problem-list 列入问题清单且本单位为有争议的数据提供单位的受限共享办件（problemListEntries）。新到旧；total 与该数字一致。';

/** The period of a checked query, or a 400 naming the field. */
function periodOf(query: { from?: string; to?: string }): SupervisionPeriod {
  const p = resolvePeriod(query, new Date());
  if (isPeriodProblem(p)) throw new AppError('bad_request', `查询参数有误：${p.message}`, { [p.field]: p.message });
  return p;
}

// The inbox's task fields (cases.routes.ts), and how the task counts.
const taskBehindSchema = taskSchema
  .pick({ id: true, caseId: true, caseType: true, caseTitle: true, step: true, stepLabel: true, decision: true, createdAt: true, dueAt: true, completedAt: true })
  .extend({
    workingDaysToAnswer: z.number().int().nullable().describe('办理用时（工作日）；未办结为 null'),
    onTime: z.boolean().nullable().describe('是否按时办结；未办结为 null'),
    workingDaysLate: z.number().int().nullable().describe('逾期未办：期限届满后已开始的工作日数；已办结为 null'),
  })
  .openapi('SupervisionTask');

const caseBehindSchema = z
  .object({ id: z.string(), type: z.enum(CASE_TYPES), title: z.string(), status: z.string(), createdAt: z.string(), closedAt: z.string().nullable() })
  .openapi('SupervisionCase');

const behindFields = { org: z.object({ id: z.string(), name: z.string() }), from: z.string(), to: z.string() };
const orgQuery = z.string().trim().min(1, '请指定单位').max(60);

export function supervisionRoutes(deps: ApiDeps): Router {
  const { registry, repos } = deps;
  const router = Router();

  /** The organisation a drill-down names, or a 400 naming the field. */
  const checkOrg = async (org: string): Promise<{ id: string; name: string }> => {
    const name = (await repos.cases.orgNamesOf([org]))[org];
    if (!name) throw new AppError('bad_request', '查询参数有误：没有这个单位', { org: '没有这个单位' });
    return { id: org, name };
  };
  /** A drill-down page, with the organisation it is about and the period it covers. */
  const behind = async (org: { id: string; name: string }, period: SupervisionPeriod, page: Promise<{ body: object }>) => ({
    body: { ...(await page).body, org, from: period.from, to: period.to },
  });

  defineRoute(router, registry, 'GET /stats/supervision', {
    summary: '监督考核：各单位办理情况统计（第34条、第35条）',
    description: DESCRIPTION,
    tags: ['监督考核'],
    access: SUPERVISORS,
    query: z.strictObject(supervisionPeriodQuery),
    responses: { 200: { description: '各单位统计与全市合计', schema: reportSchema } },
    handler: async ({ query }) => ({ body: await repos.supervision.report(periodOf(query)) }),
  });

  defineRoute(router, registry, 'GET /stats/supervision.csv', {
    summary: '监督考核：导出 CSV（UTF-8 带 BOM，Excel 可直接打开）',
    description: `与 GET /stats/supervision 相同的各单位统计，末行为全市合计；比率以百分数表示，无从计算时留空。${DESCRIPTION}`,
    tags: ['监督考核'],
    access: SUPERVISORS,
    query: z.strictObject(supervisionPeriodQuery),
    responses: { 200: { description: 'text/csv; charset=utf-8，Content-Disposition: attachment; filename="supervision-<from>-<to>.csv"' } },
    handler: async ({ query, res }) => {
      const report = await repos.supervision.report(periodOf(query));
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="${supervisionCsvFilename(report)}"`)
        .send(supervisionCsv(report));
      return {};
    },
  });

  /** The list behind one figure of one organisation over a period: checked, read a page at a time. */
  async function drill<S extends zod.ZodType, T>(
    query: { org: string; limit: number; cursor?: string } & Parameters<typeof periodOf>[0],
    cursorSchema: S,
    read: (orgId: string, period: ReturnType<typeof periodOf>, page: { limit: number; after: zod.infer<S> | null }) => Promise<{ items: T[]; total: number; next: unknown }>,
  ) {
    const period = periodOf(query);
    const org = await checkOrg(query.org);
    return behind(org, period, listPage(cursorSchema, query, (page) => read(org.id, period, page)));
  }
  const drillQuery = <F extends readonly [string, ...string[]]>(figures: F) =>
    z.strictObject({ org: orgQuery, figure: z.enum(figures).describe(figures.join(' | ')), ...supervisionPeriodQuery, ...pageQuery });

  // The lists behind the figures: tasks for the task figures, cases for the problem-data and problem-list ones.
  defineRoute(router, registry, 'GET /stats/supervision/tasks', {
    summary: '监督考核：某单位某项数字背后的任务（分页）', tags: ['监督考核'], access: SUPERVISORS, description: TASKS_BEHIND, query: drillQuery(SUPERVISION_FIGURES),
    responses: { 200: { description: '任务（一页），及所属单位与统计期间', schema: pageSchema(taskBehindSchema).extend(behindFields) } },
    handler: ({ query }) => drill(query, query.figure === 'overdue' ? overdueTaskCursorSchema : doneTaskCursorSchema, (org, period, page) => repos.supervision.tasksBehind(org, query.figure, period, page)),
  });
  defineRoute(router, registry, 'GET /stats/supervision/cases', {
    summary: '监督考核：某单位问题数据反馈、问题清单数字背后的办件（分页）', tags: ['监督考核'], access: SUPERVISORS, description: CASES_BEHIND, query: drillQuery(SUPERVISION_CASE_FIGURES),
    responses: { 200: { description: '办件（一页），及所属单位与统计期间', schema: pageSchema(caseBehindSchema).extend(behindFields) } },
    handler: ({ query }) => drill(query, caseCursorSchema, (org, period, page) => repos.supervision.casesBehind(org, query.figure, period, page)),
  });

  return router;
}
