import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { grantAccessBodySchema } from '../../domain/grants/grant-access';
import { defineRoute, requirePrincipal } from '../define-route';
import { requestIdOf } from '../idempotency';
import type { ApiDeps } from '../deps';
import { recordGrantAccess } from '../use-cases/grant-access';

const grantAccessSchema = z
  .object({
    grant: z.object({
      id: z.string(),
      resource: z.string().describe('资源编码'),
      resourceCode: z.string(),
      status: z.enum(['active', 'expired', 'revoked']),
      expiresAt: z.string(),
    }),
    access: z.object({ id: z.string(), at: z.string() }),
  })
  .openapi('GrantAccess');

export function grantRoutes(deps: ApiDeps): Router {
  const { registry } = deps;
  const router = Router();

  // POST /grants/:id/access — the grant's organisation records one use of the data (audited, Art. 24)
  defineRoute(router, registry, {
    method: 'post',
    path: '/grants/:id/access',
    summary: '登记一次数据使用（获授权单位的申请人或其业务系统 API 密钥；写入审计日志；Idempotency-Key 可使重试不重复登记）',
    tags: ['办件'],
    access: 'signed-in',
    params: z.object({ id: z.string().max(120) }),
    body: grantAccessBodySchema,
    responses: {
      200: { description: '已登记', schema: grantAccessSchema },
      404: { description: '没有这个访问授权，或不是本单位的授权' },
      409: { description: '授权已到期或已撤销（拒绝也记入审计日志）' },
    },
    handler: async ({ params, body, principal, req }) => ({ body: await recordGrantAccess(deps, requirePrincipal(principal), params.id, body.purpose, requestIdOf(req)) }),
  });

  return router;
}
