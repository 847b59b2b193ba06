import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { defineRoute } from '../define-route';
import type { ApiDeps } from '../deps';
import { ccItemSchema } from './cases.routes';
import { readCcItem } from '../use-cases/opinion-cc';

/** 抄送 of IT project opinions (API.md "IT project review: the opinion"): listed with GET /tasks?kind=cc, marked read here. */
export function opinionCcRoutes(deps: ApiDeps): Router {
  const router = Router();
  defineRoute(router, deps.registry, 'POST /tasks/:id/read', {
    summary: '将抄送件（审核意见）标为已读（再次标记亦为 200，不变）', tags: ['待办'], access: 'signed-in',
    params: z.object({ id: z.string().max(200) }),
    responses: { 200: { description: '抄送件', schema: ccItemSchema }, 404: { description: '没有这个抄送件，或不是抄送本单位的' } },
    handler: async ({ params, principal }) => ({ body: await readCcItem(deps, principal, params.id) }),
  });
  return router;
}
