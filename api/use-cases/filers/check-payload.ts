/** Shape, then the regulation's rules: the two refusals every filer gives, with fields named (prefixed for a resubmit). */
import { AppError, type FieldErrors } from '../../../domain/errors';
import type { z } from '../../../domain/zod-locale';
import { parseOrThrow } from '../../validate';

const prefixed = (fields: FieldErrors | undefined, prefix: string): FieldErrors => Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [`${prefix}${k}`, v]));

export function parsePayload<S extends z.ZodType>(schema: S, raw: unknown, prefix: string, articleOfField: Record<string, string> = {}): z.infer<S> {
  try {
    return parseOrThrow(schema, raw, '申请内容');
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fields = prefixed(e.fields, prefix);
    const article = Object.keys(articleOfField).find((f) => fields[`${prefix}${f}`]);
    throw new AppError('validation_failed', e.message, fields, article ? articleOfField[article] : undefined);
  }
}

export function refuseByRule(refusal: { message: string; article: string; fields: FieldErrors } | null, prefix: string): void {
  if (refusal) throw new AppError('rule_refused', refusal.message, prefixed(refusal.fields, prefix), refusal.article);
}
