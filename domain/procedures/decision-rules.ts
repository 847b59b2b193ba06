/**
 * The decision body every step of every procedure takes, and the check that a
 * decision is one the step offers and carries the fields it needs. Used by the
 * API at the edge, the web's decision form, and the workflows' Update validator.
 */
import { z } from '../zod-locale';
import type { FieldErrors } from '../errors';
import type { DecisionField, DecisionSpec, ProcedureSpec, StepSpec } from './procedure-spec';

export const decisionBodySchema = z.strictObject({
  decision: z.string({ error: '请选择决定' }).min(1, '请选择决定').max(40),
  comment: z.string().trim().max(4000).optional(),
  legalBasis: z.string().trim().max(2000).optional(),
  desensitization: z
    .strictObject({
      fields: z.array(z.string().trim().min(1).max(100)).min(1, '请填写需脱敏的字段').max(200),
      rule: z.string().trim().min(1, '请填写脱敏规则').max(1000),
    })
    .optional(),
  payload: z.unknown().optional(),
  newDueAt: z.iso.datetime({ offset: true, error: '请填写带时区的日期时间，如 2026-10-14T00:00:00+08:00' }).optional(),
  conditions: z.string().trim().max(4000).optional(),
  signerName: z.string().trim().min(1, '请填写签署人姓名').max(100).optional(),
  /** The SHA-256 of the agreement text the signer read: a sign refers to that exact text. */
  agreementSha256: z.string().regex(/^[0-9a-f]{64}$/, '须为 64 位十六进制 SHA-256').optional(),
  registeredResources: z.array(z.string().trim().min(1).max(60)).min(1, '至少填写一项数据资源编码').max(200).optional(),
  /** `corrected` (Art. 27 ¶4): the data version, or the collection time, that carries the correction. */
  dataVersion: z.string().trim().max(200, '数据版本或归集时间过长（最多 200 字）').optional(),
  /** `communicated` (Art. 27 ¶4): with whom the settlement was agreed. */
  agreedWith: z.string().trim().max(200, '沟通对象过长（最多 200 字）').optional(),
});
export type DecisionBody = z.infer<typeof decisionBodySchema>;

const FIELD_MESSAGES: Record<DecisionField, string> = {
  comment: '请填写理由',
  legalBasis: '请填写法律、法规或规章依据',
  desensitization: '请填写脱敏字段和规则',
  payload: '缺少修改后的申请',
  newDueAt: '请填写申请延长至的日期',
  conditions: '请填写通过条件',
  signerName: '请填写签署人姓名',
  registeredResources: '请填写已登记的数据资源编码',
  dataVersion: '请填写整改后的数据版本或重新归集时间',
  agreedWith: '请填写沟通对象（与谁达成一致）',
};

export interface DecisionRefusal {
  message: string;
  article: string;
  fields: FieldErrors;
}

const present = (body: DecisionBody, field: DecisionField): boolean => {
  const v = body[field];
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
};

/** The step's spec, or undefined for a step the procedure does not have. */
export const stepSpecOf = (spec: ProcedureSpec, step: string): StepSpec | undefined => spec.steps[step];

/**
 * Null when the decision is one the step offers (`offered` narrows it for one
 * task, e.g. no plain agree on non-share data) and carries every field it needs.
 */
export function missingDecisionFields(spec: ProcedureSpec, step: string, body: DecisionBody, offered?: readonly string[]): DecisionRefusal | null {
  const s = stepSpecOf(spec, step);
  const allowed = offered ?? Object.keys(s?.decisions ?? {});
  const d: DecisionSpec | undefined = s?.decisions[body.decision];
  if (s && d?.withheld && !allowed.includes(body.decision)) return { message: d.withheld.message, article: d.withheld.article, fields: { decision: `可选：${allowed.join('、')}` } };
  if (!s || !d || !allowed.includes(body.decision)) {
    return { message: `此环节不能作出“${body.decision}”决定`, article: s?.article ?? spec.article, fields: { decision: `可选：${allowed.join('、')}` } };
  }
  const missing = (d.requires ?? []).filter((f) => !present(body, f));
  if (missing.length === 0) return null;
  const fields: FieldErrors = Object.fromEntries(missing.map((f) => [f, FIELD_MESSAGES[f]]));
  return { message: d.requiredMessage ?? `“${d.label}”须填写：${missing.map((f) => FIELD_MESSAGES[f].replace(/^请填写/, '')).join('、')}`, article: d.article ?? s.article, fields };
}

/** The payload of a resubmit checked by the procedure's own filing schema; field names get the `payload.` prefix. */
export function payloadIssues(schema: z.ZodType, raw: unknown, article: string): DecisionRefusal | null {
  const r = schema.safeParse(raw);
  if (r.success) return null;
  const fields: FieldErrors = {};
  for (const i of r.error.issues) fields[['payload', ...i.path].join('.')] ??= i.message;
  return { message: '修改后的申请内容有误', article, fields };
}
