/** The conditional open-data application 有条件开放申请 (PROCEDURES §5, Art. 21–25). */
import { END, FILED, type ProcedureSpec } from './procedure-spec';

/** Working days each assessment may take (policy, PROCEDURES §5). */
export const ASSESSMENT_WORKING_DAYS = 10;

const assessment = (label: string, role: 'bdb-reviewer' | 'provider-reviewer', party: 'bdb' | 'provider') =>
  ({
    label,
    role,
    party,
    article: '第25条第3款',
    deadline: { workingDays: ASSESSMENT_WORKING_DAYS, article: '第25条第3款', source: 'policy', lapseNote: '综合评估逾期未完成，已通知大数据局督办' },
    decisions: {
      approve: { label: '评估通过', tone: 'green' },
      'request-info': {
        label: '要求补充材料',
        tone: 'amber',
        requires: ['comment'],
        requiredMessage: '要求补充材料须写明需补充的内容',
        hint: '申请人补充期间本评估期限暂停，补充后按剩余工作日继续计算。',
      },
      reject: { label: '不予开放', tone: 'red', requires: ['comment'], requiredMessage: '不予开放须说明理由', hint: '任一方不予开放，申请即终止。' },
    },
  }) as const;

export const CONDITIONAL_OPEN_SPEC = {
  type: 'conditional-open',
  label: '有条件开放申请',
  articles: '第21条至第25条',
  filedBy: ['public-applicant'],
  article: '第25条第3款',
  steps: {
    'bdb-assessment': assessment('大数据局综合评估', 'bdb-reviewer', 'bdb'),
    'provider-assessment': assessment('数据提供单位评估', 'provider-reviewer', 'provider'),
    'applicant-supplement': {
      label: '申请人补充材料',
      role: 'public-applicant',
      party: 'applicant',
      article: '第25条第3款',
      decisions: {
        resubmit: { label: '提交补充材料', tone: 'blue', requires: ['payload'], requiredMessage: '请提交补充后的申请内容', hint: '按评估意见补充数据用途、应用场景或安全保障措施。' },
        withdraw: { label: '撤回申请', tone: 'slate', hint: '撤回后本申请终止。' },
      },
    },
    'applicant-sign': {
      label: '申请人签署协议',
      role: 'public-applicant',
      party: 'applicant',
      article: '第25条第3款',
      decisions: {
        sign: { label: '签署协议', tone: 'green', requires: ['signerName'], requiredMessage: '签署须填写签署人姓名', hint: '签署即确认已阅读并同意《数据利用协议》全文。' },
        withdraw: { label: '不签署并撤回', tone: 'slate', hint: '撤回后本申请终止。' },
      },
    },
    'bdb-countersign': {
      label: '大数据局会签协议',
      role: 'bdb-reviewer',
      party: 'bdb',
      article: '第25条第3款',
      decisions: {
        sign: { label: '会签协议', tone: 'green', requires: ['signerName'], requiredMessage: '会签须填写签署人姓名', hint: '会签后协议生效，申请人即可在开放平台使用数据。' },
      },
    },
  },
  flow: [
    { main: [FILED] },
    { main: ['bdb-assessment', 'provider-assessment'], perProvider: true, branch: ['applicant-supplement'], branchLabel: '要求补充材料' },
    { main: ['applicant-sign'] },
    { main: ['bdb-countersign'] },
    { main: [END] },
  ],
} as const satisfies ProcedureSpec;
