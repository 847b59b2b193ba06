import { Router } from 'express';
import { temporal } from '@temporalio/proto';
import { z } from '../../domain/zod-locale';
import { defineRoute } from '../define-route';
import type { ApiDeps } from '../deps';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['ok', 'down']),
    temporal: z.enum(['ok', 'down', 'no-worker']).describe('ok: 前端可达且有 worker 在轮询任务队列'),
  })
  .openapi('Health');

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export function healthRoutes({ registry, db, temporal: t }: ApiDeps): Router {
  const router = Router();

  async function databaseState(): Promise<'ok' | 'down'> {
    try {
      await withTimeout(db.$queryRaw`SELECT 1`, 2000);
      return 'ok';
    } catch {
      return 'down';
    }
  }

  async function temporalState(): Promise<'ok' | 'down' | 'no-worker'> {
    try {
      const svc = t.client.connection.workflowService;
      const r = await withTimeout(
        svc.describeTaskQueue({
          namespace: t.settings.namespace,
          taskQueue: { name: t.settings.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
        3000,
      );
      return (r.pollers?.length ?? 0) > 0 ? 'ok' : 'no-worker';
    } catch {
      return 'down';
    }
  }

  // real checks: the database answers, Temporal answers and a worker polls
  defineRoute(router, registry, 'GET /health', {
    summary: '健康检查', tags: ['系统'], access: 'public',
    responses: { 200: { description: '全部正常', schema: healthSchema }, 503: { description: '有组件不可用', schema: healthSchema } },
    handler: async () => {
      const [database, temporalStatus] = await Promise.all([databaseState(), temporalState()]);
      const ok = database === 'ok' && temporalStatus === 'ok';
      return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', database, temporal: temporalStatus } };
    },
  });

  return router;
}
