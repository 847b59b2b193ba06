/** Roles of PROCEDURES.md §1. A user holds one or more within one organisation. */
export const ROLES = [
  'admin',
  'bdb-reviewer',
  'bdb-coordinator',
  'applicant',
  'provider-reviewer',
  'public-applicant',
  'leadership-office',
  'opinion-recipient',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  'bdb-reviewer': '大数据局审核员',
  'bdb-coordinator': '大数据局协调员',
  applicant: '申请人',
  'provider-reviewer': '数据提供单位审核员',
  'public-applicant': '社会公众申请人',
  'leadership-office': '领导小组办公室',
  'opinion-recipient': '审核意见接收单位',
};

export const ORG_KINDS = ['bdb', 'district-bdb', 'agency', 'public-service-unit', 'leadership-office', 'person', 'company'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Who may see which part of the app; the web shows navigation by these. */
export const can = {
  fileCases: (roles: readonly Role[]) => roles.includes('applicant') || roles.includes('public-applicant'),
  // Every role but admin is assigned tasks somewhere: a public-applicant supplements and signs
  // in the conditional-open procedure (PROCEDURES.md §5: applicant-supplement, applicant-sign).
  haveInbox: (roles: readonly Role[]) => roles.some((r) => r !== 'admin'),
  administer: (roles: readonly Role[]) => roles.includes('admin'),
};

/** Who sees the 逾期督办 view of every overdue task across organisations (Art. 34–35: the BDB supervises; admin). */
export const OVERDUE_SUPERVISOR_ROLES = ['bdb-reviewer', 'bdb-coordinator', 'admin'] as const satisfies readonly Role[];
export const superviseOverdue = (roles: readonly Role[]): boolean => roles.some((r) => (OVERDUE_SUPERVISOR_ROLES as readonly Role[]).includes(r));
