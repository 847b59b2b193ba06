/**
 * The check that a decision is one the step offers and carries the fields it
 * needs, and the re-check of a resubmitted payload. Free of zod: the
 * workflows' Update validators use it (the body's zod schema is in
 * ./decision-rules, for the API and the web).
 */
import type { FieldErrors } from '../errors';
import { shapeIssues, type Shape } from '../input/shape';
import type { DecisionBody } from './decision-rules';
import type { DecisionField, DecisionSpec, ProcedureSpec, StepSpec } from './procedure-spec';

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

/** The payload of a resubmit checked against the procedure's own filing shape; field names get the `payload.` prefix. */
export function payloadRefusal(shape: Shape, raw: unknown, article: string): DecisionRefusal | null {
  const issues = shapeIssues(shape, raw);
  if (issues.length === 0) return null;
  const fields: FieldErrors = {};
  for (const i of issues) fields[['payload', ...i.path].join('.')] ??= i.message;
  return { message: '修改后的申请内容有误', article, fields };
}
