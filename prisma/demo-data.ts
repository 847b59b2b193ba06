/**
 * Demo organisations, users and catalog of API.md ("Demo data"), plus the
 * investment and finance authorities that receive IT review opinions (Art. 9).
 */
import type { OrgKind, Role } from '../domain/auth/roles';

export const DEMO_PASSWORD = 'ningbo-demo';

export const demoOrganisations: { id: string; name: string; kind: OrgKind }[] = [
  { id: 'bdb', name: '宁波市大数据发展管理局', kind: 'bdb' },
  { id: 'haishu-bdb', name: '海曙区大数据发展管理局', kind: 'district-bdb' },
  { id: 'amr', name: '宁波市市场监督管理局', kind: 'agency' },
  { id: 'psb', name: '宁波市公安局', kind: 'agency' },
  { id: 'water', name: '宁波市水务环境集团', kind: 'public-service-unit' },
  { id: 'leadership-office', name: '市政府数字化转型工作领导小组办公室', kind: 'leadership-office' },
  { id: 'ndrc', name: '宁波市发展和改革委员会', kind: 'agency' },
  { id: 'finance', name: '宁波市财政局', kind: 'agency' },
  { id: 'person-zhangsan', name: '张三（个人）', kind: 'person' },
  { id: 'acme', name: '宁波某科技有限公司', kind: 'company' },
];

export const demoUsers: { username: string; displayName: string; orgId: string; roles: Role[] }[] = [
  { username: 'admin', displayName: '系统管理员', orgId: 'bdb', roles: ['admin'] },
  { username: 'bdb.reviewer', displayName: '王审核', orgId: 'bdb', roles: ['bdb-reviewer'] },
  { username: 'bdb.reviewer2', displayName: '刘审核', orgId: 'bdb', roles: ['bdb-reviewer'] },
  { username: 'bdb.coordinator', displayName: '李协调', orgId: 'bdb', roles: ['bdb-coordinator'] },
  { username: 'amr.applicant', displayName: '陈市监', orgId: 'amr', roles: ['applicant', 'provider-reviewer'] },
  { username: 'psb.provider', displayName: '周公安', orgId: 'psb', roles: ['provider-reviewer', 'applicant'] },
  { username: 'haishu.bdb', displayName: '吴海曙', orgId: 'haishu-bdb', roles: ['applicant'] },
  { username: 'water.provider', displayName: '郑水务', orgId: 'water', roles: ['provider-reviewer', 'applicant'] },
  { username: 'leader.office', displayName: '赵领导办', orgId: 'leadership-office', roles: ['leadership-office'] },
  { username: 'citizen.zhang', displayName: '张三', orgId: 'person-zhangsan', roles: ['public-applicant'] },
  { username: 'acme.applicant', displayName: '钱经理', orgId: 'acme', roles: ['public-applicant'] },
  { username: 'ndrc.opinion', displayName: '孙发改', orgId: 'ndrc', roles: ['opinion-recipient'] },
  { username: 'finance.opinion', displayName: '何财政', orgId: 'finance', roles: ['opinion-recipient'] },
];

export interface DemoResource {
  code: string;
  name: string;
  system: string;
  dataItems: string[];
  storageFormat: string;
  shareClass: 'unconditional' | 'restricted' | 'none';
  openClass: 'unconditional' | 'conditional' | 'none';
  shareReason: string | null;
  shareLegalBasis: string | null;
  openReason: string | null;
  provisionMethod: string;
  updateCycle: string;
  sharePeriodDays: number;
  providerId: string;
  /**
   * A fixed instant, or hours before seeding: a resource the demo means to be
   * current stays within its update cycle (Art. 26) on whatever day it is seeded.
   */
  lastUpdatedAt: string | { hoursBeforeSeed: number };
}

