/**
 * A problem-data report 问题数据反馈 (Art. 27–29): its shape and the rules over
 * the catalog entry it names. Free of zod (the workflow uses its labels);
 * ./payload adds the zod schema the API, the docking and the web form use.
 */
import { requiredText, type ObjectShape, type ShapeValue } from '../../input/shape';
import type { RuleRefusal } from '../payload-rules';

export const PROBLEM_TYPES = ['error', 'omission', 'trade-secret', 'privacy'] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

export const PROBLEM_TYPE_LABELS: Record<ProblemType, string> = {
  error: '数据错误',
  omission: '数据遗漏',
  'trade-secret': '侵犯商业秘密',
  privacy: '侵犯个人隐私',
};

/** The report's fields, their limits and messages (see domain/input/shape). */
export const PROBLEM_DATA_SHAPE = {
  kind: 'object',
  fields: {
    resource: { kind: 'string', typeError: '请选择数据资源', trim: true, min: [1, '请选择数据资源'], max: [60] },
    recordRef: requiredText('问题记录标识', 200),
    field: requiredText('问题字段', 200),
    problemType: { kind: 'enum', values: PROBLEM_TYPES, error: '请选择问题类型：error、omission、trade-secret 或 privacy' },
    description: requiredText('问题描述'),
    urgent: { kind: 'boolean', typeError: '请说明是否紧急', default: false },
  },
} as const satisfies ObjectShape;
export type ProblemDataPayload = ShapeValue<typeof PROBLEM_DATA_SHAPE>;

/** What the rules need to know of the catalog entry and the reporter. */
export interface ProblemCatalogFacts {
  code: string;
  providerId: string;
}

/**
 * The resource must be in the catalog (Art. 10), and a provider does not report
 * its own data to itself: it corrects it (Art. 27 ¶4).
 */
export function checkProblemDataRules(p: ProblemDataPayload, catalog: readonly ProblemCatalogFacts[], reporterOrgId: string): RuleRefusal | null {
  const r = catalog.find((c) => c.code === p.resource);
  if (!r) return { message: '所反馈的数据资源不在公共数据资源目录中（第10条）', article: '第10条', fields: { resource: `目录中没有编码为 ${p.resource} 的数据资源` } };
  if (r.providerId === reporterOrgId) {
    return { message: '本单位提供的数据有问题的，请直接校核整改，无需向本单位反馈（第27条）', article: '第27条', fields: { resource: '这是本单位提供的数据资源' } };
  }
  return null;
}

export const problemDataTitle = (p: ProblemDataPayload, resourceName: string): string =>
  `问题数据反馈：${resourceName}（${p.resource}）${PROBLEM_TYPE_LABELS[p.problemType]}${p.urgent ? '【紧急】' : ''}`;
