/** The conditional open-data application 有条件开放申请 (PROCEDURES §5, Art. 21–25). */
import { END, FILED, step, type ProcedureSpec } from './procedure-spec';

/** Working days each assessment may take (policy, PROCEDURES §5). */
export const ASSESSMENT_WORKING_DAYS = 10;

const ART = '第25条第3款';
/** The two sides of the 综合评估 decide alike, each on its own clock. */
const ASSESSMENT = {
  approve: { label: '评估通过', tone: 'green' },
  'request-info': { label: '要求补充材料', tone: 'amber', requires: ['comment'], requiredMessage: '要求补充材料须写明需补充的内容', hint: '申请人补充期间本评估期限暂停，补充后按剩余工作日继续计算。' },
  reject: { label: '不予开放', tone: 'red', requires: ['comment'], requiredMessage: '不予开放须说明理由', hint: '任一方不予开放，申请即终止。' },
} as const;
const ASSESSMENT_DEADLINE = { workingDays: ASSESSMENT_WORKING_DAYS, article: ART, source: 'policy', lapseNote: '综合评估逾期未完成，已通知大数据局督办' } as const;
const WITHDRAW = { label: '撤回申请', tone: 'slate', hint: '撤回后本申请终止。' } as const;

export const CONDITIONAL_OPEN_SPEC = {
  type: 'conditional-open',
  label: '有条件开放申请',
  articles: '第21条至第25条',
  filedBy: ['public-applicant'],
  article: ART,
  steps: {
    'bdb-assessment': step('大数据局综合评估', 'bdb-reviewer', 'bdb', ART, ASSESSMENT, ASSESSMENT_DEADLINE),
    'provider-assessment': step('数据提供单位评估', 'provider-reviewer', 'provider', ART, ASSESSMENT, ASSESSMENT_DEADLINE),
    'applicant-supplement': step('申请人补充材料', 'public-applicant', 'applicant', ART, {
      resubmit: { label: '提交补充材料', tone: 'blue', requires: ['payload'], requiredMessage: '请提交补充后的申请内容', hint: '按评估意见补充数据用途、应用场景或安全保障措施。' },
      withdraw: WITHDRAW,
    }),
    'applicant-sign': step('申请人签署协议', 'public-applicant', 'applicant', ART, {
      sign: { label: '签署协议', tone: 'green', requires: ['signerName'], requiredMessage: '签署须填写签署人姓名', hint: '签署即确认已阅读并同意《数据利用协议》全文。' },
      withdraw: { ...WITHDRAW, label: '不签署并撤回' },
    }),
    'bdb-countersign': step('大数据局会签协议', 'bdb-reviewer', 'bdb', ART, {
      sign: { label: '会签协议', tone: 'green', requires: ['signerName'], requiredMessage: '会签须填写签署人姓名', hint: '会签后协议生效，申请人即可在开放平台使用数据。' },
    }),
  },
  flow: [
    { main: [FILED] },
    { main: ['bdb-assessment', 'provider-assessment'], perProvider: true, branch: ['applicant-supplement'], branchLabel: '要求补充材料' },
    { main: ['applicant-sign'] },
    { main: ['bdb-countersign'] },
    { main: [END] },
  ],
} as const satisfies ProcedureSpec;
