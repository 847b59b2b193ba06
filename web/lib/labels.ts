/**
 * How the web shows the machine names of PROCEDURES.md and API.md: case types,
 * statuses, classes, outcomes. The words come from domain/ where it has them;
 * this module adds what only the UI needs (colours, notes). Steps and decisions
 * are the procedures' own: web/lib/procedures.ts reads them from the specs.
 */
import type { CaseStatus, CaseType, OpenClass, ResourceOutcomeView, ShareClass, GrantView, TaskView, CalendarYearView } from '../../domain/views';
import { OPEN_CLASS_LABELS, SHARE_CLASS_LABELS } from '../../domain/catalog/resource';
import { CASE_STATUS_LABELS, CASE_TYPE_LABELS as DOMAIN_CASE_TYPE_LABELS } from '../../domain/cases/case-types';
import { SHARE_METHOD_LABELS, type ShareMethod } from '../../domain/cases/restricted-share/payload';

export type Tone = 'green' | 'amber' | 'red' | 'blue' | 'slate' | 'purple' | 'teal';

export const CASE_TYPE_LABELS: Record<CaseType, string> = DOMAIN_CASE_TYPE_LABELS;

const STATUS_TONES: Record<CaseStatus, Tone> = {
  'in-progress': 'blue',
  granted: 'green',
  rejected: 'red',
  withdrawn: 'slate',
  active: 'green',
  expired: 'slate',
  revoked: 'amber',
  closed: 'green',
  accepted: 'green',
};
export const CASE_STATUS = Object.fromEntries(
  (Object.keys(STATUS_TONES) as CaseStatus[]).map((s) => [s, { label: CASE_STATUS_LABELS[s], tone: STATUS_TONES[s] }]),
) as Record<CaseStatus, { label: string; tone: Tone }>;

export const SHARE_CLASS: Record<ShareClass, { label: string; tone: Tone }> = {
  unconditional: { label: SHARE_CLASS_LABELS.unconditional, tone: 'green' },
  restricted: { label: SHARE_CLASS_LABELS.restricted, tone: 'amber' },
  none: { label: SHARE_CLASS_LABELS.none, tone: 'red' },
};

export const OPEN_CLASS: Record<OpenClass, { label: string; tone: Tone }> = {
  unconditional: { label: OPEN_CLASS_LABELS.unconditional, tone: 'teal' },
  conditional: { label: OPEN_CLASS_LABELS.conditional, tone: 'blue' },
  none: { label: OPEN_CLASS_LABELS.none, tone: 'slate' },
};

export type { ShareMethod };
export const SHARE_METHODS: Record<ShareMethod, { label: string; note: string }> = {
  interface: { label: SHARE_METHOD_LABELS.interface, note: '办事应用类系统应以接口共享方式实施' },
  platform: { label: SHARE_METHOD_LABELS.platform, note: '决策分析类系统应以大数据中心平台集中分析处理方式实施' },
  exchange: { label: SHARE_METHOD_LABELS.exchange, note: '个别确需数据源落地的，经市大数据主管部门论证后采用' },
};

/** How granted data is reached: the share methods of Art. 19, and the open platform of Art. 24–25 for open data. */
const OTHER_METHODS: Record<string, string> = { 'open-platform': '开放平台使用' };

export function methodLabel(m: string | null | undefined): string {
  if (!m) return '—';
  return (SHARE_METHODS as Record<string, { label: string }>)[m]?.label ?? OTHER_METHODS[m] ?? m;
}

type Outcome = ResourceOutcomeView['outcome'];
const OUTCOME: Record<Outcome, { label: string; tone: Tone }> = {
  pending: { label: '待定', tone: 'slate' },
  granted: { label: '同意共享', tone: 'green' },
  'granted-desensitized': { label: '脱敏后共享', tone: 'teal' },
  refused: { label: '不予共享', tone: 'red' },
};
/** Open data is opened, not shared (Art. 21–25): the words of a resource's outcome in that procedure. */
const OPEN_OUTCOME_WORDS: Partial<Record<Outcome, string>> = { granted: '同意开放', refused: '不予开放' };

/** A resource's outcome in its case's words (the specs say nothing of outcomes yet). */
export function outcomeOf(type: CaseType, outcome: Outcome): { label: string; tone: Tone } {
  const m = OUTCOME[outcome] ?? { label: outcome, tone: 'slate' as const };
  const word = type === 'conditional-open' ? OPEN_OUTCOME_WORDS[outcome] : undefined;
  return word ? { ...m, label: word } : m;
}

export const GRANT_STATUS: Record<GrantView['status'], { label: string; tone: Tone }> = {
  active: { label: '有效', tone: 'green' },
  expired: { label: '已到期', tone: 'slate' },
  revoked: { label: '已撤销', tone: 'amber' },
};

/** What binds the holder of a grant, by procedure (the specs say nothing of grants yet). */
export const GRANT_TERMS: Record<CaseType, { text: string; article: string }> = {
  'restricted-share': { text: '通过共享获取的公共数据只能用于本单位履职需要，不得提供给第三方，不得用于其他目的。', article: '第20条' },
  'conditional-open': { text: '按《数据利用协议》约定的用途、场景和期限在开放平台上使用数据，每次使用均留痕备查。', article: '第24条第3款、第25条第3款' },
  'problem-data': { text: '', article: '' },
  'it-project': { text: '', article: '' },
};

export const TASK_STATUS: Record<TaskView['status'], { label: string; tone: Tone }> = {
  open: { label: '待办', tone: 'blue' },
  done: { label: '已办', tone: 'green' },
  cancelled: { label: '已取消', tone: 'slate' },
};

export const YEAR_SOURCE: Record<CalendarYearView['source'], { label: string; tone: Tone; note: string }> = {
  bundled: { label: '内置', tone: 'slate', note: '随系统内置的国务院节假日安排' },
  published: { label: '已发布', tone: 'green', note: '管理员已发布本年度节假日安排' },
  missing: { label: '缺失', tone: 'amber', note: '尚未发布本年度节假日安排，期限计算至该年度的均为暂定' },
};

export const PROBLEM_TYPES: Record<string, string> = {
  error: '错误',
  omission: '遗漏',
  'trade-secret': '侵犯商业秘密',
  privacy: '侵犯个人隐私',
};

/** Field names of case payloads, for showing a payload as a definition list. */
export const PAYLOAD_FIELD_LABELS: Record<string, string> = {
  resources: '申请资源',
  resource: '资源',
  dataItems: '数据项',
  purpose: '数据用途',
  businessProcess: '业务流程',
  scenario: '应用场景',
  securityMeasures: '安全保障措施',
  dutyBasis: '履职依据',
  method: '共享方式',
  exchangeJustification: '交换共享书面论证',
  accessDays: '使用期限（天）',
  desensitized: '申请脱敏数据',
  crossBorder: '数据出境',
  securityAssessment: '出境安全评估审核',
  undertaking: '第20条承诺',
  contact: '联系方式',
  useDays: '使用期限（天）',
  recordRef: '记录标识',
  field: '字段',
  problemType: '问题类型',
  description: '问题描述',
  urgent: '紧急',
  projectName: '项目名称',
  investmentWan: '投资额（万元）',
  content: '建设内容',
  buildsOwnCloudOrDataCenter: '自建政务云或数据中心',
  dataCatalog: '项目数据目录',
  sharingPlan: '共享计划',
  plannedCompletion: '计划完成日期',
};
