/**
 * The restricted-share request (Art. 17–20): its shape and the regulation's
 * rules over the catalog entries named. Free of zod: the workflow re-checks a
 * resubmitted request with it (./payload adds the zod schema).
 */
import { requiredText, type ObjectShape, type ShapeValue } from '../../input/shape';
import type { FieldErrors } from '../../errors';
import { crossBorderRefusal, REQUESTED_RESOURCES_SHAPE, SECURITY_ASSESSMENT_SHAPE, type RuleRefusal } from '../payload-rules';

export type { RuleRefusal } from '../payload-rules';

export const SHARE_METHODS = ['interface', 'platform', 'exchange'] as const;
export type ShareMethod = (typeof SHARE_METHODS)[number];
export const SHARE_METHOD_LABELS: Record<ShareMethod, string> = {
  interface: '接口共享',
  platform: '大数据中心平台集中分析',
  exchange: '交换共享',
};


/** The request's fields, their limits and messages (see domain/input/shape). */
export const RESTRICTED_SHARE_SHAPE = {
  kind: 'object',
  fields: {
    resources: REQUESTED_RESOURCES_SHAPE,
    dataItems: { kind: 'array', of: { kind: 'string', trim: true, min: [1], max: [100] }, typeError: '请填写所需数据项', min: [1, '至少填写一个数据项'], max: [200] },
    businessProcess: requiredText('业务流程'),
    scenario: requiredText('应用场景'),
    dutyBasis: requiredText('履职依据'),
    method: { kind: 'enum', values: SHARE_METHODS, error: '请选择共享方式：interface、platform 或 exchange' },
    exchangeJustification: { kind: 'string', trim: true, max: [2000], optional: true },
    accessDays: { kind: 'number', typeError: '请填写使用期限（天）', int: '使用期限须为整数天', min: [1, '使用期限至少 1 天'], max: [3650, '使用期限最多 3650 天'] },
    desensitized: { kind: 'boolean', default: false },
    crossBorder: { kind: 'boolean', default: false },
    securityAssessment: SECURITY_ASSESSMENT_SHAPE,
    undertaking: { kind: 'true', error: '须勾选承诺：仅用于本单位履职需要，不向第三方提供（第20条）' },
  },
} as const satisfies ObjectShape;
export type RestrictedSharePayload = ShapeValue<typeof RESTRICTED_SHARE_SHAPE>;

/** What the rules need to know of a catalog entry. */
export interface CatalogFacts {
  code: string;
  shareClass: 'unconditional' | 'restricted' | 'none';
}

/** The regulation's rules, checked after the shape; the first refusal is returned with its article. */
export function checkRestrictedShareRules(p: RestrictedSharePayload, catalog: readonly CatalogFacts[]): RuleRefusal | null {
  const crossBorder = crossBorderRefusal(p);
  if (crossBorder) return crossBorder;
  const unknown: FieldErrors = {};
  const nonShare: FieldErrors = {};
  p.resources.forEach((code, i) => {
    const r = catalog.find((c) => c.code === code);
    if (!r) unknown[`resources.${i}`] = `目录中没有编码为 ${code} 的数据资源`;
    else if (r.shareClass === 'none' && !p.desensitized) nonShare[`resources.${i}`] = `${code} 属非共享类，仅可申请脱敏后提供`;
  });
  if (Object.keys(unknown).length) return { message: '所选数据资源不在公共数据资源目录中（第10条）', article: '第10条', fields: unknown };
  if (new Set(p.resources).size !== p.resources.length) {
    return { message: '同一数据资源不能重复申请', article: '第17条', fields: { resources: '有重复的数据资源' } };
  }
  if (Object.keys(nonShare).length) {
    return {
      message: '非共享类数据仅可经脱敏等处理后提供，请勾选“申请脱敏数据”（第16条第2款、第17条第3款）',
      article: '第16条、第17条',
      fields: { ...nonShare, desensitized: '非共享类数据须申请脱敏' },
    };
  }
  if (p.method === 'exchange' && !p.exchangeJustification) {
    return {
      message: '交换共享方式仅适用于确需数据源落地的情形，须提供书面论证（第19条）',
      article: '第19条',
      fields: { exchangeJustification: '选择交换共享须填写书面论证' },
    };
  }
  return null;
}

export const caseTitle = (p: RestrictedSharePayload, names: ReadonlyMap<string, string>): string =>
  `受限共享申请：${p.resources.map((c) => names.get(c) ?? c).join('、')}`;
