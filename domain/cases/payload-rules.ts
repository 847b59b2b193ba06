/** What every procedure's filing rules share: the refusal shape and Art. 32 (required text fields: domain/input/shape). */
import type { FieldErrors } from '../errors';

/** A rule of the regulation refused the filing: the message, the article and the fields concerned. */
export interface RuleRefusal {
  message: string;
  article: string;
  fields: FieldErrors;
}

/** Art. 32: public data does not cross the border unless a security assessment is recorded. */
export function crossBorderRefusal(p: { crossBorder: boolean; securityAssessment?: string }): RuleRefusal | null {
  if (!p.crossBorder || p.securityAssessment) return null;
  return { message: '公共数据不得跨境流通；确需向境外提供的，应先按规定完成安全评估审核（第32条）', article: '第32条', fields: { crossBorder: '数据出境须先完成安全评估（第32条）' } };
}
