/** The review opinion 审核意见 (Art. 9): its number and what it records. */

/** The decisions of `bdb-review` that issue an opinion (each goes to the investment and finance authorities); `return` does not. */
export const OPINION_DECISIONS = ['approve', 'approve-with-conditions', 'reject'] as const;
export type OpinionDecision = (typeof OPINION_DECISIONS)[number];

export const isOpinionDecision = (d: string): d is OpinionDecision => (OPINION_DECISIONS as readonly string[]).includes(d);

export const OPINION_DECISION_LABELS: Record<OpinionDecision, string> = {
  approve: '同意建设',
  'approve-with-conditions': '有条件同意建设',
  reject: '不同意建设',
};

/** 甬数审〔2026〕12号: per year, consecutive from 1. */
export const opinionNumber = (year: number, seq: number): string => `甬数审〔${year}〕${seq}号`;

/** The year of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export const shanghaiYear = (instant: Date): number => new Date(instant.getTime() + 8 * 3600_000).getUTCFullYear();

export interface Opinion {
  number: string;
  decision: OpinionDecision;
  conditions?: string;
  comment?: string;
  /** ISO instant. */
  issuedAt: string;
  /** The organisations it was copied to (抄送), as named when issued. */
  copiedTo?: { id: string; name: string }[];
}

/** The cc item's title in the recipients' inbox. */
export const opinionCcTitle = (number: string, projectName: string): string => `审核意见 ${number}：${projectName}`;

/** One 抄送 item as the recipient's inbox lists it (GET /tasks?kind=cc). */
export interface CcItemView {
  id: string;
  kind: 'cc';
  caseId: string;
  caseType: 'it-project';
  step: 'opinion-cc';
  title: string;
  opinionNumber: string;
  createdAt: string;
  readAt: string | null;
  readBy: { id: string; name: string } | null;
}

/** The role whose organisations receive every opinion (Art. 9: the investment and finance authorities). */
export const OPINION_RECIPIENT_ROLE = 'opinion-recipient';
