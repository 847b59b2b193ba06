import bcrypt from 'bcryptjs';
import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import type { Principal } from '../../domain/auth/principal';
import { ROLES } from '../../domain/auth/roles';
import { defineRoute, requirePrincipal } from '../define-route';
import { SESSION_COOKIE } from '../authenticate';
import type { ApiDeps } from '../deps';

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
  username: z.string().trim().min(1, '请输入用户名').max(100),
  password: z.string().min(1, '请输入密码').max(200),
});

export const toMe = (p: Principal) => ({ id: p.id, username: p.username, displayName: p.name, org: p.org, roles: p.roles });

// bcrypt of a random string: comparing against it makes an unknown user cost as much as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('yongshu-timing-equaliser', 10);

export function sessionRoutes({ registry, repos, env }: ApiDeps): Router {
  const router = Router();

  // POST /session — sign in
  defineRoute(router, registry, {
    method: 'post',
    path: '/session',
    summary: '登录',
    tags: ['登录'],
    access: 'public',
    body: signInSchema,
    responses: { 200: { description: '已登录，会话 Cookie 已设置', schema: z.object({ user: meSchema }) }, 401: { description: '用户名或密码错误' } },
    handler: async ({ body, res }) => {
      const found = await repos.users.findForSignIn(body.username);
      const ok = await bcrypt.compare(body.password, found?.passwordHash ?? DUMMY_HASH);
      if (!found || !ok) throw new AppError('unauthenticated', '用户名或密码错误');
      const { token, expiresAt } = await repos.users.createSession(found.principal.id, env.SESSION_TTL_HOURS);
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: env.COOKIE_SECURE, expires: expiresAt, path: '/' });
      await repos.audit.append({ actor: found.principal.name, actorOrg: found.principal.org.name, action: 'sign-in', target: `user:${found.principal.username}` });
      return { body: { user: toMe(found.principal) } };
    },
  });

  // DELETE /session — sign out: the server-side session is deleted
  defineRoute(router, registry, {
    method: 'delete',
    path: '/session',
    summary: '退出登录',
    tags: ['登录'],
    access: 'public',
    responses: { 204: { description: '已退出' } },
    handler: async ({ req, res }) => {
      const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
      if (token) await repos.users.endSession(token);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return { status: 204 };
    },
  });

  // GET /me — who am I
  defineRoute(router, registry, {
    method: 'get',
    path: '/me',
    summary: '当前用户',
    tags: ['登录'],
    access: 'signed-in',
    responses: { 200: { description: '当前用户', schema: meSchema } },
    handler: ({ principal }) => ({ body: toMe(requirePrincipal(principal)) }),
  });

  return router;
}
