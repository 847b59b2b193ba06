import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import { CASE_STATUSES, CASE_TYPES } from '../../domain/cases/case-types';
import { CASE_TOTAL_CAP, SEARCH_TOTAL_CAP } from '../../domain/cases/case-total';
import { OVERDUE_SUPERVISOR_ROLES } from '../../domain/auth/roles';
import { restrictedSharePayloadSchema } from '../../domain/cases/restricted-share/payload';
import { ALL_STEPS, decisionBodySchema } from '../../domain/procedures';
import { conditionalOpenPayloadSchema } from '../../domain/cases/conditional-open/payload';
import { itProjectPayloadSchema } from '../../domain/cases/it-project/payload';
import { caseCursorSchema, ccCursorSchema, doneTaskCursorSchema, openTaskCursorSchema, overdueTaskCursorSchema } from '../../domain/paging';
import { defineRoute } from '../define-route';
import { listPage, pageQuery, pageSchema } from '../paging';
import { requestIdOf } from '../idempotency';
import type { ApiDeps } from '../deps';
import { fileCase } from '../use-cases/file-case';
import { decideTask } from '../use-cases/decide-task';
import { serverTiming } from '../server-timing';
import { revokeGrant, withdrawCase } from '../use-cases/case-actions';

const orgRef = z.object({ id: z.string(), name: z.string() });
const countdownFields = {
  light: z.enum(['green', 'yellow', 'red']).nullable().describe('红绿灯：距期限的最后一个工作日不足 1 个工作日为黄，逾期为红；无期限或已办结为 null'),
  workingDaysLeft: z.number().int().nullable().describe('今天之后到期限最后一日的工作日数：最后一日为 0，逾期为负；无期限或已办结为 null'),
};
export const taskSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    caseType: z.enum(CASE_TYPES),
    caseTitle: z.string(),
    step: z.string(),
    stepLabel: z.string(),
    subject: z.string().nullable().describe('按资源分别办理的环节：所涉数据资源'),
    status: z.enum(['open', 'done', 'cancelled']),
    assignee: z.object({ org: orgRef, role: z.string() }),
    dueAt: z.string().nullable(),
    provisional: z.boolean(),
    overdue: z.boolean(),
    ...countdownFields,
    decisions: z.array(z.string()),
    decision: z.string().nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    claimedBy: z.object({ id: z.string(), name: z.string() }).nullable().describe('签收人；未签收为 null'),
  })
  .openapi('Task');
