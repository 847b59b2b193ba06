/** The four procedures, their end states, and the Chinese words the UI and history use. */
export const CASE_TYPES = ['restricted-share', 'conditional-open', 'problem-data', 'it-project'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  'restricted-share': '受限共享申请',
  'conditional-open': '有条件开放申请',
  'problem-data': '问题数据反馈',
  'it-project': '信息化项目审核',
};

export const CASE_STATUSES = ['in-progress', 'granted', 'rejected', 'withdrawn', 'active', 'expired', 'revoked', 'closed', 'accepted'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  'in-progress': '办理中',
  granted: '已授权',
  rejected: '未通过',
  withdrawn: '已撤回',
  active: '使用中',
  expired: '已到期',
  revoked: '已撤销',
  closed: '已办结',
  accepted: '已验收',
};

/** Ends at which the applicant can no longer withdraw. */
export const isFinished = (status: string): boolean => status !== 'in-progress';
