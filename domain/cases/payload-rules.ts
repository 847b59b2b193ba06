/** What every procedure's filing rules share: the resources asked for, the refusal shape and Art. 32 (required text fields: domain/input/shape). */
import type { FieldErrors } from '../errors';
import type { ListShape, TextShape } from '../input/shape';

/** The catalog codes a request names (restricted share, conditional open): one to twenty. */
export const REQUESTED_RESOURCES_SHAPE = {
  kind: 'array',
  of: { kind: 'string', trim: true, min: [1], max: [60] },
  typeError: '请选择数据资源',
  min: [1, '至少选择一项数据资源'],
  max: [20, '一次最多申请 20 项数据资源'],
} as const satisfies ListShape;

/** The security assessment Art. 32 asks of data that would cross the border (crossBorderRefusal). */
export const SECURITY_ASSESSMENT_SHAPE = { kind: 'string', trim: true, max: [2000], optional: true } as const satisfies TextShape;

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
