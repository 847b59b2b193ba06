/** Inputs, updates and state of the restricted-share workflow, shared with the API. */
import type { RestrictedSharePayload } from '../domain/cases/restricted-share/payload';
import type { DecisionBody } from '../domain/cases/restricted-share/decisions';

export interface RsResourceFacts {
  code: string;
  name: string;
  shareClass: 'unconditional' | 'restricted' | 'none';
  providerId: string;
  providerName: string;
  sharePeriodDays: number;
}

export interface RsActor {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  roles: string[];
}

export interface RsCaseInput {
  caseId: string;
  filedAt: string; // ISO; the API's receipt time
  applicant: { orgId: string; orgName: string; actor: RsActor };
  payload: RestrictedSharePayload;
  resources: RsResourceFacts[];
  parties: { bdbOrgId: string; leadershipOrgId: string };
  /** Display names of the organisations involved, for the history (optional: older cases lack it). */
  orgNames?: Record<string, string>;
}

export interface DecideInput {
  taskId: string;
  /** The Update id: recorded with the decision so a retry of the same request is told it succeeded. */
  requestId?: string;
  actor: RsActor;
  decision: DecisionBody;
  /** For `resubmit`: the amended payload, already checked by the API, and its catalog facts. */
  amended?: { payload: RestrictedSharePayload; resources: RsResourceFacts[] };
}

export interface WithdrawInput {
  actor: RsActor;
  /** The Update id, kept in the history entry: a retry of the same request is told it succeeded. */
  requestId?: string;
  reason?: string;
}

export interface RevokeGrantInput {
  grantId: string;
  requestId?: string;
  actor: RsActor;
  reason: string;
}

export type RsStatus = 'in-progress' | 'granted' | 'rejected' | 'withdrawn' | 'expired' | 'revoked';

export interface RsTaskState {
  id: string;
  step: string;
  orgId: string;
  role: string;
  status: 'open' | 'done' | 'cancelled';
  providerId: string | null;
  createdAt: string;
  dueAt: string | null;
  remindAt: string | null;
  provisional: boolean;
  yearsConsulted: number[];
  reminded: boolean;
  overdue: boolean;
  decision: string | null;
}

export interface RsOutcome {
  code: string;
  name: string;
  providerId: string;
  providerName: string;
  outcome: 'pending' | 'granted' | 'granted-desensitized' | 'refused';
  note: string | null;
}

export interface RsGrantState {
  id: string;
  resourceCode: string;
  expiresAt: string;
  status: 'active' | 'expired' | 'revoked';
}

export interface RsState {
  status: RsStatus;
  tasks: RsTaskState[];
  outcomes: RsOutcome[];
  grants: RsGrantState[];
  problemList: boolean;
}

export interface DecideResult {
  taskId: string;
  decision: string;
  status: RsStatus;
}
