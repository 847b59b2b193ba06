/**
 * A decision on a restricted-share task: its shape, and the fields each
 * decision needs (PROCEDURES §4). Checked at the API edge and again by the
 * workflow's Update validator.
 */
import { z } from '../../zod-locale';
import type { FieldErrors } from '../../errors';
import { RS_DECISIONS, type RsStep } from './steps';
import { restrictedSharePayloadSchema } from './payload';

export const decisionBodySchema = z.strictObject({
  decision: z.string({ error: '请选择决定' }).min(1, '请选择决定').max(40),
  comment: z.string().trim().max(4000).optional(),
  legalBasis: z.string().trim().max(2000).optional(),
  desensitization: z
    .strictObject({
      fields: z.array(z.string().trim().min(1).max(100)).min(1, '请填写需脱敏的字段'),
      rule: z.string().trim().min(1, '请填写脱敏规则').max(1000),
    })
    .optional(),
  payload: z.unknown().optional(),
});
export type DecisionBody = z.infer<typeof decisionBodySchema>;

/** Fields a decision needs beyond its name; null when complete. */
export function missingDecisionFields(step: RsStep, d: DecisionBody): { message: string; article: string; fields: FieldErrors } | null {
  const allowed: readonly string[] = RS_DECISIONS[step];
  if (!allowed.includes(d.decision)) {
    return { message: `此环节不能作出“${d.decision}”决定`, article: '第17条', fields: { decision: `可选：${allowed.join('、')}` } };
  }
  if ((d.decision === 'return' || d.decision === 'reject') && !d.comment) {
    return { message: '退回或不予通过须说明理由', article: '第17条', fields: { comment: '请填写理由' } };
  }
  if (d.decision === 'disagree' && !d.legalBasis) {
    return { message: '不同意共享的，数据提供单位应提供法律、法规和规章依据（第17条）', article: '第17条', fields: { legalBasis: '请填写法律、法规或规章依据' } };
  }
  if (d.decision === 'agree-desensitized' && !d.desensitization) {
    return { message: '脱敏后同意须写明脱敏字段和规则（第16条、第17条）', article: '第17条', fields: { desensitization: '请填写脱敏字段和规则' } };
  }
  if (d.decision === 'resubmit') {
    const r = restrictedSharePayloadSchema.safeParse(d.payload);
    if (!r.success) {
      const fields: FieldErrors = {};
      for (const i of r.error.issues) fields[['payload', ...i.path].join('.')] ??= i.message;
      return { message: '修改后的申请内容有误', article: '第17条', fields };
    }
  }
  return null;
}