/** 抄送: a read-only copy of an IT project's opinion for the investment and finance authorities (Art. 9). */
export const ccItemSchema = z
  .object({
    id: z.string(),
    kind: z.literal('cc'),
    caseId: z.string(),
    caseType: z.literal('it-project'),
    step: z.literal('opinion-cc'),
    title: z.string(),
    opinionNumber: z.string().describe('如 甬数审〔2026〕3号'),
    createdAt: z.string(),
    readAt: z.string().nullable().describe('已读时间；未读为 null'),
    readBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .openapi('CcItem');
const opinionSchema = z.object({
  number: z.string(),
  decision: z.enum(['approve', 'approve-with-conditions', 'reject']),
  conditions: z.string().optional(),
  comment: z.string().optional(),
  issuedAt: z.string(),
  copiedTo: z.array(z.object({ id: z.string(), name: z.string() })).optional().describe('抄送单位'),
});
const acceptanceCheckSchema = z.object({
  passed: z.boolean(),
  checkedAt: z.string(),
  entries: z.array(z.object({ name: z.string(), resourceCode: z.string(), inCatalog: z.boolean(), ownedByOwner: z.boolean(), collected: z.boolean() })),
});
const caseSummarySchema = z
  .object({
    id: z.string(),
    type: z.enum(CASE_TYPES),
    title: z.string(),
    status: z.enum(CASE_STATUSES),
    currentSteps: z.array(z.string()),
    applicant: z.object({ org: orgRef, user: z.object({ id: z.string(), displayName: z.string() }).nullable() }),
    createdAt: z.string(),
    updatedAt: z.string(),
    workflowId: z.string(),
    disputedProviders: z.array(orgRef).optional().describe('仅 problemList=true 时：有争议的数据提供单位（不同意共享或逾期未答复）'),
  })
  .openapi('CaseSummary');
const caseDetailSchema = caseSummarySchema
  .extend({
    payload: z.record(z.string(), z.unknown()),
    openTasks: z.array(taskSchema),
    tasks: z.array(taskSchema),
    deadlines: z.array(z.object({ step: z.string(), org: orgRef, dueAt: z.string(), provisional: z.boolean(), overdue: z.boolean(), ...countdownFields })),
    outcome: z
      .object({
        resources: z.array(z.object({ code: z.string(), name: z.string(), provider: orgRef, outcome: z.enum(['pending', 'granted', 'granted-desensitized', 'refused']), note: z.string().nullable() })),
        grants: z.array(
          z.object({ id: z.string(), resourceCode: z.string(), resourceName: z.string(), scope: z.array(z.string()), method: z.string(), status: z.enum(['active', 'expired', 'revoked']), grantedAt: z.string(), expiresAt: z.string(), resource: z.string(), accessCount: z.number().int(), lastAccessAt: z.string().nullable() }),
        ),
        problemList: z.boolean(),
        opinion: opinionSchema.nullable().optional().describe('信息化项目：审核意见（第9条）'),
        acceptanceCheck: acceptanceCheckSchema.nullable().optional().describe('信息化项目：验收前的自动核验（第11条）'),
        registeredResources: z.array(z.string()).nullable().optional(),
        nextReminderAt: z.string().nullable().optional().describe('信息化项目：下一次报告完成提醒的时间'),
      })
      .nullable(),
    history: z.array(
      z.object({ at: z.string(), actor: z.string(), action: z.string(), actionLabel: z.string(), step: z.string().nullable(), decision: z.string().nullable(), comment: z.string().nullable(), article: z.string().nullable() }),
    ),
    canWithdraw: z.boolean(),
  })
  .openapi('Case');

const fileCaseBody = z
  .strictObject({
    type: z.enum(CASE_TYPES, { error: '办件类型须为 restricted-share、conditional-open、problem-data 或 it-project' }),
    payload: z.looseObject({}, { error: '请提供 payload（申请内容，对象）' }),
  })
  .openapi('FileCase', { description: 'payload 随 type 而定：restricted-share 见 RestrictedSharePayload，conditional-open 见 ConditionalOpenPayload，it-project 见 ItProjectPayload' });

export function caseRoutes(deps: ApiDeps): Router {
  const { registry, repos } = deps;
  const router = Router();
  registry.register('RestrictedSharePayload', restrictedSharePayloadSchema);
  registry.register('ConditionalOpenPayload', conditionalOpenPayloadSchema);
  registry.register('ItProjectPayload', itProjectPayloadSchema);

  // file a case; each procedure's filer checks its payload (api/use-cases/filers)
  defineRoute(router, registry, 'POST /cases', {
    summary: '提交办件（Idempotency-Key 头可使重试返回同一办件）', tags: ['办件'], access: 'signed-in',
    body: fileCaseBody,
    responses: {
      201: { description: '已受理', schema: z.object({ id: z.string(), type: z.enum(CASE_TYPES), status: z.string(), workflowId: z.string() }) },
      422: { description: '校验未通过，或规则不允许（附条款与字段）' },
    },
    handler: async ({ body, principal, req }) => {
      const r = await fileCase(deps, principal, body.type, body.payload, req.get('idempotency-key') ?? undefined);
      return { status: 201, body: { id: r.id, type: body.type, status: r.status, workflowId: r.workflowId } };
    },
  });

  // cases the caller may see, a page at a time; mine=true: filed by the caller's organisation
  defineRoute(router, registry, 'GET /cases', {
    summary: '办件列表（分页，新到旧；可按编号、标题、申请单位搜索）', tags: ['办件'], access: 'signed-in',
    query: z.strictObject({
      type: z.enum(CASE_TYPES).optional(),
      status: z.enum(CASE_STATUSES).optional(),
      mine: z.enum(['true', 'false']).optional(),
      q: z.string().trim().max(100, '搜索词不能超过 100 个字符').optional().describe('匹配办件编号、标题或申请单位名称'),
      overdue: z.enum(['true', 'false']).optional().describe('true：仅有逾期未办任务的办件'),
      problemList: z.enum(['true', 'false']).optional().describe('true：仅列入问题清单的办件（第18条第2款），附有争议的数据提供单位'),
      ...pageQuery,
    }),
    description:
      `total 为符合条件的办件数。按 q 搜索时最多数到 ${SEARCH_TOTAL_CAP} 条，overdue=true 以及数据提供单位（非大数据局）查看时最多数到 ${CASE_TOTAL_CAP} 条：` +
      `超过时 total 为该上限、totalCapped 为 true（页面显示“${SEARCH_TOTAL_CAP} 条以上”或“${CASE_TOTAL_CAP} 条以上”），翻页不受影响；其余情况为准确数目，totalCapped 为 false。` +
      'q 按空格分词，每个词都须出现在办件编号（不区分大小写）、标题或申请单位名称中。',
    responses: {
      200: {
        description: '办件（一页）',
        schema: pageSchema(caseSummarySchema).extend({ totalCapped: z.boolean().describe(`true：符合条件的办件多于上限（搜索 ${SEARCH_TOTAL_CAP} 条，其余 ${CASE_TOTAL_CAP} 条），total 为该上限`) }),
      },
    },
    handler: async ({ query, principal }) => {
      const filter = { type: query.type, status: query.status, mine: query.mine === 'true', q: query.q || undefined, overdue: query.overdue === 'true', problemList: query.problemList === 'true' };
      let totalCapped = false;
      const { body } = await listPage(caseCursorSchema, query, async (page) => {
        const read = await repos.cases.list(principal, filter, page);
        totalCapped = read.totalCapped;
        return read;
      });
      return { body: { ...body, totalCapped } };
    },
  });

  // one case with its tasks, deadlines, outcome and history
  defineRoute(router, registry, 'GET /cases/:id', {
    summary: '办件详情', tags: ['办件'], access: 'signed-in',
    params: z.object({ id: z.string().max(80) }),
    responses: { 200: { description: '办件', schema: caseDetailSchema }, 404: { description: '没有这个办件，或无权查看' } },
    handler: async ({ params, principal: p }) => {
      const c = await repos.cases.detail(params.id, p);
      if (!c) throw new AppError('not_found', '没有这个办件');
      await repos.audit.appendView({ actor: p.name, actorOrg: p.org.name, action: 'case-view', target: `case:${c.id}` });
      return { body: c };
    },
  });

  // the applicant withdraws before the end
  defineRoute(router, registry, 'POST /cases/:id/withdraw', {
    summary: '撤回申请', tags: ['办件'], access: 'signed-in',
    params: z.object({ id: z.string().max(80) }),
    body: z.strictObject({ reason: z.string().trim().max(1000).optional() }),
    responses: { 200: { description: '已撤回', schema: caseDetailSchema }, 404: { description: '没有这个办件' }, 409: { description: '办件已办结' } },
    handler: async ({ params, body, principal, req }) => ({ body: await withdrawCase(deps, principal, params.id, body.reason, requestIdOf(req)) }),
  });

  // the inbox: tasks addressed to the caller's organisation and roles, a page at a time; kind=cc: 抄送 items
  defineRoute(router, registry, 'GET /tasks', {
    summary: '待办（仅本单位、本角色的任务；分页，待办最紧急的在前）；kind=cc：抄送本单位的审核意见（open 未读、done 已读，新到旧）', tags: ['待办'], access: 'signed-in',
    query: z.strictObject({
      kind: z.enum(['task', 'cc'], { error: 'kind 须为 task 或 cc' }).default('task').describe('task：待办（默认）；cc：抄送（审核意见，仅 opinion-recipient）'),
      status: z.enum(['open', 'done']).default('open'),
      caseId: z.string().trim().max(80).optional(),
      type: z.enum(CASE_TYPES).optional().describe('办件类型'),
      caseType: z.enum(CASE_TYPES).optional().describe('同 type（旧名）'),
      step: z.enum(ALL_STEPS as [string, ...string[]]).optional(),
      ...pageQuery,
    }),
    responses: { 200: { description: '任务（一页）；kind=cc 时为抄送件（CcItem）', schema: z.union([pageSchema(taskSchema), pageSchema(ccItemSchema)]) } },
    handler: async ({ query, principal }) => {
      if (query.kind === 'cc') return listPage(ccCursorSchema, query, (page) => repos.opinions.ccFor(principal, { status: query.status, caseId: query.caseId || undefined }, page));
      if (query.type && query.caseType && query.type !== query.caseType) throw new AppError('bad_request', 'type 与 caseType 不一致', { caseType: '与 type 不一致' });
      const filter = { status: query.status, caseId: query.caseId || undefined, caseType: query.type ?? query.caseType, step: query.step };
      return listPage(query.status === 'open' ? openTaskCursorSchema : doneTaskCursorSchema, query, (page) => repos.cases.tasksFor(principal, filter, page));
    },
  });

  // the BDB's supervision view: every overdue open task across organisations, most late first
  defineRoute(router, registry, 'GET /tasks/overdue', {
    summary: '逾期督办：各单位全部逾期未办的任务（分页，逾期最久的在前）', tags: ['待办'], access: [...OVERDUE_SUPERVISOR_ROLES],
    query: z.strictObject({ ...pageQuery }),
    responses: {
      200: {
        description: '逾期任务（一页）；承办单位见 assignee.org',
        schema: pageSchema(taskSchema.extend({ workingDaysLate: z.number().int().describe('已逾期的工作日数（期限届满后已开始的工作日）') }).openapi('OverdueTask')),
      },
    },
    handler: ({ query }) => listPage(overdueTaskCursorSchema, query, (page) => repos.cases.overdueTasks(page)),
  });

  // answers once the workflow has taken the decision
  defineRoute(router, registry, 'POST /tasks/:id/decision', {
    summary: '对待办作出决定（流程接受后才返回）', tags: ['待办'], access: 'signed-in',
    params: z.object({ id: z.string().max(120) }),
    // A copy made here: domain/ may load before the OpenAPI extension of zod (api/openapi.ts).
    body: decisionBodySchema.extend({}).openapi('Decision'),
    responses: {
      200: { description: '流程已接受决定', schema: z.object({ case: caseDetailSchema }) },
      404: { description: '没有这个任务，或不是本单位本角色的任务' },
      409: { description: '任务已处理或已关闭' },
      422: { description: '规则不允许（如不同意共享未提供法律依据；非共享类数据未脱敏即同意）' },
    },
    handler: async ({ params, principal, req, res }) => {
      const timing = serverTiming();
      const view = await decideTask(deps, principal, params.id, req.body, requestIdOf(req), timing.mark);
      res.setHeader('Server-Timing', timing.header());
      return { body: { case: view } };
    },
  });

  // reminders and escalations for the caller's organisation and roles
  defineRoute(router, registry, 'GET /notifications', {
    summary: '站内通知（期限提醒、逾期、协调）', tags: ['待办'], access: 'signed-in',
    responses: {
      200: {
        description: '通知',
        schema: z.object({ items: z.array(z.object({ id: z.string(), kind: z.string(), message: z.string(), caseId: z.string().nullable(), taskId: z.string().nullable(), createdAt: z.string(), read: z.boolean() })) }),
      },
    },
    handler: async ({ principal }) => ({ body: { items: await repos.cases.notificationsFor(principal) } }),
  });

  // mark the caller's notifications read
  defineRoute(router, registry, 'POST /notifications/read', {
    summary: '将通知标为已读', tags: ['待办'], access: 'signed-in',
    body: z.strictObject({ ids: z.array(z.string().max(200)).min(1, '请至少选择一条通知').max(200) }),
    responses: { 200: { description: '已标为已读的条数', schema: z.object({ marked: z.number() }) } },
    handler: async ({ body, principal }) => ({ body: { marked: await repos.cases.markNotificationsRead(principal, body.ids) } }),
  });

  // an administrator ends an access grant
  defineRoute(router, registry, 'POST /admin/grants/:id/revoke', {
    summary: '撤销访问权限（管理员）', tags: ['管理'], access: ['admin'],
    params: z.object({ id: z.string().max(120) }),
    body: z.strictObject({ reason: z.string({ error: '请填写撤销理由' }).trim().min(1, '请填写撤销理由').max(1000) }),
    responses: { 200: { description: '已撤销', schema: caseDetailSchema }, 404: { description: '没有这个访问权限' }, 409: { description: '已结束' } },
    handler: async ({ params, body, principal, req }) => ({ body: await revokeGrant(deps, principal, params.id, body.reason, requestIdOf(req)) }),
  });

  return router;
}
