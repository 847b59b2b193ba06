/**
 * The stuck-cases view (管理员): cases whose record the database refused or
 * could not take for long (the workflow parked the batches and keeps running),
 * and cases whose workflow start was never confirmed. An administrator retries
 * — as written, or cleaned of what the database cannot store.
 */
import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import { formatShanghai } from '../../domain/calendar';
import { retryProjectionSignal } from '../../workflows/kernel/messages';
import { defineRoute } from '../define-route';
import type { ApiDeps } from '../deps';
import { startCaseWorkflow } from '../use-cases/case-starts';
import { fromWorkflowError } from '../use-cases/workflow-errors';

const stuckCaseSchema = z
  .object({
    caseId: z.string(),
    title: z.string().nullable(),
    type: z.string().nullable(),
    problem: z.enum(['projection', 'start']),
    kind: z.string(),
    reason: z.string(),
    since: z.string(),
    attempts: z.number(),
    waitingBatches: z.number().nullable(),
  })
  .openapi('StuckCase');

export function stuckCasesRoutes(deps: ApiDeps): Router {
  const { registry, repos } = deps;
  const router = Router();

  // what waits for an administrator
  defineRoute(router, registry, 'GET /admin/stuck-cases', {
    summary: '异常办件（数据无法写入、流程未能启动）', tags: ['管理'], access: ['admin'],
    responses: { 200: { description: '异常办件', schema: z.object({ items: z.array(stuckCaseSchema) }) } },
    handler: async () => {
      const projection = (await repos.stuckCases.open()).map((s) => ({
        caseId: s.caseId,
        title: s.case?.title ?? null,
        type: s.case?.type ?? null,
        problem: 'projection' as const,
        kind: s.detail.kind ?? 'unwritable-data',
        reason: s.reason,
        since: formatShanghai(s.since),
        attempts: s.attempts,
        waitingBatches: s.detail.waitingBatches ?? null,
      }));
      const starts = (await repos.caseStarts.unstarted()).map((c) => ({
        caseId: c.id,
        title: c.title,
        type: c.type,
        problem: 'start' as const,
        kind: c.startState === 'failed' ? 'start-failed' : 'start-pending',
        reason: c.startError ?? '尚未确认流程已启动',
        since: formatShanghai(c.createdAt),
        attempts: 0,
        waitingBatches: null,
      }));
      return { body: { items: [...projection, ...starts] } };
    },
  });

  // write the parked batches again (or start the workflow)
  defineRoute(router, registry, 'POST /admin/stuck-cases/:id/retry', {
    summary: '重试异常办件（sanitize=true：清理无法存储的字符后写入）', tags: ['管理'], access: ['admin'],
    params: z.object({ id: z.string().max(80) }),
    body: z.strictObject({ sanitize: z.boolean().default(false) }),
    responses: { 202: { description: '已提交重试', schema: z.object({ caseId: z.string(), problem: z.enum(['projection', 'start']) }) }, 404: { description: '没有这个异常办件' } },
    handler: async ({ params, body, principal: p }) => {
      const c = await repos.cases.find(params.id);
      const stuck = await repos.stuckCases.find(params.id);
      if (!c) throw new AppError('not_found', '没有这个办件');
      let problem: 'projection' | 'start';
      if (stuck && !stuck.resolvedAt) {
        problem = 'projection';
        try {
          await deps.temporal.client.workflow.getHandle(c.workflowId).signal(retryProjectionSignal, { by: `${p.org.name} / ${p.name}`, sanitize: body.sanitize });
        } catch (e) {
          throw fromWorkflowError(e) ?? e;
        }
      } else if (c.startState !== 'started') {
        problem = 'start';
        try {
          await startCaseWorkflow(deps, { id: c.id, type: c.type, workflowId: c.workflowId, startInput: c.startInput });
        } catch (e) {
          throw new AppError('unavailable', `流程仍无法启动：${(e as Error).message}`);
        }
      } else {
        throw new AppError('not_found', '该办件没有待处理的异常');
      }
      await repos.audit.append({ actor: p.name, actorOrg: p.org.name, action: 'stuck-case-retry', target: `case:${c.id}`, detail: { problem, sanitize: body.sanitize } });
      return { status: 202, body: { caseId: c.id, problem } };
    },
  });

  return router;
}
