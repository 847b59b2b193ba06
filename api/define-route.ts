/**
 * Thin routes: declare the schemas, get parsed input, return a result.
 * One declaration feeds both Express and the OpenAPI registry.
 */
import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { AppError } from '../domain/errors';
import type { Principal } from '../domain/auth/principal';
import type { Role } from '../domain/auth/roles';
import { assertStorable } from './input-guard';
import { errorSchema } from './openapi';
import { parseOrThrow } from './validate';

type Method = 'get' | 'post' | 'put' | 'delete';

/** Method and Express-style path, as API.md names a route: 'GET /cases/:id'. */
export type RouteName = `${Uppercase<Method>} /${string}`;

/** 'public' (no sign-in), 'signed-in', or a list of roles of which the caller needs one. */
type Access = 'public' | 'signed-in' | readonly Role[];

export interface RouteContext<Q, P, B, A extends Access = Access> {
  query: Q;
  params: P;
  body: B;
  /** Checked before the handler runs: only a public route can be reached without signing in. */
  principal: A extends 'public' ? Principal | null : Principal;
  req: Request;
  res: Response;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
}

interface RouteSpec<QS extends z.ZodType, PS extends z.ZodType, BS extends z.ZodType, A extends Access> {
  summary: string;
  /** Longer text for the OpenAPI entry: definitions a reader checks the answer against. */
  description?: string;
  tags: string[];
  access: A;
  query?: QS;
  params?: PS;
  body?: BS;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handler: (ctx: RouteContext<z.infer<QS>, z.infer<PS>, z.infer<BS>, A>) => Promise<RouteResult> | RouteResult;
}

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z]+)/g, '{$1}');

export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw new AppError('unauthenticated', '请先登录');
  return principal;
}

export function defineRoute<QS extends z.ZodType, PS extends z.ZodType, BS extends z.ZodType, A extends Access>(
  router: Router,
  registry: OpenAPIRegistry,
  route: RouteName,
  spec: RouteSpec<QS, PS, BS, A>,
): void {
  const space = route.indexOf(' ');
  const method = route.slice(0, space).toLowerCase() as Method;
  const path = route.slice(space + 1);
  const responses: Record<number, ResponseConfig> = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[Number(status)] = r.schema
      ? { description: r.description, content: { 'application/json': { schema: r.schema } } }
      : { description: r.description };
  }
  for (const [status, description] of [
    [400, '请求格式错误'],
    [401, '未登录'],
    [403, '无权操作'],
    [422, '校验未通过或规则不允许（附条款）'],
  ] as const) {
    if (spec.access === 'public' && (status === 401 || status === 403)) continue;
    responses[status] ??= { description, content: { 'application/json': { schema: errorSchema } } };
  }
  registry.registerPath({
    method,
    path: toOpenApiPath(path),
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    security: spec.access === 'public' ? [] : [{ session: [] }, { apiKey: [] }],
    request: {
      ...(spec.query ? { query: spec.query as never } : {}),
      ...(spec.params ? { params: spec.params as never } : {}),
      ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } } : {}),
    },
    responses,
  });

  router[method](path, async (req, res) => {
    // Path parameters exist only once a route matched; body, query and headers were checked by the input guard.
    assertStorable(req.params, 'params');
    const principal = req.principal ?? null;
    if (spec.access !== 'public') {
      const p = requirePrincipal(principal);
      if (Array.isArray(spec.access) && !spec.access.some((role) => p.roles.includes(role))) {
        throw new AppError('forbidden', '当前账号无权进行此操作');
      }
    }
    const query = spec.query ? parseOrThrow(spec.query, req.query, '查询参数', 'bad_request') : undefined;
    const params = spec.params ? parseOrThrow(spec.params, req.params, '路径参数', 'bad_request') : undefined;
    const body = spec.body ? parseOrThrow(spec.body, req.body ?? {}, '请求内容') : undefined;
    const result = await spec.handler({ query, params, body, principal, req, res } as never);
    if (res.headersSent) return;
    const status = result.status ?? 200;
    if (result.body === undefined) res.status(status).end();
    else res.status(status).json(result.body);
  });
}
