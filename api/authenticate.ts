/**
 * Resolves the caller once per request: a session cookie (people) or an
 * `Authorization: Bearer` API key (business systems, Art. 28).
 * Routes decide what the caller may do; this only says who it is.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors';
import type { SignInPolicy } from '../domain/auth/sign-in-policy';
import type { UsersRepository } from '../db/repositories/users.repository';

export const SESSION_COOKIE = 'yongshu_session';

/**
 * Sent by the web on requests a page makes by itself (periodic refreshes):
 * they are answered, but do not count as the user being active, so an
 * unattended open page still reaches the idle timeout.
 */
export const BACKGROUND_HEADER = 'x-background-refresh';

export function authenticate(users: UsersRepository, policy: SignInPolicy): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = m?.[1] ? await users.principalForApiKey(m[1]) : null;
      if (!principal) return next(new AppError('unauthenticated', 'API 密钥无效或已吊销'));
      req.principal = principal;
      return next();
    }
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const touch = req.get(BACKGROUND_HEADER) !== '1';
    req.principal = token ? await users.principalForSession(token, { now: new Date(), policy, touch }) : null;
    next();
  };
}
