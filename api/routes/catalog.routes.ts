import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import { catalogQuerySchema, OPEN_CLASSES, SHARE_CLASSES } from '../../domain/catalog/resource';
import { defineRoute } from '../define-route';
import type { ApiDeps } from '../deps';

export const resourceSchema = z
  .object({
    code: z.string(),
    name: z.string().describe('业务名称'),
    system: z.string().describe('信息系统名称'),
    dataItems: z.array(z.string()).describe('数据项名称'),
    storageFormat: z.string(),
    shareClass: z.enum(SHARE_CLASSES),
    openClass: z.enum(OPEN_CLASSES),
    shareReason: z.string().nullable(),
    shareLegalBasis: z.string().nullable(),
    openReason: z.string().nullable(),
    provisionMethod: z.string(),
    updateCycle: z.string(),
    updateCycleLabel: z.string(),
    sharePeriodDays: z.number().int(),
    provider: z.object({ id: z.string(), name: z.string() }),
    lastUpdatedAt: z.string(),
    updateLapsed: z.boolean().describe('更新周期已过而未更新（第26条）'),
  })
  .openapi('Resource');

export function catalogRoutes({ registry, repos }: ApiDeps): Router {
  const router = Router();

  // the public data resource catalog (Art. 10)
  defineRoute(router, registry, 'GET /catalog/resources', {
    summary: '公共数据资源目录', tags: ['数据目录'], access: 'signed-in',
    query: catalogQuerySchema,
    responses: { 200: { description: '目录条目', schema: z.object({ items: z.array(resourceSchema) }) } },
    handler: async ({ query }) => ({ body: { items: await repos.catalog.list(query) } }),
  });

  // one catalog entry
  defineRoute(router, registry, 'GET /catalog/resources/:code', {
    summary: '目录条目详情', tags: ['数据目录'], access: 'signed-in',
    params: z.object({ code: z.string().min(1).max(60) }),
    responses: { 200: { description: '目录条目', schema: resourceSchema }, 404: { description: '没有这个目录条目' } },
    handler: async ({ params }) => {
      const r = await repos.catalog.get(params.code);
      if (!r) throw new AppError('not_found', `目录中没有编码为 ${params.code} 的数据资源`);
      return { body: r };
    },
  });

  return router;
}
