/**
 * An IT project filing 信息化项目审核 (Art. 8, 9, 11): its shape (zod, shared by
 * the API, the web form and the workflow's check of a resubmit) and the
 * regulation's refusals. Kept free of the calendar: the workflow imports it.
 */
import { z } from '../../zod-locale';
import { SHARE_CLASSES, OPEN_CLASSES } from '../../catalog/resource';
import { requiredText, type RuleRefusal } from '../payload-rules';

/** The largest investment a filing may state, in 万元 (policy: 1 000 亿元). */
export const MAX_INVESTMENT_WAN = 10_000_000;

const twoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

export const itCatalogEntrySchema = z.strictObject({
  name: requiredText('数据资源名称', 200),
  dataItems: z
    .array(z.string({ error: '数据项须为文字' }).trim().min(1, '数据项不能为空').max(100, '数据项过长（最多 100 字）'), { error: '请填写数据项' })
    .min(1, '每个目录条目至少填写一个数据项')
    .max(200, '每个目录条目最多 200 个数据项'),
  shareClass: z.enum(SHARE_CLASSES, { error: '共享类型须为 unconditional、restricted 或 none' }),
  openClass: z.enum(OPEN_CLASSES, { error: '开放类型须为 unconditional、conditional 或 none' }),
});
export type ItCatalogEntry = z.infer<typeof itCatalogEntrySchema>;

export const itProjectPayloadSchema = z.strictObject({
  projectName: requiredText('项目名称', 200),
  investmentWan: z
    .number({ error: '项目投资须为数字（万元）' })
    .gt(0, '项目投资须大于 0')
    .max(MAX_INVESTMENT_WAN, `项目投资最多 ${MAX_INVESTMENT_WAN} 万元`)
    .refine(twoDecimals, '项目投资最多保留两位小数'),
  content: requiredText('建设内容', 5000),
  buildsOwnCloudOrDataCenter: z.boolean({ error: '请说明是否新建政务云或数据中心' }),
  // Empty is a rule of Art. 11 (refused with its article), not a shape error.
  dataCatalog: z.array(itCatalogEntrySchema, { error: '请填写项目数据目录' }).max(200, '项目数据目录最多 200 个条目'),
  sharingPlan: requiredText('数据共享方案', 5000),
  plannedCompletion: z
    .string({ error: '请填写计划完成日期' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, '计划完成日期格式须为 YYYY-MM-DD')
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, '计划完成日期不是有效日期'),
});
export type ItProjectPayload = z.infer<typeof itProjectPayloadSchema>;

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
