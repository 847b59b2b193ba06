/**
 * The IT project review opinion 审核意见 (Art. 9) as a document: the same
 * words on the opinion page and in its PDF. The opinion is the basis on which
 * the investment authority approves the project and the finance authority
 * budgets it, so it names the project, the owner, the investment, the
 * conclusion with its conditions or reasons, the basis and the date.
 */

export type OpinionDecision = 'approve' | 'approve-with-conditions' | 'reject';

export interface OpinionFacts {
  number: string;
  decision: string;
  conditions?: string | null;
  comment?: string | null;
  /** ISO instant the opinion was issued. */
  issuedAt: string;
  projectName: string;
  ownerName: string;
  investmentWan: number | string;
  plannedCompletion?: string | null;
  /** The organisations the opinion was copied to (抄送); the authorities by their role when not known. */
  copiedTo?: { name: string }[] | null;
}

export interface OpinionDocument {
  issuer: string;
  title: string;
  number: string;
  addressee: string;
  /** Facts of the project, label and value. */
  facts: [string, string][];
  conclusion: string;
  /** Headed paragraphs after the conclusion (conditions or reasons, what follows). */
  sections: { heading: string; text: string }[];
  basis: string;
  cc: string;
  /** The issue date in Asia/Shanghai, written out (2026年11月30日). */
  date: string;
}

export const OPINION_ISSUER = '宁波市大数据发展管理局';
export const OPINION_BASIS_ARTICLE = '第9条';

export const OPINION_CONCLUSIONS: Record<OpinionDecision, string> = {
  approve: '通过',
  'approve-with-conditions': '有条件通过',
  reject: '不予通过',
};

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China keeps no daylight saving time

/** The calendar date of an instant in Asia/Shanghai, as a Chinese document writes it. */
export function chineseDate(iso: string): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

const investment = (v: number | string): string => (typeof v === 'number' ? `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元` : `${v} 万元`);

export function opinionDocument(f: OpinionFacts): OpinionDocument {
  const conclusion = OPINION_CONCLUSIONS[f.decision as OpinionDecision] ?? f.decision;
  const sections: { heading: string; text: string }[] = [];
  if (f.decision === 'approve-with-conditions' && f.conditions) sections.push({ heading: '通过条件', text: f.conditions });
  if (f.decision === 'reject') sections.push({ heading: '不予通过的理由', text: f.comment?.trim() || '—' });
  else if (f.comment?.trim()) sections.push({ heading: '审核说明', text: f.comment.trim() });
  if (f.decision !== 'reject') {
    sections.push({
      heading: '项目建设要求',
      text: '项目应依托市大数据中心平台建设，不得单独建设政务云平台和独立的数据中心（第8条）。项目完成后，应将项目数据目录更新至公共数据资源目录，并按规定实施数据归集和共享，报市大数据主管部门验收（第11条）。',
    });
  }
  return {
    issuer: OPINION_ISSUER,
    title: `关于“${f.projectName}”的审核意见`,
    number: f.number,
    addressee: `${f.ownerName}：`,
    facts: [
      ['项目名称', f.projectName],
      ['建设单位', f.ownerName],
      ['总投资', investment(f.investmentWan)],
      ...(f.plannedCompletion ? ([['计划完成日期', f.plannedCompletion]] as [string, string][]) : []),
    ],
    conclusion: `你单位报送的“${f.projectName}”信息化项目审核申请收悉。经审核，审核结论为：${conclusion}。`,
    sections,
    basis: `依据《宁波市公共数据管理办法》（甬政办发〔2019〕72号）${OPINION_BASIS_ARTICLE}：政府投资建设信息化和电子政务项目，由同级大数据主管部门出具审核意见；审核意见作为政府投资主管部门审批立项、财政主管部门编制预算的依据。`,
    cc: `抄送：${f.copiedTo?.length ? f.copiedTo.map((o) => o.name).join('、') : '市投资主管部门、市财政主管部门'}。`,
    date: chineseDate(f.issuedAt),
  };
}
