import type { AgreementFacts } from './agreement-template';

/** A company's conditional-open case with two resources: the facts the agreement tests render (a fresh copy each call). */
export const sampleAgreementFacts = (over: Partial<AgreementFacts> = {}): AgreementFacts => ({
  caseId: 'CO-20261130-ABCD1234',
  applicant: { name: '宁波某科技有限公司', kind: 'organisation' },
  contact: '李四 0574-87654321',
  resources: [
    { code: 'NB-SCJG-0001', name: '市场主体登记信息', providerName: '宁波市市场监督管理局' },
    { code: 'NB-GJ-0007', name: '公交线路实时到站数据', providerName: '宁波市公共交通集团有限公司' },
  ],
  purpose: '开发面向中小企业的信用评估模型',
  scenario: '企业信用服务平台的风险提示功能',
  securityMeasures: '数据仅在开放平台沙箱内处理，访问账号实名并双因素认证',
  termDays: 180,
  bdbName: '宁波市大数据发展管理局',
  ...over,
});
