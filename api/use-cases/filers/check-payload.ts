/** Shape, then the regulation's rules: the two refusals every filer gives, with fields named (prefixed for a resubmit). */
import { AppError, type FieldErrors } from '../../../domain/errors';
import type { z } from '../../../domain/zod-locale';
import type { RuleRefusal } from '../../../domain/cases/payload-rules';
import type { ResourceView } from '../../../domain/views';
import type { ResourceFacts } from '../../../workflows/kernel/types';
import type { ApiDeps } from '../../deps';
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

/**
 * A filing (or an amendment) of a procedure that names catalog resources: its
 * shape, then its rules over the catalog entries named; returns the payload
 * and the facts the workflow needs of each resource.
 */
export async function checkResourceFiling<S extends z.ZodType<{ resources: string[] }>>(
  deps: ApiDeps,
  o: { schema: S; rules: (payload: z.infer<S>, catalog: ResourceView[]) => RuleRefusal | null; articleOfField?: Record<string, string> },
  raw: unknown,
  prefix: string,
): Promise<{ payload: z.infer<S>; resources: ResourceFacts[] }> {
  const payload = parsePayload(o.schema, raw, prefix, o.articleOfField);
  const catalog = await deps.repos.catalog.getMany(payload.resources);
  refuseByRule(o.rules(payload, catalog), prefix);
  const resources = payload.resources.map((code): ResourceFacts => {
    const c = catalog.find((x) => x.code === code)!;
    return { code, name: c.name, shareClass: c.shareClass, openClass: c.openClass, providerId: c.provider.id, providerName: c.provider.name, sharePeriodDays: c.sharePeriodDays };
  });
  return { payload, resources };
}
