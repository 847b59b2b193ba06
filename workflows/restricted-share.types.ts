/** Input and state of the restricted-share workflow, shared with the API and the tests. */
import type { RestrictedSharePayload } from '../domain/cases/restricted-share/payload';
import type { CaseState, FiledCaseInput, KernelTask, ResourceFacts } from './kernel/types';

export type { Actor as RsActor, ResourceFacts as RsResourceFacts, KernelTask as RsTaskState } from './kernel/types';
export type { DecideInput, DecideResult, RevokeGrantInput, WithdrawInput, GrantState as RsGrantState } from './kernel/types';

export interface RsCaseInput extends FiledCaseInput<RestrictedSharePayload, RsData> {
  parties: { bdbOrgId: string; leadershipOrgId: string };
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
