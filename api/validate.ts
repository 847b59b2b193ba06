/** zod at the edge: a failed parse becomes an AppError whose fields name each bad path. */
import type { z } from 'zod';
import { AppError, type ErrorCode, type FieldErrors } from '../domain/errors';

export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = '不允许的字段';
      continue;
    }
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  code: ErrorCode = 'validation_failed',
): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields = fieldErrors(r.error);
  const names = Object.keys(fields).join('、');
  throw new AppError(code, `${what}有误：${names}`, fields);
}
