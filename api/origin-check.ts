/**
 * Cross-site request forgery guard for everything a browser could send with
 * the session cookie: every write (POST, PUT, PATCH, DELETE) without an
 * `Authorization` header — cookie-authenticated writes, and sign-in itself
 * (login CSRF). Browsers always send `Origin` on cross-origin writes; it must
 * be the app's own origin (the request's Host) or one of ALLOWED_ORIGINS.
 * `Origin: null` (sandboxed frames, some redirects) is refused. Without
 * `Origin`, a `Sec-Fetch-Site` of cross-site or same-site is refused. With
 * neither header the caller is no browser (curl, a business system) and
 * passes. SameSite=Lax cookies are the second line.
 */
import type { Request, RequestHandler } from 'express';
import { AppError } from '../domain/errors';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function ownHost(req: Request, protocol: string): string | null {
  // req.host honours X-Forwarded-Host only when TRUST_PROXY is set.
  const host = req.host;
  if (!host) return null;
  try {
    return new URL(`${protocol}//${host}`).host; // drops a default port, as browsers do in Origin
  } catch {
    return null;
  }
}

export function isAllowedOrigin(req: Request, origin: string, allowed: readonly string[]): boolean {
  if (origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (allowed.includes(url.origin)) return true;
  // Compared by host and port: behind a TLS-terminating proxy the request itself may look like http.
  return url.host === ownHost(req, url.protocol);
}

export function originCheck(allowedOrigins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!WRITES.has(req.method) || req.get('authorization')) return next();
    const origin = req.get('origin');
    const refuse = () => next(new AppError('forbidden', '请求来源不被允许：跨站提交已拒绝'));
    if (origin !== undefined) return isAllowedOrigin(req, origin, allowedOrigins) ? next() : refuse();
    const site = req.get('sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') return refuse();
    next();
  };
}
