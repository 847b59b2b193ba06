/**
 * The problem-data closed loop 问题数据闭环 (PROCEDURES §6, Art. 27–29). Its
 * workflow comes with issue #8; the spec already names its steps for the inbox,
 * the labels and the diagram.
 */
import { END, FILED, step, type ProcedureSpec } from './procedure-spec';

export const PROBLEM_HANDLING_WORKING_DAYS = 5;
const ART = '第27条第3款';

export const PROBLEM_DATA_SPEC = {
  type: 'problem-data',
  label: '问题数据反馈',
  articles: '第27条至第29条',
  filedBy: ['applicant', 'provider-reviewer', 'bdb-reviewer'],
  article: '第27条',
  steps: {
    'provider-handle': step(
      '数据提供单位处理',
      'provider-reviewer',
      'provider',
      ART,
      {
        corrected: { label: '完成整改', tone: 'green', hint: '修正问题数据后重新归集（第27条第4款）。' },
        'verified-correct': { label: '确认无误', tone: 'blue', requires: ['comment'], hint: '经校核数据无误，说明将告知反馈方（第27条第4款）。' },
        communicated: { label: '沟通解决', tone: 'teal', requires: ['comment'], hint: '短期难以解决的，记录与反馈方沟通达成的处理意见（第27条第4款）。' },
        'request-extension': { label: '申请延期', tone: 'amber', requires: ['newDueAt', 'comment'], hint: '确因特殊原因无法按期完成的，经市大数据主管部门审核，最多延长至收到反馈之日起60个自然日（第27条第3款）。' },
      },
      { workingDays: PROBLEM_HANDLING_WORKING_DAYS, article: ART, source: 'regulation', lapseNote: '数据提供单位逾期未处理，已告知大数据局' },
    ),
    'bdb-extension-review': step('大数据局审核延期', 'bdb-reviewer', 'bdb', ART, { 'approve-extension': { label: '同意延期', tone: 'green' }, 'reject-extension': { label: '不同意延期', tone: 'red' } }),
    'reporter-confirm': step('反馈方确认', 'applicant', 'applicant', '第27条', { accept: { label: '确认', tone: 'green' }, dispute: { label: '有异议', tone: 'amber', requires: ['comment'] } }),
    'bdb-arbitration': step('大数据局裁定', 'bdb-coordinator', 'bdb', '第27条', { uphold: { label: '维持处理结果', tone: 'blue' }, reopen: { label: '重新处理', tone: 'amber', requires: ['comment'] } }),
  },
  flow: [
    { main: [FILED] },
    { main: ['provider-handle'], branch: ['bdb-extension-review'], branchLabel: '申请延期' },
    { main: ['reporter-confirm'], branch: ['bdb-arbitration'], branchLabel: '反馈方有异议' },
    { main: [END] },
  ],
} as const satisfies ProcedureSpec;
