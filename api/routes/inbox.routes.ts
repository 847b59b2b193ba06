import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { defineRoute } from '../define-route';
import { requestIdOf } from '../idempotency';
import type { ApiDeps } from '../deps';
import { taskSchema } from './cases.routes';
import { claimTask, transferCandidates, transferTask, unclaimTask, urgeTask } from '../use-cases/inbox-actions';

const taskParams = z.object({ id: z.string().max(120) });
const optionalReason = z.strictObject({ reason: z.string().trim().max(500, '理由不能超过 500 个字符').optional() });
const notYours = { 404: { description: '没有这个任务，或不是本单位本角色的任务' } };

/** Inbox actions on one task (API.md "Inbox actions"); each is in the case history and the audit log. */
export function inboxRoutes(deps: ApiDeps): Router {
  const { registry } = deps;
  const router = Router();

  // 签收 and 退回签收: the same request, answered by the claim rules of each.
  const claimRoutes = [
    { route: 'POST /tasks/:id/claim', summary: '签收待办（签收后只有签收人办理）', ok: '已签收（本人已签收的再次签收亦为 200）', conflict: '已由他人签收，或任务已关闭', act: claimTask },
    { route: 'POST /tasks/:id/unclaim', summary: '退回签收（签收人或管理员）', ok: '已退回签收', conflict: '尚未签收、由他人签收，或任务已关闭', act: unclaimTask },
  ] as const;
  for (const r of claimRoutes) {
    defineRoute(router, registry, r.route, {
      summary: r.summary, tags: ['待办'], access: 'signed-in',
      params: taskParams,
      body: optionalReason,
      responses: { 200: { description: r.ok, schema: taskSchema }, ...notYours, 409: { description: r.conflict } },
      handler: async ({ params, body, principal, req }) => ({ body: await r.act(deps, principal, params.id, body.reason || undefined, requestIdOf(req)) }),
    });
  }

  defineRoute(router, registry, 'GET /tasks/:id/transfer-candidates', {
    summary: '可转办的人员：本单位持有该任务角色的其他人员', tags: ['待办'], access: 'signed-in',
    params: taskParams,
    responses: { 200: { description: '人员', schema: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) }, ...notYours, 409: { description: '由他人签收，或任务已关闭' } },
    handler: async ({ params, principal }) => ({ body: { items: await transferCandidates(deps, principal, params.id) } }),
  });

  defineRoute(router, registry, 'POST /tasks/:id/transfer', {
    summary: '转办给本单位持有该任务角色的其他人员（签收人、未签收时的经办人员，或管理员）', tags: ['待办'], access: 'signed-in',
    params: taskParams,
    body: z
      .strictObject({
        toUserId: z.string({ error: '请选择转办对象' }).trim().min(1, '请选择转办对象').max(80),
        reason: z.string({ error: '请填写转办理由' }).trim().min(1, '请填写转办理由').max(500, '理由不能超过 500 个字符'),
      })
      .openapi('Transfer'),
    responses: {
      200: { description: '已转办：任务由对方签收', schema: taskSchema },
      ...notYours,
      409: { description: '由他人签收，或任务已关闭' },
      422: { description: '转办对象不是本单位持有该角色的其他人员，或未填理由（fields 指明 toUserId / reason）' },
    },
    handler: async ({ params, body, principal, req }) => ({ body: await transferTask(deps, principal, params.id, body, requestIdOf(req)) }),
  });

  defineRoute(router, registry, 'POST /tasks/:id/urge', {
    summary: '催办（大数据局协调员、管理员）：通知承办单位该角色的人员，并记入办件历史', tags: ['待办'], access: ['bdb-coordinator', 'admin'],
    params: taskParams,
    body: z
      .strictObject({ message: z.string({ error: '请填写催办内容' }).trim().min(1, '请填写催办内容').max(500, '催办内容不能超过 500 个字符') })
      .openapi('Urge'),
    responses: { 200: { description: '已催办', schema: taskSchema }, 404: { description: '没有这个任务' }, 409: { description: '任务已关闭' } },
    handler: async ({ params, body, principal, req }) => ({ body: await urgeTask(deps, principal, params.id, body.message, requestIdOf(req)) }),
  });

  return router;
}
