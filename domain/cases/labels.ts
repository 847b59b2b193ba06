/** Chinese labels for steps, decisions and history actions of every procedure. */
export const STEP_LABELS: Record<string, string> = {
  'bdb-review': '大数据局审核',
  'applicant-amend': '申请单位修改',
  'provider-consent': '数据提供单位意见',
  'bdb-coordination': '大数据局协调',
  'leadership-decision': '领导小组协调',
};

export const DECISION_LABELS: Record<string, string> = {
  approve: '通过',
  return: '退回修改',
  reject: '不予通过',
  resubmit: '重新提交',
  withdraw: '撤回',
  agree: '同意共享',
  'agree-desensitized': '脱敏后同意',
  disagree: '不同意共享',
  'uphold-refusal': '维持不共享',
  'require-sharing': '责令共享',
  escalate: '提交领导小组协调',
};

export const ACTION_LABELS: Record<string, string> = {
  filed: '提交申请',
  'task-opened': '待办生成',
  decided: '作出决定',
  'deadline-set': '设定期限',
  reminder: '到期提醒',
  overdue: '逾期未答复',
  're-planned': '期限重新计算',
  escalated: '列入问题清单并报领导小组',
  granted: '开通访问权限',
  'resource-refused': '资源不予共享',
  'case-granted': '办结：已授权',
  'case-rejected': '办结：未通过',
  withdrawn: '申请已撤回',
  'task-cancelled': '待办关闭',
  'grant-expired': '访问权限到期',
  'grant-revoked': '访问权限撤销',
  'decision-refused': '决定被拒绝',
  'clock-paused': '计时暂停（补充材料）',
  'clock-resumed': '恢复计时',
  'agreement-drafted': '生成数据利用协议',
  'agreement-signed': '签署数据利用协议',
  'agreement-effective': '协议生效，开放使用',
  'agreement-expired': '协议到期',
  'agreement-revoked': '协议撤销',
  'continued-as-new': '流程续接运行',
};

export const stepLabel = (step: string | null | undefined): string => (step ? (STEP_LABELS[step] ?? step) : '');
export const decisionLabel = (d: string | null | undefined): string => (d ? (DECISION_LABELS[d] ?? d) : '');
export const actionLabel = (a: string): string => ACTION_LABELS[a] ?? a;
