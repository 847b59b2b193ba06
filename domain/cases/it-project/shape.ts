/**
 * An IT project filing 信息化项目审核 (Art. 8, 9, 11): its shape (the API's and
 * the web form's zod schema is built from it in ./payload; the workflow checks
 * a resubmit with it) and the regulation's refusals. Kept free of the calendar
 * and of zod: the workflow imports it.
 */
import { requiredText, type ObjectShape, type ShapeValue } from '../../input/shape';
import { SHARE_CLASSES, OPEN_CLASSES } from '../../catalog/rules';
import type { RuleRefusal } from '../payload-rules';

/** The largest investment a filing may state, in 万元 (policy: 1 000 亿元). */
export const MAX_INVESTMENT_WAN = 10_000_000;

const twoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

/** One entry of the project's data catalog (Art. 11). */
export const IT_CATALOG_ENTRY_SHAPE = {
  kind: 'object',
  fields: {
    name: requiredText('数据资源名称', 200),
    dataItems: {
      kind: 'array',
      of: { kind: 'string', typeError: '数据项须为文字', trim: true, min: [1, '数据项不能为空'], max: [100, '数据项过长（最多 100 字）'] },
      typeError: '请填写数据项',
      min: [1, '每个目录条目至少填写一个数据项'],
      max: [200, '每个目录条目最多 200 个数据项'],
    },
    shareClass: { kind: 'enum', values: SHARE_CLASSES, error: '共享类型须为 unconditional、restricted 或 none' },
    openClass: { kind: 'enum', values: OPEN_CLASSES, error: '开放类型须为 unconditional、conditional 或 none' },
  },
} as const satisfies ObjectShape;
export type ItCatalogEntry = ShapeValue<typeof IT_CATALOG_ENTRY_SHAPE>;

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** The filing's fields, their limits and messages (see domain/input/shape). */
export const IT_PROJECT_SHAPE = {
  kind: 'object',
  fields: {
    projectName: requiredText('项目名称', 200),
    investmentWan: {
      kind: 'number',
      typeError: '项目投资须为数字（万元）',
      gt: [0, '项目投资须大于 0'],
      max: [MAX_INVESTMENT_WAN, `项目投资最多 ${MAX_INVESTMENT_WAN} 万元`],
      refine: [twoDecimals, '项目投资最多保留两位小数'],
    },
    content: requiredText('建设内容', 5000),
    buildsOwnCloudOrDataCenter: { kind: 'boolean', typeError: '请说明是否新建政务云或数据中心' },
    // Empty is a rule of Art. 11 (refused with its article), not a shape error.
    dataCatalog: { kind: 'array', of: IT_CATALOG_ENTRY_SHAPE, typeError: '请填写项目数据目录', max: [200, '项目数据目录最多 200 个条目'] },
    sharingPlan: requiredText('数据共享方案', 5000),
    plannedCompletion: {
      kind: 'string',
      typeError: '请填写计划完成日期',
      pattern: [/^\d{4}-\d{2}-\d{2}$/, '计划完成日期格式须为 YYYY-MM-DD'],
      refine: [isCalendarDate, '计划完成日期不是有效日期'],
    },
  },
} as const satisfies ObjectShape;
export type ItProjectPayload = ShapeValue<typeof IT_PROJECT_SHAPE>;

/**
 * Art. 8: no separate government cloud or data centre (the city big-data
 * centre's platform is used instead); Art. 11: the project's data catalog is
 * the basis of review and acceptance, so it has at least one entry.
 */
export function checkItProjectRules(p: ItProjectPayload): RuleRefusal | null {
  if (p.buildsOwnCloudOrDataCenter) {
    return {
      message: '政务信息化项目不得新建、扩建独立的政务云或数据中心，应迁移、部署至市大数据中心统一平台（第8条）',
      article: '第8条',
      fields: { buildsOwnCloudOrDataCenter: '不得自建政务云或数据中心，请改用市大数据中心平台（第8条）' },
    };
  }
  if (p.dataCatalog.length === 0) {
    return { message: '申报项目须同时提交项目数据目录，至少一个条目：它是审核和验收的依据（第11条）', article: '第11条', fields: { dataCatalog: '至少填写一个数据目录条目（第11条）' } };
  }
  return null;
}

/**
 * `complete` names one catalog resource code per project catalog entry, in
 * the entries' order; a different count is refused (Art. 11).
 */
export function registeredResourcesRefusal(p: Pick<ItProjectPayload, 'dataCatalog'>, registered: readonly string[] | undefined): RuleRefusal | null {
  const n = p.dataCatalog.length;
  if (registered && registered.length === n) return null;
  return {
    message: `报告建设完成须为项目数据目录的每个条目各填写一个已登记的目录资源编码（共 ${n} 个，按条目顺序）（第11条）`,
    article: '第11条',
    fields: { registeredResources: `须为 ${n} 个资源编码，按项目数据目录条目的顺序` },
  };
}

export const itProjectTitle = (p: Pick<ItProjectPayload, 'projectName'>): string => `信息化项目审核：${p.projectName}`;

/** A planned completion before today (Asia/Shanghai, `today` as YYYY-MM-DD) is not a plan: a validation error naming the field. */
export function plannedCompletionProblem(p: Pick<ItProjectPayload, 'plannedCompletion'>, today: string): { message: string; fields: Record<string, string> } | null {
  if (p.plannedCompletion >= today) return null;
  return { message: `计划完成日期不能早于今天（${today}）`, fields: { plannedCompletion: `计划完成日期不能早于今天（${today}）` } };
}
