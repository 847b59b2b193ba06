/** The one place that maps errors to HTTP: AppError codes, body-parser errors, and the rest. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError, type ErrorCode } from '../domain/errors';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule_refused: 422,
  payload_too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
};

export const httpStatusOf = (e: AppError): number => STATUS[e.code];

export const errorBody = (e: AppError) => ({
  error: {
    code: e.code,
    message: e.message,
    ...(e.fields ? { fields: e.fields } : {}),
    ...(e.article ? { article: e.article } : {}),
  },
});

/** body-parser errors carry a `type`; translate them before anything else sees them. */
function fromBodyParser(err: unknown): AppError | undefined {
  const type = (err as { type?: string })?.type;
  if (type === 'entity.parse.failed') return new AppError('bad_request', '请求体不是合法的 JSON');
  if (type === 'entity.too.large') return new AppError('payload_too_large', '请求体过大');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new AppError('bad_request', '请求体编码不受支持，请使用 UTF-8');
  // Anything else Express or body-parser marks as the client's fault (a bad %-escape in the
  // path, a body that fails to decompress, a request aborted mid-body…) is a 400, never a 500.
  const status = (err as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError('bad_request', '请求无法解析，请检查地址与请求体');
  return undefined;
}

/**
 * Errors that only client input can cause once the input guard has run, kept
 * off the 500 path as a second line: a stack overflow from something recursive
 * walking a request, and a malformed %-escape met by decodeURIComponent.
 */
function fromClientInput(err: unknown): AppError | undefined {
  if (err instanceof RangeError && /call stack/i.test(err.message)) return new AppError('bad_request', '请求内容嵌套过深或过于复杂');
  if (err instanceof URIError) return new AppError('bad_request', '请求地址或参数的百分号编码无效');
  return undefined;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let appError = isAppError(err) ? err : fromBodyParser(err);
  if (!appError) {
    appError = fromClientInput(err);
    // Logged: after the input guard these point at a path it missed.
    if (appError) console.error(`[api] ${req.method} ${req.path} refused after the input guard:`, (err as Error).message);
  }
  if (appError) {
    res.status(httpStatusOf(appError)).json(errorBody(appError));
    return;
  }
  console.error(`[api] ${req.method} ${req.originalUrl} failed:`, err);
  res.status(500).json({ error: { code: 'internal', message: '服务器内部错误，请稍后重试' } });
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `没有这个接口：${req.method} ${req.path}`));
};
