/**
 * The input guard: refuses at the edge, with 400 naming the field, anything
 * the databases could not store — before anything else reads the request.
 * A value a workflow accepts but its projection can never write would wedge
 * the case, and a 10 000-deep body reaching anything recursive (JSON.stringify
 * in idempotency hashing, zod) would overflow the stack; so this runs right
 * after body and cookie parsing, before authentication and idempotency.
 *
 * Every refusal here is 400 `bad_request` with `fields: {<dotted path>: <message>}`
 * (body, query, path parameters, headers alike): the request is malformed,
 * whatever the route. Bodies over the size limit are 413 from the body parser.
 * Cookies are not refused but dropped when unusable (see dropUnusableCookies).
 */
import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors';
import { DEFAULT_STORABLE_LIMITS, findUnstorable, type StorableLimits, type Unstorable } from '../domain/input/storable';

/** Where a value came from, as the message names it. */
type Part = 'body' | 'query' | 'params';
const PART_NAMES: Record<Part, string> = { body: '请求内容', query: '查询参数', params: '路径参数' };

export const IDEMPOTENCY_KEY_MAX = 200;
const AUTHORIZATION_MAX = 1024;
// Visible ASCII only: the key is stored and compared as is, and sent back in logs.
const IDEMPOTENCY_KEY = new RegExp(`^[\\x21-\\x7E]{1,${IDEMPOTENCY_KEY_MAX}}$`);
// A scheme, a space and a token: printable ASCII.
const AUTHORIZATION = new RegExp(`^[\\x20-\\x7E]{0,${AUTHORIZATION_MAX}}$`);

const FIELD_NAME_MAX = 100;
// Lone surrogates and control characters; a well-formed pair (an emoji) stays.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u001F\u007F]/g;

/**
 * A field name safe to send back: the offending key may itself hold a lone
 * surrogate, a NUL or 100 000 characters.
 */
export function displayPath(path: string): string {
  const clean = path.replace(UNPRINTABLE, '\uFFFD');
  if (clean === '') return '_';
  const chars = Array.from(clean); // by code point, so a cut never splits a pair
  return chars.length > FIELD_NAME_MAX ? `${chars.slice(0, FIELD_NAME_MAX).join('')}…` : clean;
}

function refusal(part: Part, u: Unstorable): AppError {
  const field = displayPath(u.path);
  return new AppError('bad_request', `${PART_NAMES[part]}有误：${field} ${u.message}`, { [field]: u.message });
}

/** Throws 400 naming the first value of `value` the databases could not store. */
export function assertStorable(value: unknown, part: Part, limits: StorableLimits = DEFAULT_STORABLE_LIMITS): void {
  const u = findUnstorable(value, limits);
  if (u) throw refusal(part, u);
}

/**
 * The query string: one plain value per name. Express's simple parser turns a
 * repeated name into an array and keeps `a[b]` as a literal name; neither is
 * anything a route of ours reads, so both are refused rather than half-read.
 */
function queryProblem(query: Record<string, unknown>, limits: StorableLimits): AppError | null {
  for (const [name, value] of Object.entries(query)) {
    const field = displayPath(name);
    if (/[[\]]/.test(name)) {
      return new AppError('bad_request', `查询参数有误：${field} 不支持数组或嵌套形式的参数`, { [field]: '不支持数组或嵌套形式的参数' });
    }
    if (Array.isArray(value)) {
      return new AppError('bad_request', `查询参数有误：${field} 只能出现一次`, { [field]: '只能出现一次' });
    }
  }
  const u = findUnstorable(query, limits);
  return u ? refusal('query', u) : null;
}

function headerProblem(get: (name: string) => string | undefined): AppError | null {
  const key = get('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    const message = key.length > IDEMPOTENCY_KEY_MAX ? `过长（最多 ${IDEMPOTENCY_KEY_MAX} 个字符）` : `须为 1–${IDEMPOTENCY_KEY_MAX} 个可见 ASCII 字符`;
    return new AppError('bad_request', `请求头 Idempotency-Key ${message}`, { 'Idempotency-Key': message });
  }
  const authorization = get('authorization');
  if (authorization !== undefined && !AUTHORIZATION.test(authorization)) {
    const message = authorization.length > AUTHORIZATION_MAX ? '过长' : '含有不允许的字符';
    return new AppError('bad_request', `请求头 Authorization ${message}`, { Authorization: message });
  }
  return null;
}

// What this app sets (base64url tokens) and any sane cookie is, once %-decoded.
const COOKIE_VALUE = /^[\x21-\x7E]{0,4096}$/;

/**
 * Cookies are dropped rather than refused: cookie-parser turns a `j:`-prefixed
 * value into a JSON object, and a browser holding such a cookie (or one with a
 * NUL) would otherwise be refused on every request, sign-in included. Without
 * it the caller is simply not signed in.
 */
function dropUnusableCookies(cookies: Record<string, unknown> | undefined): void {
  if (!cookies) return;
  for (const [name, value] of Object.entries(cookies)) {
    if (typeof value !== 'string' || !COOKIE_VALUE.test(value)) delete cookies[name];
  }
}

/** Express middleware: headers, cookies, query and parsed body. Path parameters are checked per route (`assertStorable(params, 'params')`). */
export function inputGuard(limits: StorableLimits = DEFAULT_STORABLE_LIMITS): RequestHandler {
  return (req, _res, next) => {
    dropUnusableCookies(req.cookies as Record<string, unknown> | undefined);
    const problem =
      headerProblem((name) => req.get(name)) ??
      queryProblem(req.query as Record<string, unknown>, limits) ??
      (() => {
        const u = findUnstorable(req.body, limits);
        return u ? refusal('body', u) : null;
      })();
    next(problem ?? undefined);
  };
}