export const demoResources: DemoResource[] = [
  {
    code: 'NB-PSB-0001', name: '人口基础信息', system: '宁波市人口信息管理系统',
    dataItems: ['公民身份号码', '姓名', '性别', '民族', '出生日期', '户籍地址'], storageFormat: '数据库表',
    shareClass: 'restricted', openClass: 'none',
    shareReason: '含公民个人身份信息，仅可提供给有相关履职需要的行政机关',
    shareLegalBasis: '《中华人民共和国居民身份证法》第六条、第十九条；《中华人民共和国个人信息保护法》第三十四条',
    openReason: '涉及个人隐私，依第三十二条不得向社会开放',
    provisionMethod: '接口', updateCycle: 'daily', sharePeriodDays: 365, providerId: 'psb', lastUpdatedAt: { hoursBeforeSeed: 5 },
  },
  {
    code: 'NB-AMR-0001', name: '企业登记信息', system: '浙江省市场主体登记系统（宁波）',
    dataItems: ['统一社会信用代码', '企业名称', '法定代表人', '注册资本', '成立日期', '登记状态'], storageFormat: '数据库表',
    shareClass: 'unconditional', openClass: 'unconditional', shareReason: null, shareLegalBasis: null, openReason: null,
    provisionMethod: '接口', updateCycle: 'daily', sharePeriodDays: 365, providerId: 'amr', lastUpdatedAt: { hoursBeforeSeed: 4 },
  },
  {
    code: 'NB-WATER-0001', name: '用水户信息', system: '水务营业收费系统',
    dataItems: ['用户编号', '户名', '用水地址', '月用水量', '缴费状态'], storageFormat: '数据库表',
    shareClass: 'restricted', openClass: 'conditional',
    shareReason: '含用户地址与用水明细，属商业及个人信息，仅部分提供',
    shareLegalBasis: '《城市供水条例》第二十九条；《中华人民共和国个人信息保护法》第十三条',
    openReason: '需脱敏并签订数据利用协议后开放（第二十五条）',
    provisionMethod: '接口', updateCycle: 'monthly', sharePeriodDays: 180, providerId: 'water', lastUpdatedAt: '2026-11-01T09:00:00+08:00',
  },
  {
    code: 'NB-PSB-0002', name: '户籍变动明细', system: '宁波市人口信息管理系统',
    dataItems: ['公民身份号码', '变动类型', '变动日期', '迁出地', '迁入地'], storageFormat: '数据库表',
    shareClass: 'none', openClass: 'none',
    shareReason: '涉及个人户籍变动细节，不宜提供给其他行政机关共享使用',
    shareLegalBasis: '《中华人民共和国户口登记条例》第四条；《公安机关信息安全管理规定》',
    openReason: '涉及个人隐私，依第三十二条不得向社会开放',
    provisionMethod: '脱敏后接口', updateCycle: 'daily', sharePeriodDays: 90, providerId: 'psb', lastUpdatedAt: { hoursBeforeSeed: 6 },
  },
  {
    code: 'NB-AMR-0002', name: '行政处罚信息', system: '市场监管行政执法系统',
    dataItems: ['处罚决定书文号', '当事人名称', '违法行为类型', '处罚内容', '处罚日期'], storageFormat: '数据库表',
    shareClass: 'restricted', openClass: 'conditional',
    shareReason: '未公示的处罚信息含当事人商业信息，仅可提供给相关行政机关',
    shareLegalBasis: '《市场监督管理行政处罚信息公示规定》第六条',
    openReason: '公示期满信息需经审查后有条件开放',
    provisionMethod: '接口', updateCycle: 'weekly', sharePeriodDays: 365, providerId: 'amr', lastUpdatedAt: '2026-09-01T10:00:00+08:00',
  },
  {
    code: 'NB-WATER-0002', name: '供水管网水质监测数据', system: '供水水质在线监测平台',
    dataItems: ['监测点编号', '监测时间', '浊度', '余氯', 'pH值'], storageFormat: 'CSV',
    shareClass: 'unconditional', openClass: 'unconditional', shareReason: null, shareLegalBasis: null, openReason: null,
    provisionMethod: '文件下载', updateCycle: 'daily', sharePeriodDays: 365, providerId: 'water', lastUpdatedAt: { hoursBeforeSeed: 3 },
  },
];
