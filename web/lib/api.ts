/**
 * The one way the web talks to the API: same-origin, JSON, session cookie.
 * Every failure becomes an ApiError carrying the API's {code, message, fields, article};
 * a 401 sends the user to the sign-in page (remembering where they were).
 */
import type { ApiErrorBody } from '../../domain/views';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly article?: string,
    /** From Retry-After on a 429: how long to wait before trying again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not redirect to /login on 401 (the sign-in page itself, the shell's probe). */
  allowUnauthenticated?: boolean;
  /** A refresh the page makes by itself: not user activity, so it does not hold off the session's idle timeout. */
  background?: boolean;
}

/** Marks a request as a background refresh (api/authenticate.ts). */
export const BACKGROUND_HEADERS: Record<string, string> = { 'X-Background-Refresh': '1' };

/** Query string from an object, skipping empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export function loginHref(): string {
  if (typeof window === 'undefined') return '/login';
  const here = window.location.pathname + window.location.search;
  return here.startsWith('/login') || here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  return typeof x === 'object' && x !== null && 'error' in x && typeof (x as ApiErrorBody).error?.message === 'string';
}

export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(opts.background ? BACKGROUND_HEADERS : {}), ...opts.headers };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method: opts.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试。');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (res.ok) return data as T;

  if (res.status === 401 && !opts.allowUnauthenticated && typeof window !== 'undefined') {
    window.location.assign(loginHref());
  }
  const retryAfter = Number(res.headers.get('Retry-After'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  if (isErrorBody(data)) {
    const { code, message, fields, article } = data.error;
    throw new ApiError(res.status, code, message, fields ?? {}, article, retryAfterSeconds);
  }
  throw new ApiError(res.status, 'http_' + res.status, defaultMessage(res.status));
}

function defaultMessage(status: number): string {
  switch (status) {
    case 401:
      return '登录已失效，请重新登录。';
    case 403:
      return '您无权执行此操作。';
    case 404:
      return '未找到该内容，或您无权查看。';
    case 409:
      return '状态已变化，请刷新后重试。';
    case 429:
      return '操作过于频繁，请稍后再试。';
    case 422:
      return '提交内容不符合规定。';
    case 503:
      return '服务暂不可用，请稍后重试。';
    default:
      return status >= 500 ? '服务器出现错误，请稍后重试。' : `请求失败（${status}）。`;
  }
}

/** A random key for the Idempotency-Key header (one per form instance). */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; an intranet deployment may be plain http.
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Field errors of a nested object, re-keyed relative to it: ('payload.', {'payload.resources.0': m}) → {'resources.0': m}. */
export function fieldsUnder(fields: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) out[k.startsWith(prefix) ? k.slice(prefix.length) : k] = v;
  return out;
}
