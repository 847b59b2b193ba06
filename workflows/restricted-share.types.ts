/** Input and state of the restricted-share workflow, shared with the API and the tests. */
import type { RestrictedSharePayload } from '../domain/cases/restricted-share/payload';
import type { Actor, CarriedCase, CaseState, KernelLimits, KernelTask, ResourceFacts } from './kernel/types';

export type { Actor as RsActor, ResourceFacts as RsResourceFacts, KernelTask as RsTaskState } from './kernel/types';
export type { DecideInput, DecideResult, RevokeGrantInput, WithdrawInput, GrantState as RsGrantState } from './kernel/types';

export interface RsCaseInput {
  caseId: string;
  filedAt: string; // ISO; the API's receipt time
  applicant: { orgId: string; orgName: string; actor: Actor };
  payload: RestrictedSharePayload;
  resources: ResourceFacts[];
  parties: { bdbOrgId: string; leadershipOrgId: string };
  /** Display names of the organisations involved, for the history (optional: older cases lack it). */
  orgNames?: Record<string, string>;
  limits?: KernelLimits;
  /** Set by the previous run when the case continued as new. */
  carried?: CarriedCase<RsData>;
}

export type RsStatus = 'in-progress' | 'granted' | 'rejected' | 'withdrawn' | 'expired' | 'revoked';

export interface RsOutcome {
  code: string;
  name: string;
  providerId: string;
  providerName: string;
  outcome: 'pending' | 'granted' | 'granted-desensitized' | 'refused';
  note: string | null;
}

/** The procedure's own state, kept in the kernel and carried over continue-as-new. */
export interface RsData {
  payload: RestrictedSharePayload;
  resources: ResourceFacts[];
  outcomes: RsOutcome[];
  problemList: boolean;
}

export type RsState = CaseState<RsData>;
export type { KernelTask };
