/**
 * The IT project review 信息化项目审核 (PROCEDURES §7, Art. 8, 9, 11): the BDB
 * reviews and issues a numbered opinion to the investment and finance
 * authorities; the owner builds (months), reports completion with the catalog
 * resources registered, and the BDB accepts after an automatic check.
 */
import { END, FILED, step, type ProcedureSpec } from './procedure-spec';

/** Working days the BDB has to review (policy, PROCEDURES §7). */
export const IT_REVIEW_WORKING_DAYS = 10;
/** Working days the BDB has to accept or fail a completed project (policy). */
export const IT_ACCEPTANCE_WORKING_DAYS = 10;

const ACCEPTANCE = {
  accept: { label: '验收通过', tone: 'green', hint: '自动核验全部通过后方可验收通过（第11条）。' },
  fail: { label: '验收不通过', tone: 'red', requires: ['comment'], requiredMessage: '验收不通过须说明理由（第11条）', hint: '退回建设单位整改后重新报告完成。' },
} as const;
const ACCEPTANCE_DEADLINE = { workingDays: IT_ACCEPTANCE_WORKING_DAYS, article: '第11条', source: 'policy', lapseNote: '验收逾期未完成，已通知大数据局督办' } as const;

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
        approve: { label: '通过', tone: 'green', hint: '出具审核意见（同意建设），编号并抄送投资、财政主管部门（第9条）。' },
        'approve-with-conditions': {
          label: '有条件通过',
          tone: 'teal',
          requires: ['conditions'],
          requiredMessage: '有条件通过须写明通过条件（第9条）',
          hint: '审核意见载明条件，抄送投资、财政主管部门（第9条）。',
        },
        return: { label: '退回修改', tone: 'amber', requires: ['comment'], requiredMessage: '退回修改须写明需修改的内容', hint: '建设单位修改后重新提交；退回不出具审核意见。' },
        reject: { label: '不予通过', tone: 'red', requires: ['comment'], requiredMessage: '不予通过须说明理由（第9条）', hint: '出具审核意见（不同意建设），抄送投资、财政主管部门（第9条）。' },
      },
      { workingDays: IT_REVIEW_WORKING_DAYS, article: '第9条', source: 'policy', lapseNote: '审核逾期未完成，已通知大数据局督办' },
    ),
    'owner-amend': step('建设单位修改', 'applicant', 'applicant', '第9条', {
      resubmit: { label: '重新提交', tone: 'blue', requires: ['payload'], requiredMessage: '重新提交须附修改后的申报内容', hint: '按审核意见修改后重新提交大数据局审核。' },
      withdraw: { label: '撤回', tone: 'slate', hint: '撤回后本办件终止。' },
    }),
    'owner-report-completion': step('建设单位报告完成', 'applicant', 'applicant', '第11条', {
      complete: {
        label: '报告建设完成',
        tone: 'blue',
        requires: ['registeredResources'],
        requiredMessage: '报告建设完成须按项目数据目录逐条填写已登记的目录资源编码（第11条）',
        hint: '每个项目数据目录条目对应一个已在公共数据资源目录登记的资源编码；提交后自动核验并转大数据局验收（第11条）。',
      },
    }),
    'bdb-acceptance': step('大数据局验收', 'bdb-reviewer', 'bdb', '第11条', ACCEPTANCE, ACCEPTANCE_DEADLINE),
  },
  flow: [
    { main: [FILED] },
    { main: ['bdb-review'], branch: ['owner-amend'], branchLabel: '退回修改' },
    { main: ['owner-report-completion'] },
    { main: ['bdb-acceptance'] },
    { main: [END] },
  ],
} as const satisfies ProcedureSpec;
