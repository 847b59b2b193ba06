/**
 * The shape of each procedure (PROCEDURES.md §4–7) for drawing it: the main
 * path, steps that run in parallel, and the side branches a case may take.
 */
import type { CaseType } from '../../domain/views';
import { RS_STEP_ARTICLES } from '../../domain/cases/restricted-share/steps';

export interface FlowStage {
  /** One step, or several that run in parallel (e.g. 综合评估). */
  main: string[];
  /** A side path entered from this stage, in order. */
  branch?: string[];
  /** What sends a case down the branch. */
  branchLabel?: string;
  /** Set on the stage whose step runs once per provider organisation. */
  perProvider?: boolean;
}

export const FILED = '__filed';
export const END = '__end';

export const FLOWS: Record<CaseType, FlowStage[]> = {
  'restricted-share': [
    { main: [FILED] },
    { main: ['bdb-review'], branch: ['applicant-amend'], branchLabel: '退回修改' },
    { main: ['provider-consent'], perProvider: true, branch: ['bdb-coordination', 'leadership-decision'], branchLabel: '不同意或逾期未复' },
    { main: [END] },
  ],
  'conditional-open': [
    { main: [FILED] },
    { main: ['bdb-assessment', 'provider-assessment'], branch: ['applicant-supplement'], branchLabel: '要求补充材料' },
    { main: ['applicant-sign'] },
    { main: ['bdb-countersign'] },
    { main: [END] },
  ],
  'problem-data': [
    { main: [FILED] },
    { main: ['provider-handle'], branch: ['bdb-extension-review'], branchLabel: '申请延期' },
    { main: ['reporter-confirm'], branch: ['bdb-arbitration'], branchLabel: '反馈方有异议' },
    { main: [END] },
  ],
  'it-project': [
    { main: [FILED] },
    { main: ['bdb-review'], branch: ['owner-amend'], branchLabel: '退回修改' },
    { main: ['owner-report-completion'] },
    { main: ['bdb-acceptance'] },
    { main: [END] },
  ],
};

/** The article a step rests on, shown on the diagram. */
export function stepArticle(type: CaseType, step: string): string | undefined {
  if (type === 'restricted-share') return (RS_STEP_ARTICLES as Record<string, string>)[step];
  if (type === 'it-project' && step === 'bdb-review') return '第9条';
  return STEP_ARTICLES[step];
}

/** Steps of §5–7 (domain/ has §4's). */
const STEP_ARTICLES: Record<string, string> = {
  'bdb-assessment': '第25条',
  'provider-assessment': '第25条',
  'applicant-supplement': '第25条',
  'applicant-sign': '第25条',
  'bdb-countersign': '第25条',
  'provider-handle': '第27条',
  'bdb-extension-review': '第27条',
  'reporter-confirm': '第27条',
  'bdb-arbitration': '第27条',
  'owner-amend': '第9条',
  'owner-report-completion': '第11条',
  'bdb-acceptance': '第11条',
};
