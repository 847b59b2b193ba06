/**
 * How the web shows the machine names of PROCEDURES.md and API.md: case types,
 * statuses, steps, decisions, classes. The words come from domain/ where it has
 * them (one source for API, history and UI); this module adds what only the UI
 * needs — colours, the fields each decision asks for, hints — and the words of
 * the procedures domain/ does not cover yet.
 */
import type { CaseStatus, CaseType, OpenClass, ResourceOutcomeView, ShareClass, GrantView, TaskView, CalendarYearView } from '../../domain/views';
import { OPEN_CLASS_LABELS, SHARE_CLASS_LABELS } from '../../domain/catalog/resource';
import { CASE_STATUS_LABELS, CASE_TYPE_LABELS as DOMAIN_CASE_TYPE_LABELS } from '../../domain/cases/case-types';
import { DECISION_LABELS, STEP_LABELS as DOMAIN_STEP_LABELS } from '../../domain/cases/labels';
import { SHARE_METHOD_LABELS, type ShareMethod } from '../../domain/cases/restricted-share/payload';

export type Tone = 'green' | 'amber' | 'red' | 'blue' | 'slate' | 'purple' | 'teal';

export const CASE_TYPE_LABELS: Record<CaseType, string> = DOMAIN_CASE_TYPE_LABELS;

export const CASE_TYPE_ARTICLES: Record<CaseType, string> = {
  'restricted-share': '第16—20条',
  'conditional-open': '第21—25条',
  'problem-data': '第27—29条',
  'it-project': '第8、9、11条',
};

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

/** Step names of every procedure (PROCEDURES.md §4–7); domain/ has §4's. */
export const STEP_LABELS: Record<string, string> = {
  ...DOMAIN_STEP_LABELS,
  // §5 有条件开放
  'bdb-assessment': '大数据局评估',
  'provider-assessment': '数据提供单位评估',
  'applicant-supplement': '申请人补充材料',
  'applicant-sign': '申请人签署协议',
  'bdb-countersign': '大数据局会签',
  // §6 问题数据
  'provider-handle': '数据提供单位处理',
  'bdb-extension-review': '延期审核',
  'reporter-confirm': '反馈方确认',
  'bdb-arbitration': '大数据局裁定',
  // §7 信息化项目
  'owner-amend': '建设单位修改',
  'owner-report-completion': '建设单位报告完成',
  'bdb-acceptance': '大数据局验收',
};

export function stepLabel(step: string | null | undefined): string {
  if (!step) return '—';
  return STEP_LABELS[step] ?? step;
}

export interface DecisionMeta {
  label: string;
  tone: Tone;
  /** Fields this decision carries (API.md "Fields some decisions carry"). */
  needs?: ('comment' | 'legalBasis' | 'desensitization' | 'payload' | 'newDueAt' | 'conditions' | 'signerName' | 'registeredResources')[];
  /** Comment is required rather than optional. */
  commentRequired?: boolean;
  hint?: string;
}

