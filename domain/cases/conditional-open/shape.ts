/**
 * The conditional open-data application (Art. 21–25, 32): its shape and the
 * regulation's rules over the catalog entries named. Free of zod: the workflow
 * re-checks a resubmitted application with it (./payload adds the zod schema).
 */
import { requiredText, type ObjectShape, type ShapeValue } from '../../input/shape';
import type { FieldErrors } from '../../errors';
import { crossBorderRefusal, REQUESTED_RESOURCES_SHAPE, SECURITY_ASSESSMENT_SHAPE, type RuleRefusal } from '../payload-rules';

export type { RuleRefusal } from '../payload-rules';


/** How long the data may be used when the applicant does not say (policy): one year. */
export const DEFAULT_USE_DAYS = 365;
/** The longest term an agreement may run (policy): three years, then apply again. */
export const MAX_USE_DAYS = 1095;

/** The application's fields, their limits and messages (see domain/input/shape). */
export const CONDITIONAL_OPEN_SHAPE = {
  kind: 'object',
  fields: {
    resources: REQUESTED_RESOURCES_SHAPE,
    purpose: requiredText('数据用途'),
    scenario: requiredText('应用场景'),
    securityMeasures: requiredText('安全保障措施'),
    contact: requiredText('联系方式', 200),
    useDays: { kind: 'number', typeError: '使用期限须为天数', int: '使用期限须为整数天', min: [1, '使用期限至少 1 天'], max: [MAX_USE_DAYS, `使用期限最多 ${MAX_USE_DAYS} 天`], default: DEFAULT_USE_DAYS },
    crossBorder: { kind: 'boolean', typeError: '请说明数据是否出境', default: false },
    securityAssessment: SECURITY_ASSESSMENT_SHAPE,
  },
} as const satisfies ObjectShape;
export type ConditionalOpenPayload = ShapeValue<typeof CONDITIONAL_OPEN_SHAPE>;

/** What the rules need to know of a catalog entry. */
export interface OpenCatalogFacts {
  code: string;
  openClass: 'unconditional' | 'conditional' | 'none';
}

/** Where unconditional-open data is obtained without an application (Art. 24, 25 ¶2). */
export const OPEN_PLATFORM = '宁波市公共数据开放平台';

/** The regulation's rules, checked after the shape; the first refusal is returned with its article. */
export function checkConditionalOpenRules(p: ConditionalOpenPayload, catalog: readonly OpenCatalogFacts[]): RuleRefusal | null {
  const crossBorder = crossBorderRefusal(p);
  if (crossBorder) return crossBorder;
  const unknown: FieldErrors = {};
  const notOpen: FieldErrors = {};
  const openAlready: FieldErrors = {};
  p.resources.forEach((code, i) => {
    const r = catalog.find((c) => c.code === code);
    if (!r) unknown[`resources.${i}`] = `开放目录中没有编码为 ${code} 的数据资源`;
    else if (r.openClass === 'none') notOpen[`resources.${i}`] = `${code} 属不开放类，不予开放`;
    else if (r.openClass === 'unconditional') openAlready[`resources.${i}`] = `${code} 属无条件开放类，无需申请，可直接通过${OPEN_PLATFORM}获取`;
  });
  if (Object.keys(unknown).length) return { message: '所选数据资源不在公共数据资源开放目录中（第22条）', article: '第22条', fields: unknown };
  if (new Set(p.resources).size !== p.resources.length) return { message: '同一数据资源不能重复申请', article: '第25条第3款', fields: { resources: '有重复的数据资源' } };
  if (Object.keys(notOpen).length) {
    return { message: '不开放类公共数据不予开放：法律、法规规定不得开放，或涉及国家秘密、商业秘密、个人隐私（第21条、第32条）', article: '第21条', fields: notOpen };
  }
  if (Object.keys(openAlready).length) {
    return { message: `无条件开放类公共数据无需申请，可直接通过${OPEN_PLATFORM}获取、使用（第25条第2款）`, article: '第25条第2款', fields: openAlready };
  }
  return null;
}

export const conditionalOpenTitle = (p: ConditionalOpenPayload, names: ReadonlyMap<string, string>): string =>
  `有条件开放申请：${p.resources.map((c) => names.get(c) ?? c).join('、')}`;
