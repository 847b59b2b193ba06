/**
 * What a procedure is, as data (PROCEDURES.md §4–7): its steps, who decides
 * each, the decisions and the fields each needs, the article it rests on, its
 * deadline rule and the flow the diagram draws. The API validates decisions
 * with it, the workflows open tasks from it, the web draws forms and labels
 * from it — one description, read everywhere.
 */
import type { Role } from '../auth/roles';
import type { CaseType } from '../cases/case-types';

/** Fields a decision may carry (API.md "Fields some decisions carry"). */
export const DECISION_FIELDS = ['comment', 'legalBasis', 'desensitization', 'payload', 'newDueAt', 'conditions', 'signerName', 'registeredResources', 'dataVersion', 'agreedWith'] as const;
export type DecisionField = (typeof DECISION_FIELDS)[number];

/** A colour family for the decision's button and badge: what kind of answer it is. */
export type DecisionTone = 'green' | 'amber' | 'red' | 'blue' | 'slate' | 'purple' | 'teal';

export interface DecisionSpec {
  label: string;
  tone: DecisionTone;
  /** Fields the decision must carry. */
  requires?: readonly DecisionField[];
  /** The refusal when a required field is missing (defaults to a generic sentence per field). */
  requiredMessage?: string;
  /** The article the refusal cites (defaults to the step's). */
  article?: string;
  /** One sentence for the person deciding: what the decision means under the regulation. */
  hint?: string;
  /** Why a task may not offer this decision (e.g. plain sharing of non-share data): the refusal given then. */
  withheld?: { message: string; article: string };
}

/** How long a step may take: working or natural days from the task's receipt (PROCEDURES §2). */
export interface DeadlineRule {
  workingDays?: number;
  naturalDays?: number;
  article: string;
  /** "policy" when the regulation sets no deadline and the bureau does (PROCEDURES "policy"). */
  source: 'regulation' | 'policy';
  /** What the history says when the deadline passes with the task still open. */
  lapseNote: string;
}

export interface StepSpec {
  label: string;
  role: Role;
  /** Who within the case holds the task: the BDB, a provider, the applicant, the leadership office… */
  party: 'bdb' | 'provider' | 'applicant' | 'leadership';
  article: string;
  decisions: Readonly<Record<string, DecisionSpec>>;
  deadline?: DeadlineRule;
}

export interface FlowStage {
  /** One step, or several that run in parallel (e.g. 综合评估). */
  main: readonly string[];
  /** A side path entered from this stage, in order. */
  branch?: readonly string[];
  /** What sends a case down the branch. */
  branchLabel?: string;
  /** The stage's steps run once per provider (or per resource) in parallel. */
  perProvider?: boolean;
}

export const FILED = '__filed';
export const END = '__end';

export interface ProcedureSpec {
  type: CaseType;
  label: string;
  /** The articles the procedure rests on, for its header. */
  articles: string;
  /** Roles that may file it. */
  filedBy: readonly Role[];
  /** Article cited when someone else tries to file, and on filing and withdrawal entries. */
  article: string;
  steps: Readonly<Record<string, StepSpec>>;
  flow: readonly FlowStage[];
}

/** A step in one call: its name, who decides it on which article, what it may decide, and its deadline. */
export function step<const D extends Readonly<Record<string, DecisionSpec>>>(label: string, role: Role, party: StepSpec['party'], article: string, decisions: D, deadline?: DeadlineRule) {
  return { label, role, party, article, decisions, ...(deadline ? { deadline } : {}) };
}
