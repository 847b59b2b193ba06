/**
 * Problem-data docking (Art. 28 接口对接) and the BDB's limit on a case: a
 * business system files a report with its API key (same payload as
 * `POST /cases {type:'problem-data'}`; an Idempotency-Key makes every retry
 * answer with the first case), and the BDB sets another handling limit.
 */
import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import { MAX_BDB_LIMIT_WORKING_DAYS } from '../../domain/cases/problem-data/deadlines';
import { setHandlingLimitUpdate } from '../../workflows/problem-data.types';
import { defineRoute } from '../define-route';
import type { ApiDeps } from '../deps';
import { requestIdOf } from '../idempotency';
import { fileCase } from '../use-cases/file-case';
import { actorOf } from '../use-cases/case-actor';
import { fromWorkflowError } from '../use-cases/workflow-errors';

export function problemDataRoutes(deps: ApiDeps): Router {
  const { registry, repos } = deps;
  const router = Router();

  defineRoute(router, registry, 'POST /problem-reports', {
    summary: '业务系统反馈问题数据（接口对接，第28条；须 API 密钥，Idempotency-Key 头使重试返回同一办件）', tags: ['问题数据'], access: ['applicant'],
    // The payload is checked by the problem-data filer, with the same messages as POST /cases.
    body: z.unknown(),
    responses: {
      201: { description: '已受理', schema: z.object({ id: z.string(), status: z.string(), workflowId: z.string() }) },
      403: { description: '不是业务系统的 API 密钥，或该单位不能反馈问题数据' },
      422: { description: '校验未通过，或规则不允许（附条款与字段）' },
    },
    handler: async ({ body, principal, req }) => {
      if (principal.kind !== 'api-key') throw new AppError('forbidden', '本接口供业务系统以 API 密钥调用（第28条）；在系统中填报请使用“新建申请”（POST /cases）');
      const r = await fileCase(deps, principal, 'problem-data', body, req.get('idempotency-key') ?? undefined);
      return { status: 201, body: r };
    },
  });

  defineRoute(router, registry, 'POST /cases/:id/handling-limit', {
    summary: '大数据局设定问题数据的办理时限（工作日，自本轮收到之日起算）', tags: ['问题数据'], access: ['bdb-coordinator', 'bdb-reviewer'],
    params: z.object({ id: z.string().max(80) }),
    body: z.strictObject({
      workingDays: z.number({ error: '请填写工作日数' }).int('须为整数').min(1, '至少 1 个工作日').max(MAX_BDB_LIMIT_WORKING_DAYS, `最多 ${MAX_BDB_LIMIT_WORKING_DAYS} 个工作日`),
      reason: z.string({ error: '请填写理由' }).trim().min(1, '请填写理由').max(1000),
    }),
    responses: { 200: { description: '已设定；返回办件' }, 404: { description: '没有这个问题数据办件' }, 409: { description: '办件已办结或当前无待处理任务' } },
    handler: async ({ params, body, principal, req }) => {
      const c = await repos.cases.findVisible(params.id, principal);
      if (!c || c.type !== 'problem-data') throw new AppError('not_found', '没有这个问题数据办件');
      const requestId = requestIdOf(req);
      try {
        await deps.temporal.client.workflow
          .getHandle(c.workflowId)
          .executeUpdate(setHandlingLimitUpdate, { args: [{ actor: actorOf(principal), workingDays: body.workingDays, reason: body.reason, requestId }], updateId: `limit-${c.id}-${requestId}` });
      } catch (e) {
        throw fromWorkflowError(e) ?? e;
      }
      return { body: (await repos.cases.detail(c.id, principal))! };
    },
  });

  return router;
}
