/** The restricted-share request 受限共享申请 (PROCEDURES §4, Art. 16–20). */
import { END, FILED, step, type ProcedureSpec } from './procedure-spec';

/** Working days a provider has to answer (Art. 17 ¶2). */
export const PROVIDER_CONSENT_WORKING_DAYS = 5;

/** Plain sharing is withheld on non-share data (Art. 16 ¶2, 17 ¶3). */
const NON_SHARE_WITHHELD = {
  withheld: { message: '非共享类数据只能经脱敏等处理后提供，请选择脱敏后共享并写明脱敏字段和规则（第16条第2款、第17条第3款）', article: '第16条第2款、第17条第3款' },
} as const;
const REASON_REQUIRED = { requires: ['comment'], requiredMessage: '退回或不予通过须说明理由', article: '第17条' } as const;

/** What coordination may decide on a disputed resource, the BDB's (Art. 17, 18) and the leadership office's (Art. 18 ¶2). */
const UPHOLD_REFUSAL = { label: '维持不共享', tone: 'red', hint: '认定数据提供单位的拒绝有法律、法规和规章依据（第18条）。' } as const;
const REQUIRE_SHARING = { label: '责令共享', tone: 'green', hint: '无法律、法规和规章依据的，应当共享（第15条、第18条）。', ...NON_SHARE_WITHHELD } as const;
const REQUIRE_DESENSITIZED = {
  label: '责令脱敏后共享',
  tone: 'teal',
  requires: ['desensitization'],
  requiredMessage: '责令脱敏后共享须写明脱敏字段和规则（第16条第2款、第17条第3款）',
  hint: '非共享类数据只能经脱敏等处理后提供（第16条第2款、第17条第3款）。',
} as const;

export const RESTRICTED_SHARE_SPEC = {
  type: 'restricted-share',
  label: '受限共享申请',
  articles: '第16条至第20条',
  filedBy: ['applicant'],
  article: '第17条',
  steps: {
    'bdb-review': step('大数据局审核', 'bdb-reviewer', 'bdb', '第17条', {
      approve: { label: '通过', tone: 'green' },
      return: { label: '退回修改', tone: 'amber', ...REASON_REQUIRED, hint: '请写明需要修改的内容，申请单位修改后可重新提交。' },
      reject: { label: '不予通过', tone: 'red', ...REASON_REQUIRED, hint: '请写明不予通过的理由。' },
    }),
    'applicant-amend': step('申请单位修改', 'applicant', 'applicant', '第17条', {
      resubmit: { label: '重新提交', tone: 'blue', requires: ['payload'], requiredMessage: '重新提交须附修改后的申请', hint: '修改申请内容后重新提交大数据局审核。' },
      withdraw: { label: '撤回', tone: 'slate', hint: '撤回后本办件终止。' },
    }),
    'provider-consent': step(
      '数据提供单位意见',
      'provider-reviewer',
      'provider',
      '第17条',
      {
        agree: { label: '同意共享', tone: 'green', ...NON_SHARE_WITHHELD },
        'agree-desensitized': {
          label: '脱敏后同意',
          tone: 'teal',
          requires: ['desensitization'],
          requiredMessage: '脱敏后同意须写明脱敏字段和规则（第16条、第17条）',
          hint: '受限共享类和非共享类数据可以经脱敏等处理后提供（第16条第2款、第17条第3款）。',
        },
        disagree: {
          label: '不同意共享',
          tone: 'red',
          requires: ['legalBasis'],
          requiredMessage: '不同意共享的，数据提供单位应提供法律、法规和规章依据（第17条）',
          hint: '不同意共享的，数据提供单位应当提供法律、法规和规章依据（第17条第2款）；存在争议的，由市大数据主管部门协调处理。',
        },
      },
      { workingDays: PROVIDER_CONSENT_WORKING_DAYS, article: '第17条', source: 'regulation', lapseNote: '数据提供单位逾期未答复，不视为同意；转大数据局协调' },
    ),
    'bdb-coordination': step('大数据局协调', 'bdb-coordinator', 'bdb', '第17条、第18条', {
      'uphold-refusal': UPHOLD_REFUSAL,
      'require-sharing': REQUIRE_SHARING,
      'require-desensitized-sharing': REQUIRE_DESENSITIZED,
      escalate: { label: '提交领导小组协调', tone: 'purple', hint: '经评判应当共享而不能共享的，列入问题清单并报市政府数字化转型工作领导小组办公室协调（第18条第2款）。' },
    }),
    'leadership-decision': step('领导小组协调', 'leadership-office', 'leadership', '第18条第2款', {
      'require-sharing': REQUIRE_SHARING,
      'require-desensitized-sharing': REQUIRE_DESENSITIZED,
      'uphold-refusal': UPHOLD_REFUSAL,
    }),
  },
  flow: [
    { main: [FILED] },
    { main: ['bdb-review'], branch: ['applicant-amend'], branchLabel: '退回修改' },
    { main: ['provider-consent'], perProvider: true, branch: ['bdb-coordination', 'leadership-decision'], branchLabel: '不同意或逾期未复' },
    { main: [END] },
  ],
} as const satisfies ProcedureSpec;

/** Decisions that grant non-share data in the clear: refused on it (Art. 16 ¶2, 17 ¶3). */
export const PLAIN_SHARING_DECISIONS: readonly string[] = ['agree', 'require-sharing'];
export const NON_SHARE_ARTICLE = NON_SHARE_WITHHELD.withheld.article;
