/**
 * One error type for the whole application. Domain code throws it with a
 * string code; `api/http-errors.ts` is the single place that maps codes to HTTP.
 */
export type ErrorCode =
  | 'bad_request' // malformed input (400)
  | 'validation_failed' // a field has the wrong shape (422 / 400)
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404 — also for what the caller may not see
  | 'conflict' // 409 state conflict
  | 'rule_refused' // 422 a regulation rule refused it
  | 'payload_too_large' // 413
  | 'too_many_requests' // 429 (with Retry-After)
  | 'unavailable'; // 503 a dependency is down

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** Article of the Measures behind a refusal, e.g. "第17条". */
    readonly article?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
