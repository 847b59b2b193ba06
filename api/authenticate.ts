/**
 * Resolves the caller once per request: a session cookie (people) or an
 * `Authorization: Bearer` API key (business systems, Art. 28).
 * Routes decide what the caller may do; this only says who it is.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors';
import type { UsersRepository } from '../db/repositories/users.repository';

export const SESSION_COOKIE = 'yongshu_session';

export function authenticate(users: UsersRepository): RequestHandler {
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
    req.principal = token ? await users.principalForSession(token) : null;
    next();
  };
}
