/** The kernel's state and the messages' payloads, shared by every procedure and the API. */
import type { DecisionBody } from '../../domain/procedures';

export interface Actor {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  roles: string[];
}

/** What a workflow needs to know of a catalog entry it was asked for. */
export interface ResourceFacts {
  code: string;
  name: string;
  shareClass: 'unconditional' | 'restricted' | 'none';
  /** Open class (Art. 25); older restricted-share inputs lack it. */
  openClass?: 'unconditional' | 'conditional' | 'none';
  providerId: string;
  providerName: string;
  sharePeriodDays: number;
}

/** The rule a deadline clock was planned by, kept so a calendar change re-plans it the same way. */
export interface ClockRule {
  from: string;
  workingDays?: number;
  naturalDays?: number;
  /** A fixed instant (an approved extension's date): no calendar moves it. */
  until?: string;
}

export interface KernelTask {
  id: string;
  step: string;
  orgId: string;
  role: string;
  status: 'open' | 'done' | 'cancelled';
  /** Which parallel line of the case the task belongs to (a provider, a resource…); null for the main line. */
  track: string | null;
  createdAt: string;
  /** The decisions this task offers (the step's, or fewer). */
  decisions: string[];
  dueAt: string | null;
  remindAt: string | null;
  provisional: boolean;
  yearsConsulted: number[];
  /** Absent on tasks opened before clocks kept their rule: their rule is the step's, from createdAt. */
  clock?: ClockRule;
  reminded: boolean;
  overdue: boolean;
  /** How often a calendar change moved the deadline: each move's reminder and lapse notices are new ones. */
  moves?: number;
  decision: string | null;
}

export interface GrantState {
  id: string;
  resourceCode: string;
  expiresAt: string;
  status: 'active' | 'expired' | 'revoked';
}

export interface DecideInput {
  taskId: string;
  /** The Update id: recorded with the decision so a retry of the same request is told it succeeded. */
  requestId?: string;
  actor: Actor;
  decision: DecisionBody;
  /** For `resubmit`: the amended payload, already checked by the API, and its catalog facts. */
  amended?: { payload: unknown; resources?: ResourceFacts[] };
  /** For `sign`: the SHA-256 of the agreement text the API holds and the signer read. */
  signedSha256?: string;
}

export interface DecideResult {
  taskId: string;
  decision: string;
  status: string;
}

export interface WithdrawInput {
  actor: Actor;
  /** The Update id, kept in the history entry: a retry of the same request is told it succeeded. */
  requestId?: string;
  reason?: string;
}

export interface RevokeGrantInput {
  grantId: string;
  requestId?: string;
  actor: Actor;
  reason: string;
}

/** Everything a run hands to the next when it continues as new. */
export interface CarriedCase<D> {
  run: number;
  status: string;
  tasks: KernelTask[];
  grants: GrantState[];
  seq: { task: number; history: number; grant: number };
  data: D;
}

/** What every procedure's workflow is started with: the filing, its catalog facts, and what a previous run carried. */
export interface FiledCaseInput<P, D> {
  caseId: string;
  filedAt: string; // ISO; the API's receipt time
  applicant: { orgId: string; orgName: string; actor: Actor };
  payload: P;
  resources: ResourceFacts[];
  /** Display names of the organisations involved, for the history (optional: older cases lack it). */
  orgNames?: Record<string, string>;
  limits?: KernelLimits;
  /** Set by the previous run when the case continued as new. */
  carried?: CarriedCase<D>;
}

/** Knobs of the kernel itself, set per case at filing (tests set small ones). */
export interface KernelLimits {
  /** Continue as new once the history has this many events (besides when Temporal suggests it). */
  continueAsNewAtHistoryLength?: number;
}

export type CaseState<D> = { status: string; tasks: KernelTask[]; grants: GrantState[] } & D;
