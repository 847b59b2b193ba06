/** Input and state of the conditional-open workflow, shared with the API and the tests. */
import type { ConditionalOpenPayload } from '../domain/cases/conditional-open/payload';
import type { Actor, CarriedCase, CaseState, KernelLimits, ResourceFacts } from './kernel/types';

export interface CoCaseInput {
  caseId: string;
  filedAt: string;
  applicant: { orgId: string; orgName: string; kind: 'person' | 'organisation'; actor: Actor };
  payload: ConditionalOpenPayload;
  resources: ResourceFacts[];
  parties: { bdbOrgId: string; bdbName: string };
  orgNames?: Record<string, string>;
  limits?: KernelLimits;
  carried?: CarriedCase<CoData>;
}

/** One line of the 综合评估: the BDB's, or one provider's. */
export interface AssessmentTrack {
  step: 'bdb-assessment' | 'provider-assessment';
  orgId: string;
  state: 'assessing' | 'supplementing' | 'approved';
  /** Working days left on the paused clock while the applicant supplements. */
  workingDaysLeft?: number;
}

export interface CoOutcome {
  code: string;
  name: string;
  providerId: string;
  providerName: string;
  outcome: 'pending' | 'granted' | 'refused';
  note: string | null;
}

export interface CoData {
  payload: ConditionalOpenPayload;
  resources: ResourceFacts[];
  tracks: Record<string, AssessmentTrack>;
  outcomes: CoOutcome[];
  /** The agreement's template version once drafted (its text and hash live in the database). */
  agreementVersion: string | null;
  signatures: { step: string; signerName: string; userId: string; at: string; sha256: string }[];
}

export type CoState = CaseState<CoData>;
