/**
 * The IT project review 信息化项目审核 (PROCEDURES §7, Art. 8, 9, 11). Its
 * workflow comes with issue #9; the spec already names its steps.
 */
import { END, FILED, type ProcedureSpec } from './procedure-spec';

export const IT_PROJECT_SPEC = {
  type: 'it-project',
  label: '信息化项目审核',
  articles: '第8条、第9条、第11条',
  filedBy: ['applicant'],
  article: '第9条',
  steps: {
    'bdb-review': {
      label: '大数据局审核',
      role: 'bdb-reviewer',
      party: 'bdb',
      article: '第9条',
      deadline: { workingDays: 10, article: '第9条', source: 'policy', lapseNote: '审核逾期未完成' },
      decisions: {
        approve: { label: '通过', tone: 'green' },
        'approve-with-conditions': { label: '有条件通过', tone: 'teal', requires: ['conditions'] },
        return: { label: '退回修改', tone: 'amber', requires: ['comment'] },
        reject: { label: '不予通过', tone: 'red', requires: ['comment'] },
      },
    },
    'owner-amend': {
      label: '建设单位修改',
      role: 'applicant',
      party: 'applicant',
      article: '第9条',
      decisions: { resubmit: { label: '重新提交', tone: 'blue', requires: ['payload'] }, withdraw: { label: '撤回', tone: 'slate' } },
    },
    'owner-report-completion': {
      label: '建设单位报告完成',
      role: 'applicant',
      party: 'applicant',
      article: '第11条',
      decisions: { complete: { label: '报告建设完成', tone: 'blue', requires: ['registeredResources'] } },
    },
    'bdb-acceptance': {
      label: '大数据局验收',
      role: 'bdb-reviewer',
      party: 'bdb',
      article: '第11条',
      decisions: { accept: { label: '验收通过', tone: 'green' }, fail: { label: '验收不通过', tone: 'red', requires: ['comment'] } },
    },
  },
  flow: [
    { main: [FILED] },
    { main: ['bdb-review'], branch: ['owner-amend'], branchLabel: '退回修改' },
    { main: ['owner-report-completion'] },
    { main: ['bdb-acceptance'] },
    { main: [END] },
  ],
} as const satisfies ProcedureSpec;
