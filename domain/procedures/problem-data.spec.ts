/**
 * The problem-data closed loop 问题数据闭环 (PROCEDURES §6, Art. 27–29): the
 * provider handles a report in one of three ways (Art. 27 ¶4) or asks the BDB
 * for more time; the reporter confirms or disputes, and the BDB arbitrates.
 */
import { HANDLING_WORKING_DAYS } from '../cases/problem-data/deadlines';
import { END, FILED, step, type ProcedureSpec } from './procedure-spec';

export const PROBLEM_HANDLING_WORKING_DAYS = HANDLING_WORKING_DAYS;
/** Policy: the reporter has 5 working days to confirm; silence is acceptance. */
export const REPORTER_CONFIRM_WORKING_DAYS = 5;
const ART = '第27条第3款';
const MODES = '第27条第4款';

export const PROBLEM_DATA_SPEC = {
  type: 'problem-data',
  label: '问题数据反馈',
  articles: '第27条至第29条',
  filedBy: ['applicant', 'bdb-reviewer'],
  article: '第27条',
  steps: {
    'provider-handle': step(
      '数据提供单位处理',
      'provider-reviewer',
      'provider',
      ART,
      {
        corrected: {
          label: '完成整改',
          tone: 'green',
          requires: ['comment', 'dataVersion'],
          requiredMessage: '完成整改须写明修正内容，以及整改后的数据版本或重新归集时间（第27条第4款）',
          article: MODES,
          hint: '修正问题数据后重新归集：写明改了什么，以及新数据的版本或归集时间（第27条第4款）。',
        },
        'verified-correct': {
          label: '确认无误',
          tone: 'blue',
          requires: ['comment'],
          requiredMessage: '确认无误须写明校核说明，该说明将告知反馈方（第27条第4款）',
          article: MODES,
          hint: '经校核数据无误：说明将告知反馈方（第27条第4款）。',
        },
        communicated: {
          label: '沟通解决',
          tone: 'teal',
          requires: ['comment', 'agreedWith'],
          requiredMessage: '沟通解决须写明达成的处理意见及沟通对象（第27条第4款）',
          article: MODES,
          hint: '短期难以解决的，记录与谁沟通、达成了什么处理意见（第27条第4款）。',
        },
        'request-extension': {
          label: '申请延期',
          tone: 'amber',
          requires: ['newDueAt', 'comment'],
          requiredMessage: '申请延期须填写申请延长至的日期和特殊原因（第27条第3款）',
          hint: '确因特殊原因无法按期完成的，经市大数据主管部门审核，最多延长至收到反馈之日起60个自然日（第27条第3款）。',
        },
      },
      { workingDays: PROBLEM_HANDLING_WORKING_DAYS, article: ART, source: 'regulation', lapseNote: '数据提供单位逾期未处理，已告知大数据局' },
    ),
    'bdb-extension-review': step('大数据局审核延期', 'bdb-reviewer', 'bdb', ART, {
      'approve-extension': { label: '同意延期', tone: 'green', hint: '数据提供单位的办理期限改为其申请的日期。' },
      'reject-extension': { label: '不同意延期', tone: 'red', requires: ['comment'], requiredMessage: '不同意延期须说明理由', hint: '数据提供单位按原期限继续办理。' },
    }),
    'reporter-confirm': step(
      '反馈方确认',
      'applicant',
      'applicant',
      '第27条',
      {
        accept: { label: '认可处理结果', tone: 'green', hint: '确认后办件办结。' },
        dispute: { label: '有异议', tone: 'amber', requires: ['comment'], requiredMessage: '有异议须写明异议内容', hint: '由大数据局裁定：维持处理结果或退回重新处理。' },
      },
      { workingDays: REPORTER_CONFIRM_WORKING_DAYS, article: '第27条', source: 'policy', lapseNote: '反馈方逾期未确认，视为认可处理结果' },
    ),
    'bdb-arbitration': step('大数据局裁定', 'bdb-coordinator', 'bdb', '第27条', {
      uphold: { label: '维持处理结果', tone: 'blue', requires: ['comment'], requiredMessage: '维持处理结果须说明理由' },
      reopen: { label: '重新处理', tone: 'amber', requires: ['comment'], requiredMessage: '重新处理须写明需重新处理的内容', hint: '退回数据提供单位重新处理，重新计算办理期限。' },
    }),
  },
  flow: [
    { main: [FILED] },
    { main: ['provider-handle'], branch: ['bdb-extension-review'], branchLabel: '申请延期' },
    { main: ['reporter-confirm'], branch: ['bdb-arbitration'], branchLabel: '反馈方有异议' },
    { main: [END] },
  ],
} as const satisfies ProcedureSpec;
