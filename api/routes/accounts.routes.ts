/** 账号锁定: the accounts locked after repeated sign-in failures, and lifting a lock (admin). */
import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import { formatShanghai } from '../../domain/calendar';
import { normaliseUsername, retryAfterSeconds } from '../../domain/auth/sign-in-policy';
import { defineRoute } from '../define-route';
import type { ApiDeps } from '../deps';

const accountLockSchema = z
  .object({
    username: z.string(),
    /** Whether the name belongs to an account: locks also fall on names nobody has (guessing). */
    existingUser: z.object({ displayName: z.string(), org: z.string() }).nullable(),
    lockedAt: z.string(),
    lockedUntil: z.string(),
    failures: z.number(),
    retryAfterSeconds: z.number(),
  })
  .openapi('AccountLock');

export function accountRoutes({ registry, repos, db }: ApiDeps): Router {
  const router = Router();

  // locks in force
  defineRoute(router, registry, 'GET /admin/account-locks', {
    summary: '当前被锁定的账号（登录失败次数过多）', tags: ['管理'], access: ['admin'],
    responses: { 200: { description: '锁定中的账号（新到旧）', schema: z.object({ items: z.array(accountLockSchema) }) } },
    handler: async () => {
      const now = new Date();
      const locks = await repos.signIn.listActiveLocks(now);
      const users = await db.user.findMany({ where: { username: { in: locks.map((l) => l.username) } }, include: { org: true } });
      const byName = new Map(users.map((u) => [u.username.toLowerCase(), u]));
      const items = locks.map((l) => {
        const u = byName.get(l.username);
        return {
          username: l.username,
          existingUser: u ? { displayName: u.displayName, org: u.org.name } : null,
          lockedAt: formatShanghai(l.lockedAt),
          lockedUntil: formatShanghai(l.lockedUntil),
          failures: l.failures,
          retryAfterSeconds: retryAfterSeconds(l.lockedUntil, now),
        };
      });
      return { body: { items } };
    },
  });

  // lift a lock before it ends
  defineRoute(router, registry, 'POST /admin/account-locks/:username/unlock', {
    summary: '解除账号锁定', tags: ['管理'], access: ['admin'],
    // Unstorable text in the path is refused by defineRoute's own check of every path parameter.
    params: z.object({ username: z.string().min(1).max(100) }),
    responses: {
      200: { description: '已解锁', schema: z.object({ username: z.string(), unlockedAt: z.string() }) },
      404: { description: '该账号当前未被锁定' },
    },
    handler: async ({ params, principal: p }) => {
      const username = normaliseUsername(params.username);
      const now = new Date();
      if (!(await repos.signIn.unlock(username, now, p.name))) throw new AppError('not_found', '该账号当前未被锁定');
      await repos.audit.append({ actor: p.name, actorOrg: p.org.name, action: 'account-unlock', target: `user:${username}` });
      return { body: { username, unlockedAt: formatShanghai(now) } };
    },
  });

  return router;
}
