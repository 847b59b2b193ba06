import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import type { Principal } from '../../domain/auth/principal';
import { ROLES } from '../../domain/auth/roles';
import { defineRoute } from '../define-route';
import { SESSION_COOKIE } from '../authenticate';
import { clientAddress } from '../client-address';
import type { ApiDeps } from '../deps';
import { signIn, type SignInDeps } from '../use-cases/sign-in';

export const meSchema = z
  .object({
    id: z.string(),
    username: z.string().nullable(),
    displayName: z.string(),
    org: z.object({ id: z.string(), name: z.string() }),
    roles: z.array(z.enum(ROLES)),
  })
  .openapi('Me');

const signInSchema = z.strictObject({
  // The name as typed is recorded (attempts, locks, audit); the input guard (api/input-guard.ts) has
  // already refused what the databases cannot store, before the attempt could count.
  username: z.string().trim().min(1, '请输入用户名').max(100),
  password: z.string().min(1, '请输入密码').max(200),
});

export const toMe = (p: Principal) => ({ id: p.id, username: p.username, displayName: p.name, org: p.org, roles: p.roles });

export function sessionRoutes({ registry, repos, env }: ApiDeps, signInDeps: SignInDeps): Router {
  const router = Router();

  // sign in
  defineRoute(router, registry, 'POST /session', {
    summary: '登录', tags: ['登录'], access: 'public',
    body: signInSchema,
    responses: {
      200: { description: '已登录，会话 Cookie 已设置', schema: z.object({ user: meSchema }) },
      401: { description: '用户名或密码错误（用户是否存在，回答都相同）' },
      429: { description: '账号因多次登录失败被临时锁定，或本地址尝试过于频繁；Retry-After 给出需等待的秒数' },
    },
    handler: async ({ body, req, res }) => {
      const outcome = await signIn(signInDeps, { username: body.username, password: body.password, address: clientAddress(req) }, new Date());
      switch (outcome.kind) {
        case 'signed-in':
          res.cookie(SESSION_COOKIE, outcome.token, { httpOnly: true, sameSite: 'lax', secure: env.COOKIE_SECURE, expires: outcome.expiresAt, path: '/' });
          return { body: { user: toMe(outcome.principal) } };
        case 'bad-credentials':
          throw new AppError('unauthenticated', '用户名或密码错误');
        case 'locked':
          res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
          throw new AppError('too_many_requests', '登录失败次数过多，该账号已被临时锁定，请稍后再试');
        case 'rate-limited':
          res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
          throw new AppError('too_many_requests', '登录尝试过于频繁，请稍后再试');
      }
    },
  });

  // sign out: the server-side session is deleted
  defineRoute(router, registry, 'DELETE /session', {
    summary: '退出登录', tags: ['登录'], access: 'public',
    responses: { 204: { description: '已退出' } },
    handler: async ({ req, res }) => {
      const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
      if (token) await repos.users.endSession(token);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return { status: 204 };
    },
  });

  // who am I
  defineRoute(router, registry, 'GET /me', {
    summary: '当前用户', tags: ['登录'], access: 'signed-in',
    responses: { 200: { description: '当前用户', schema: meSchema } },
    handler: ({ principal }) => ({ body: toMe(principal) }),
  });

  return router;
}