/** The words of §4's decisions come from domain/cases/labels; the others are here until domain/ has them. */
const DECISIONS: Record<string, Omit<DecisionMeta, 'label'> & { label?: string }> = {
  approve: { tone: 'green' },
  return: { tone: 'amber', commentRequired: true, hint: '请写明需要修改的内容，申请单位修改后可重新提交。' },
  reject: { tone: 'red', commentRequired: true, hint: '请写明不予通过的理由。' },
  resubmit: { tone: 'blue', needs: ['payload'], hint: '修改申请内容后重新提交大数据局审核。' },
  withdraw: { tone: 'slate', hint: '撤回后本办件终止。' },
  agree: { tone: 'green' },
  'agree-desensitized': {
    tone: 'teal',
    needs: ['desensitization'],
    hint: '受限共享类和非共享类数据可以经脱敏等处理后提供（第16条第2款、第17条第3款）。',
  },
  disagree: {
    tone: 'red',
    needs: ['legalBasis'],
    hint: '不同意共享的，数据提供单位应当提供法律、法规和规章依据（第17条第2款）；存在争议的，由市大数据主管部门协调处理。',
  },
  'uphold-refusal': { tone: 'red', hint: '认定数据提供单位的拒绝有法律、法规和规章依据（第18条）。' },
  'require-sharing': { tone: 'green', hint: '无法律、法规和规章依据的，应当共享（第15条、第18条）。' },
  escalate: {
    tone: 'purple',
    hint: '经评判应当共享而不能共享的，列入问题清单并报市政府数字化转型工作领导小组办公室协调（第18条第2款）。',
  },
  // §5
  'request-info': { label: '要求补充材料', tone: 'amber', commentRequired: true },
  sign: { label: '签署', tone: 'green', needs: ['signerName'] },
  // §6
  corrected: { label: '完成整改', tone: 'green', hint: '修正问题数据后重新归集（第27条第4款）。' },
  'verified-correct': { label: '确认无误', tone: 'blue', commentRequired: true, hint: '经校核数据无误，说明将告知反馈方（第27条第4款）。' },
  communicated: { label: '沟通解决', tone: 'teal', commentRequired: true, hint: '短期难以解决的，记录与反馈方沟通达成的处理意见（第27条第4款）。' },
  'request-extension': {
    label: '申请延期',
    tone: 'amber',
    needs: ['newDueAt'],
    commentRequired: true,
    hint: '确因特殊原因无法按期完成的，经市大数据主管部门审核，最多延长至收到反馈之日起60个自然日（第27条第3款）。',
  },
  'approve-extension': { label: '同意延期', tone: 'green' },
  'reject-extension': { label: '不同意延期', tone: 'red' },
  accept: { label: '确认', tone: 'green' },
  dispute: { label: '有异议', tone: 'amber', commentRequired: true },
  uphold: { label: '维持处理结果', tone: 'blue' },
  reopen: { label: '重新处理', tone: 'amber', commentRequired: true },
  // §7
  'approve-with-conditions': { label: '有条件通过', tone: 'teal', needs: ['conditions'] },
  complete: { label: '报告建设完成', tone: 'blue', needs: ['registeredResources'] },
  fail: { label: '验收不通过', tone: 'red', commentRequired: true },
};

export function decisionMeta(d: string | null | undefined): DecisionMeta {
  if (!d) return { label: '—', tone: 'slate' };
  const m = DECISIONS[d] ?? { tone: 'slate' };
  return { ...m, label: DECISION_LABELS[d] ?? m.label ?? d };
}

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

export function methodLabel(m: string | null | undefined): string {
  if (!m) return '—';
  return (SHARE_METHODS as Record<string, { label: string }>)[m]?.label ?? m;
}

export const OUTCOME: Record<ResourceOutcomeView['outcome'], { label: string; tone: Tone }> = {
  pending: { label: '待定', tone: 'slate' },
  granted: { label: '同意共享', tone: 'green' },
  'granted-desensitized': { label: '脱敏后共享', tone: 'teal' },
  refused: { label: '不予共享', tone: 'red' },
};

export const GRANT_STATUS: Record<GrantView['status'], { label: string; tone: Tone }> = {
  active: { label: '有效', tone: 'green' },
  expired: { label: '已到期', tone: 'slate' },
  revoked: { label: '已撤销', tone: 'amber' },
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
  businessProcess: '业务流程',
  scenario: '应用场景',
  dutyBasis: '履职依据',
  method: '共享方式',
  exchangeJustification: '交换共享书面论证',
  accessDays: '使用期限（天）',
  desensitized: '申请脱敏数据',
  crossBorder: '数据出境',
  securityAssessment: '出境安全评估审核',
  undertaking: '第20条承诺',
  purpose: '数据用途',
  securityMeasures: '安全保障措施',
  contact: '联系方式',
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
