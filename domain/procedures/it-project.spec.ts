/**
 * The IT project review 信息化项目审核 (PROCEDURES §7, Art. 8, 9, 11). Its
 * workflow comes with issue #9; the spec already names its steps.
 */
import { END, FILED, step, type ProcedureSpec } from './procedure-spec';

export const IT_PROJECT_SPEC = {
  type: 'it-project',
  label: '信息化项目审核',
  articles: '第8条、第9条、第11条',
  filedBy: ['applicant'],
  article: '第9条',
  steps: {
    'bdb-review': step(
      '大数据局审核',
      'bdb-reviewer',
      'bdb',
      '第9条',
      {
        approve: { label: '通过', tone: 'green' },
        'approve-with-conditions': { label: '有条件通过', tone: 'teal', requires: ['conditions'] },
        return: { label: '退回修改', tone: 'amber', requires: ['comment'] },
        reject: { label: '不予通过', tone: 'red', requires: ['comment'] },
      },
      { workingDays: 10, article: '第9条', source: 'policy', lapseNote: '审核逾期未完成' },
    ),
    'owner-amend': step('建设单位修改', 'applicant', 'applicant', '第9条', { resubmit: { label: '重新提交', tone: 'blue', requires: ['payload'] }, withdraw: { label: '撤回', tone: 'slate' } }),
    'owner-report-completion': step('建设单位报告完成', 'applicant', 'applicant', '第11条', { complete: { label: '报告建设完成', tone: 'blue', requires: ['registeredResources'] } }),
    'bdb-acceptance': step('大数据局验收', 'bdb-reviewer', 'bdb', '第11条', { accept: { label: '验收通过', tone: 'green' }, fail: { label: '验收不通过', tone: 'red', requires: ['comment'] } }),
  },
  flow: [
    { main: [FILED] },
    { main: ['bdb-review'], branch: ['owner-amend'], branchLabel: '退回修改' },
    { main: ['owner-report-completion'] },
    { main: ['bdb-acceptance'] },
    { main: [END] },
  ],
} as const satisfies ProcedureSpec;
